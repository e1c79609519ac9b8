// Following one order live, behind one small interface: orderUpdates(orderName, onChange) calls
// onChange({order, items}) whenever the order (its ListOrders row: phase, timestamps, counts) or
// its items (ShowOrder) change, until the order is finished.
//
// This implementation polls ShowOrder and ListOrders. The order's event stream
// (GET /v1/{project_id}/orders/{order_name}/events) can replace it here without any change to the
// views: an EventSource cannot send X-Auth-Token, so that one reads the stream with fetch() and a
// streaming body reader.

import { get, projectPath, seg } from './api.js';
import { findOrder } from './orderPages.js';

export const POLL_MS = 1500;

const FINISHED = new Set(['successed', 'failed']);

/** Whether nothing more will change: the order ended and none of its items is still running. */
export function finished(order, items) {
  return Boolean(order) && FINISHED.has(order.phase) && items.every((i) => i.status !== 'processing');
}

/**
 * Follows `orderName`. `onError(error)` hears failed reads (it keeps trying, except after a 404
 * or a 401, which end the following). Answers a function that stops it.
 */
export function orderUpdates(orderName, onChange, { onError = () => {}, intervalMs = POLL_MS } = {}) {
  const abort = new AbortController();
  let timer = null;
  let last = null;
  const tick = async () => {
    try {
      const [detail, order] = await Promise.all([
        get(projectPath('v1', `/orders/${seg(orderName)}`), { signal: abort.signal }),
        findOrder(orderName, { signal: abort.signal }),
      ]);
      const items = detail.items || [];
      const key = JSON.stringify([order, items]);
      if (key !== last) {
        last = key;
        onChange({ order, items });
      }
      if (finished(order, items)) {
        return;
      }
    } catch (e) {
      if (e.name === 'AbortError') {
        return;
      }
      onError(e);
      if (e.status === 404 || e.status === 401) {
        return;
      }
    }
    if (!abort.signal.aborted) {
      timer = setTimeout(tick, intervalMs);
    }
  };
  tick();
  return () => {
    abort.abort();
    clearTimeout(timer);
  };
}
