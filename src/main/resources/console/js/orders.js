// Orders: ListOrders with filters (pool, phase, time range), newest first, a count, and paging
// past ListOrders' offset limit (orderPages.js). The filters live in the address, so a filtered
// list can be reloaded, bookmarked and gone back to.

import { get, projectPath, seg } from './api.js';
import { el, replace, uid } from './dom.js';
import { showError } from './fieldErrors.js';
import { counts, duration, plural, time } from './format.js';
import { ordersPage } from './orderPages.js';
import { badge, empty, failed, field, heading, loading } from './ui.js';

const DAY = 24 * 3600 * 1000;
const RANGES = {
  '1h': ['the last hour', 3600 * 1000],
  '24h': ['the last 24 hours', DAY],
  '7d': ['the last 7 days', 7 * DAY],
  '30d': ['the last 30 days', 30 * DAY],
};
const PHASES = ['pending', 'processing', 'successed', 'failed'];

/** The filters in the address: {pool, phase, range, from, to}. */
function filtersOf(params) {
  return {
    pool: params.get('pool') || '',
    phase: PHASES.includes(params.get('phase')) ? params.get('phase') : '',
    range: params.get('range') === 'custom' || RANGES[params.get('range')] ? params.get('range') : '30d',
    from: params.get('from') || '',
    to: params.get('to') || '',
  };
}

/** The ListOrders bounds of the filters, and how they read in a sentence. */
function bounds(f, now = Date.now()) {
  if (f.range !== 'custom') {
    const [words, span] = RANGES[f.range];
    return { since: now - span, until: null, words: `in ${words}` };
  }
  const since = f.from ? Date.parse(f.from) : null;
  const until = f.to ? Date.parse(f.to) : null;
  const words =
    since && until
      ? `between ${time(since)} and ${time(until)}`
      : since
        ? `since ${time(since)}`
        : until
          ? `until ${time(until)}`
          : 'in the list window';
  return { since, until, words };
}

export function renderOrders(main, { params, signal }) {
  const f = filtersOf(params);
  const form = filterForm(f);
  const status = el('p', { class: 'count', role: 'status' });
  const body = el('div', { class: 'orders-body' }, loading('orders'));
  const refresh = el('button', { type: 'button', class: 'secondary', text: 'Refresh' });
  replace(main, heading('Orders', refresh), form, status, body);
  refresh.addEventListener('click', () => load());
  fillPools(form.querySelector('datalist'), signal);

  const load = async () => {
    const b = bounds(f);
    replace(body, loading('orders'));
    status.textContent = '';
    const query = { pool: f.pool, phase: f.phase, since: b.since, until: b.until };
    let page;
    try {
      page = await ordersPage(query, null, { signal });
    } catch (e) {
      if (e.name === 'AbortError') {
        return;
      }
      if (e.status === 400 || (e.status === 404 && f.pool)) {
        showError(form, e, e.status === 404 ? form.querySelector('[name=pool]') : null);
        replace(body);
        return;
      }
      replace(body, failed(e, load));
      return;
    }
    if (page.items.length === 0) {
      const what = `${f.phase ? `${f.phase} ` : ''}orders${f.pool ? ` of pool ${f.pool}` : ''}`;
      replace(body, empty(`No ${what} ${b.words}.`));
      return;
    }
    const tbody = el('tbody');
    const table = el(
      'table',
      { class: 'orders responsive' },
      el('caption', { class: 'visually-hidden', text: 'Orders, newest first' }),
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          ['Order', 'Pool', 'Operation', 'Phase', 'Target', 'Placed', 'Took', 'Placed by'].map((h) =>
            el('th', { scope: 'col', text: h }),
          ),
        ),
      ),
      tbody,
    );
    const more = el('button', { type: 'button', class: 'secondary', text: 'Show older orders' });
    replace(body, table, more);
    let shown = 0;
    const add = (p) => {
      p.items.forEach((o) => tbody.append(orderRow(o)));
      shown += p.items.length;
      status.textContent =
        shown >= p.total ? `${plural(p.total, 'order')} ${b.words}.` : `Showing ${shown} of ${plural(p.total, 'order')} ${b.words}.`;
      more.hidden = !p.next;
      more.onclick = async () => {
        more.disabled = true;
        try {
          const firstNew = tbody.children.length;
          add(await ordersPage(query, p.next, { signal }));
          tbody.children[firstNew]?.querySelector('a')?.focus();
        } catch (e) {
          if (e.name !== 'AbortError') {
            more.after(failed(e));
          }
        } finally {
          more.disabled = false;
        }
      };
    };
    add(page);
  };
  load();
}

