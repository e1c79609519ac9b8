// One order: what it is, where it stands, the actions it allows, and its items on a live Gantt
// timeline.

import { seg } from './api.js';
import { el, replace } from './dom.js';
import { billing, counts, duration, time } from './format.js';
import { createGantt } from './gantt.js';
import { actionButtons, awaiting } from './orderActions.js';
import { orderUpdates, POLL_MS } from './orderUpdates.js';
import { badge, empty, failed, heading, loading, notify } from './ui.js';

/** The order view; answers a function that stops following the order. */
export function renderOrder(main, { params }) {
  const name = params.name;
  const summary = el('section', { class: 'order-summary', 'aria-label': 'Order' }, loading('the order'));
  const actions = el('div', { class: 'order-actions actions' });
  const live = el('p', { class: 'live', role: 'status', 'data-mode': 'connecting' });
  const timeline = el('section', { class: 'timeline', 'aria-labelledby': 'timeline-title' });
  const gantt = createGantt();
  replace(
    main,
    el('nav', { class: 'crumbs', 'aria-label': 'Breadcrumb' }, el('a', { href: '#/orders', text: 'Orders' }), ' › ', name),
    heading(`Order ${name}`),
    summary,
    actions,
    el('h2', { id: 'timeline-title', text: 'Timeline' }),
    live,
    timeline,
  );
  let current = { order: null, items: [] };
  let clock = null;
  let stop = () => {};
  let shownWaits = null;

  const show = async ({ order, items }) => {
    current = { order, items };
    if (live.dataset.mode === 'paused') {
      // A read worked again after a failed one.
      showMode(live, mode);
    }
    showSummary(summary, name, order, items);
    showTimeline(timeline, gantt, order, items);
    clearInterval(clock);
    if (items.some((i) => i.status === 'processing')) {
      // Running bars grow with the clock between two updates.
      clock = setInterval(() => gantt.update(current.items), 1000);
    }
    if (order?.phase === 'pending') {
      const waits = await awaiting(order).catch(() => ({ payment: order.billingMode === '1', approval: true }));
      const key = JSON.stringify([order.orderName, order.phase, waits]);
      if (current.order !== order) {
        return;
      }
      // The summary was drawn afresh: its line of what the order waits for, too.
      showWaits(summary, waits);
      if (key !== shownWaits) {
        shownWaits = key;
        replace(actions, actionButtons(order, waits, acted));
      }
    } else {
      shownWaits = null;
      replace(actions);
    }
  };

  const acted = (order, message) => {
    notify(message);
    show({ order, items: current.items });
    follow();
  };

  const onError = (e) => {
    if (e.status === 404) {
      replace(summary, failed(e));
      replace(timeline);
      main.querySelector('#timeline-title').hidden = true;
      live.textContent = '';
      replace(actions, el('a', { class: 'button secondary', href: '#/orders', text: 'Back to the orders' }));
      return;
    }
    live.textContent = `Updates paused: ${e.message}`;
    live.dataset.mode = 'paused';
  };
  let mode = 'connecting';
  const onMode = (m) => {
    mode = m;
    showMode(live, m);
  };

  const follow = () => {
    stop();
    stop = orderUpdates(name, show, { onError, onMode });
  };
  follow();
  return () => {
    stop();
    clearInterval(clock);
  };
}

const MODES = {
  connecting: 'Connecting to the order\'s event stream…',
  live: 'Live: the timeline follows the order\'s event stream.',
  reconnecting: 'Reconnecting: the event stream dropped; it resumes where it stopped.',
  polling: `Polling: the event stream is unavailable, so the timeline is read again every ${POLL_MS / 1000} s.`,
  finished: 'Finished: the timeline no longer changes.',
};

/** The live indicator: how the timeline follows the order, in words (and a symbol by CSS). */
function showMode(live, mode) {
  live.dataset.mode = mode;
  live.textContent = MODES[mode];
}

function showSummary(summary, name, order, items) {
  if (!order) {
    replace(
      summary,
      el('p', {
        class: 'state',
        text: `Order ${name} is not in the order list (it is older than the list's window), so only its items are shown.`,
      }),
    );
    return;
  }
  const took = order.beginTimestamp ? (order.endTimestamp || Date.now()) - order.beginTimestamp : 0;
  const rows = [
    ['Phase', badge(order.phase)],
    ['Operation', order.operation],
    ['Pool', el('a', { href: `#/orders?pool=${seg(order.resourceDisplayName)}`, text: order.resourceDisplayName })],
    ['Order ID', order.orderId],
    ['Billing', billing(order)],
    ['Placed', time(order.creationTimestamp)],
    ['Placed by', order.createdBy?.userName || '—'],
    ['Began', time(order.beginTimestamp)],
    ['Ended', time(order.endTimestamp)],
    ['Took', took ? duration(took) : '—'],
    order.initCount ? ['Nodes before', counts(order.initCount)] : null,
    ['Target', counts(order.specCount)],
    ['Nodes now', counts(order.resultCount)],
    ['Items', String(items.length)],
  ].filter(Boolean);
  replace(
    summary,
    el(
      'dl',
      { class: 'facts' },
      rows.map(([term, value]) => el('div', { 'data-fact': term }, el('dt', { text: term }), el('dd', {}, value))),
    ),
    order.failReason
      ? el('p', { class: 'fail-reason', role: 'alert' }, el('strong', { text: 'Failed: ' }), order.failReason)
      : null,
    el('p', { class: 'waits', hidden: true }),
  );
}

function showWaits(summary, waits) {
  const line = summary.querySelector('.waits');
  if (!line) {
    return;
  }
  const what = [waits.payment && 'payment', waits.approval && 'approval'].filter(Boolean).join(' and ');
  line.hidden = !what;
  line.textContent = what ? `This order is waiting for ${what}.` : '';
}

function showTimeline(timeline, gantt, order, items) {
  if (items.length > 0) {
    if (!timeline.contains(gantt.element)) {
      replace(timeline, gantt.element);
    }
    gantt.update(items);
    return;
  }
  const why =
    order?.phase === 'pending'
      ? 'No items yet: the order has not started.'
      : order?.phase === 'failed'
        ? 'No items: the order failed before any step began.'
        : 'No items yet: the order is about to start.';
  replace(timeline, empty(why));
}
