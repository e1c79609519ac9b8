// Pools: a table with phase, flavors, node counts and the current order; delete from here, create
// and scale in their own forms (poolForms.js).

import { call, get, projectPath, seg } from './api.js';
import { confirm } from './dialog.js';
import { el, replace } from './dom.js';
import { counts, total } from './format.js';
import { may, session } from './session.js';
import { badge, empty, failed, flash, heading, loading, notify } from './ui.js';

const NAME = 'os.modelarts/name';
const DESCRIPTION = 'os.modelarts/description';
const ORDER = 'os.modelarts/order.name';
const REFRESH_MS = 3000;

/** The pools view; answers a function that stops its refreshing. */
export function renderPools(main, { signal }) {
  const body = el('div', { class: 'pools-body' }, loading('pools'));
  replace(
    main,
    heading(
      'Pools',
      may('create')
        ? el('a', { class: 'button primary', href: '#/pools/new', text: 'Create pool' })
        : null,
    ),
    el('p', { class: 'lead', text: `Resource pools of project ${session().project.name}.` }),
    body,
  );
  let shown = null;
  let timer = null;
  const refresh = async () => {
    try {
      const list = await get(projectPath('v2', '/pools'), { signal });
      const key = JSON.stringify(list.items);
      if (key !== shown) {
        shown = key;
        showPools(body, list.items, refresh);
      }
    } catch (e) {
      if (e.name === 'AbortError') {
        return;
      }
      shown = null;
      replace(body, failed(e, refresh));
    }
    if (!signal.aborted) {
      clearTimeout(timer);
      timer = setTimeout(refresh, REFRESH_MS);
    }
  };
  refresh();
  return () => clearTimeout(timer);
}

function showPools(body, pools, refresh) {
  if (pools.length === 0) {
    replace(
      body,
      empty(
        `No pools in project ${session().project.name} yet.`,
        may('create') ? el('a', { class: 'button primary', href: '#/pools/new', text: 'Create the first pool' }) : null,
      ),
    );
    return;
  }
  // Rebuilding the table must not lose the user's place: focus returns to the same control.
  const focused = document.activeElement?.dataset?.focusKey;
  const rows = pools
    .slice()
    .sort((a, b) => a.metadata.labels[NAME].localeCompare(b.metadata.labels[NAME]))
    .map((pool) => poolRow(pool, refresh));
  replace(
    body,
    el(
      'table',
      { class: 'pools responsive' },
      el('caption', { class: 'visually-hidden', text: 'Pools' }),
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          ['Pool', 'Phase', 'Flavors', 'Nodes', 'Current order', 'Actions'].map(
            (h) => el('th', { scope: 'col', text: h }),
          ),
        ),
      ),
      el('tbody', {}, rows),
    ),
  );
  if (focused) {
    body.querySelector(`[data-focus-key="${CSS.escape(focused)}"]`)?.focus();
  }
}

function poolRow(pool, refresh) {
  const display = pool.metadata.labels[NAME];
  const name = pool.metadata.name;
  const status = pool.status || {};
  const resources = status.resources || {};
  const order = pool.metadata.labels[ORDER];
  const description = pool.metadata.annotations?.[DESCRIPTION];
  const cell = (label, ...content) => el('td', { 'data-label': label }, el('div', {}, content));
  return el(
    'tr',
    { 'data-pool': display },
    el(
      'th',
      { scope: 'row', 'data-label': 'Pool' },
      el(
        'div',
        {},
        el('span', { class: 'pool-name', text: display }),
        description ? el('span', { class: 'description', text: description }) : null,
      ),
    ),
    cell(
      'Phase',
      badge(status.phase),
      status.message ? el('span', { class: 'status-message', text: status.message }) : null,
    ),
    cell('Flavors', counts(pool.spec.resources)),
    cell(
      'Nodes',
      el(
        'ul',
        { class: 'node-counts' },
        ['available', 'creating', 'abnormal'].map((kind) => {
          const n = total(resources[kind]);
          return el(
            'li',
            { class: n > 0 ? 'some' : 'none' },
            el('span', { class: `count ${kind}`, text: n }),
            ` ${kind}`,
          );
        }),
      ),
    ),
    cell(
      'Current order',
      order
        ? el('a', { href: `#/orders/${seg(order)}`, 'data-focus-key': `order:${name}`, text: order })
        : '—',
    ),
    cell(
      'Actions',
      el(
        'div',
        { class: 'row-actions' },
        el('a', {
          href: `#/orders?pool=${seg(display)}`,
          'data-focus-key': `orders:${name}`,
          text: 'Orders',
        }),
        may('scale') && status.phase !== 'Deleting'
          ? el('a', {
              class: 'button secondary',
              href: `#/pools/${seg(name)}/scale`,
              'data-focus-key': `scale:${name}`,
              'aria-label': `Scale ${display}`,
              text: 'Scale',
            })
          : null,
        may('delete') && status.phase !== 'Deleting'
          ? el('button', {
              type: 'button',
              class: 'danger',
              'data-focus-key': `delete:${name}`,
              'aria-label': `Delete ${display}`,
              text: 'Delete',
              onclick: () => deletePool(pool, refresh),
            })
          : null,
      ),
    ),
  );
}

async function deletePool(pool, refresh) {
  const display = pool.metadata.labels[NAME];
  const nodes = total(pool.status?.resources?.available) + total(pool.status?.resources?.abnormal);
  const done = await confirm({
    title: `Delete pool ${display}?`,
    message: `This places a delete order that removes the pool and its ${nodes} node${nodes === 1 ? '' : 's'}. Its orders stay visible.`,
    confirmLabel: 'Delete pool',
    danger: true,
    submit: () => call('DELETE', projectPath('v2', `/pools/${seg(pool.metadata.name)}`)),
  });
  if (!done) {
    return;
  }
  const order = done.data?.metadata?.labels?.[ORDER];
  if (order) {
    flash(`Pool ${display} is being deleted by order ${order}.`);
    location.hash = `#/orders/${seg(order)}`;
  } else {
    notify(`Pool ${display} is being deleted.`);
    refresh();
  }
}
