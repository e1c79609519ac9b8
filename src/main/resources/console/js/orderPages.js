// Paging ListOrders newest first, behind one function. The service offers a keyset marker (an
// extension): the first request sends an empty `marker`, and each answer carries `nextMarker`
// while more orders follow, so pages neither skip nor repeat orders placed meanwhile, however far
// back they go. A service without markers ignores the parameter and sends none; then paging falls
// back to limit and offset, where offset stops at 500: each next page narrows `until` to the
// creation time of the last order shown (bounds are inclusive) and skips the orders of that very
// millisecond that were already shown. Orders are de-duplicated by name as well, in case two share
// a timestamp.

import { get, projectPath } from './api.js';

export const PAGE_SIZE = 100;
const MAX_OFFSET = 500;

/**
 * The first page of orders matching `filters` ({pool, phase, since, until}, all optional), or the
 * page after `cursor`. Answers `{items, total, next, byMarker}`: `total` is the count of all
 * matching orders, `next` the cursor of the following page or null after the last, `byMarker`
 * whether the pages come by the service's marker.
 */
export async function ordersPage(filters, cursor = null, options = {}) {
  const at = cursor || { marker: '', until: filters.until ?? null, skip: 0, seen: new Set(), total: null, shown: 0 };
  const limit = String(options.pageSize || PAGE_SIZE);
  const query = new URLSearchParams({ limit });
  if (at.marker !== null) {
    query.set('marker', at.marker);
  } else {
    query.set('offset', String(at.skip));
  }
  if (filters.pool) {
    query.set('involvedName', filters.pool);
  }
  if (filters.phase) {
    query.set('phase', filters.phase);
  }
  if (filters.since !== undefined && filters.since !== null) {
    query.set('since', String(filters.since));
  }
  const until = at.marker !== null ? (filters.until ?? null) : at.until;
  if (until !== null) {
    query.set('until', String(until));
  }
  const page = await get(projectPath('v1', `/orders?${query}`), options);
  const total = at.total ?? page.count;
  const seen = new Set(at.seen);
  const items = page.items.filter((o) => !seen.has(o.orderName));
  items.forEach((o) => seen.add(o.orderName));
  const shown = at.shown + items.length;
  if (page.nextMarker) {
    return { items, total, byMarker: true, next: { marker: page.nextMarker, seen, total, shown } };
  }
  // Paging by marker (this answer came after one with a marker): the last page.
  if (at.marker) {
    return { items, total, byMarker: true, next: null };
  }
  let next = null;
  const full = page.items.length === Number(limit);
  if (full && shown < total && items.length > 0) {
    const last = page.items[page.items.length - 1].creationTimestamp;
    const sameInstant = page.items.filter((o) => o.creationTimestamp === last).length;
    // A page made only of orders of one millisecond moves on by offset within it.
    const skip = at.until === last ? at.skip + sameInstant : sameInstant;
    if (skip <= MAX_OFFSET) {
      next = { marker: null, until: last, skip, seen, total, shown };
    }
  }
  return { items, total, next, byMarker: false };
}

/** The order named `orderName`, searched among its pool's orders; null when it is not listed. */
export async function findOrder(orderName, options = {}) {
  const match = /^order\.(.+)-[a-z0-9]{5}$/.exec(orderName);
  if (!match) {
    return null;
  }
  let cursor = null;
  for (let pages = 0; pages < 20; pages += 1) {
    let page;
    try {
      page = await ordersPage({ pool: match[1] }, cursor, options);
    } catch (e) {
      // No pool of that name, live or referenced by a retained order: no such order either.
      if (e.status === 404) {
        return null;
      }
      throw e;
    }
    const found = page.items.find((o) => o.orderName === orderName);
    if (found || !page.next) {
      return found || null;
    }
    cursor = page.next;
  }
  return null;
}