function orderRow(o) {
  const cell = (label, ...content) => el('td', { 'data-label': label }, el('div', {}, content));
  const took = o.beginTimestamp ? (o.endTimestamp || Date.now()) - o.beginTimestamp : 0;
  return el(
    'tr',
    { 'data-order': o.orderName },
    el(
      'th',
      { scope: 'row', 'data-label': 'Order' },
      el(
        'div',
        {},
        el('a', { href: `#/orders/${seg(o.orderName)}`, text: o.orderName }),
        el('span', { class: 'order-id', text: o.orderId }),
      ),
    ),
    cell('Pool', o.resourceDisplayName),
    cell('Operation', o.operation),
    cell('Phase', badge(o.phase), o.failReason ? el('span', { class: 'status-message', text: o.failReason }) : null),
    cell('Target', counts(o.specCount)),
    cell('Placed', time(o.creationTimestamp)),
    cell('Took', took ? duration(took) : '—'),
    cell('Placed by', o.createdBy?.userName || '—'),
  );
}

function filterForm(f) {
  const listId = uid('pools');
  const pool = el('input', {
    id: uid('f'),
    name: 'pool',
    value: f.pool,
    list: listId,
    autocomplete: 'off',
    'data-api-path': 'pool',
  });
  const phase = el(
    'select',
    { id: uid('f'), name: 'phase' },
    el('option', { value: '', text: 'Any phase' }),
    PHASES.map((p) => el('option', { value: p, text: p, selected: p === f.phase })),
  );
  const range = el(
    'select',
    { id: uid('f'), name: 'range' },
    Object.entries(RANGES).map(([k, [words]]) => el('option', { value: k, text: words, selected: k === f.range })),
    el('option', { value: 'custom', text: 'between two times', selected: f.range === 'custom' }),
  );
  const from = el('input', { id: uid('f'), name: 'from', type: 'datetime-local', step: '1', value: f.from, 'data-api-path': 'since' });
  const to = el('input', { id: uid('f'), name: 'to', type: 'datetime-local', step: '1', value: f.to, 'data-api-path': 'until' });
  const custom = el('div', { class: 'custom-range', hidden: f.range !== 'custom' }, field('From', from), field('To', to));
  const form = el(
    'form',
    { class: 'filters', role: 'search', 'aria-label': 'Filter orders', novalidate: true },
    field('Pool', pool, 'A pool name; empty for all'),
    el('datalist', { id: listId }),
    field('Phase', phase),
    field('Placed in', range),
    custom,
    el('p', { class: 'form-error', role: 'alert', tabindex: '-1' }),
    el('div', { class: 'actions' }, el('button', { type: 'submit', class: 'primary', text: 'Apply filters' })),
  );
  range.addEventListener('change', () => {
    custom.hidden = range.value !== 'custom';
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const q = new URLSearchParams();
    for (const input of [pool, phase, range]) {
      if (input.value.trim()) {
        q.set(input.name, input.value.trim());
      }
    }
    if (range.value === 'custom') {
      if (from.value) {
        q.set('from', from.value);
      }
      if (to.value) {
        q.set('to', to.value);
      }
    }
    const hash = `#/orders${q.toString() ? `?${q}` : ''}`;
    if (location.hash === hash) {
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    } else {
      location.hash = hash;
    }
  });
  return form;
}

async function fillPools(datalist, signal) {
  try {
    const pools = await get(projectPath('v2', '/pools'), { signal });
    replace(
      datalist,
      pools.items.map((p) => el('option', { value: p.metadata.labels['os.modelarts/name'] })),
    );
  } catch {
    // Suggestions only: the field works without them.
  }
}
