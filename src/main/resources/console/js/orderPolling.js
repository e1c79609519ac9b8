// One way of following an order: reading ShowOrder (its items) and its ListOrders row (phase,
// timestamps, counts) every POLL_MS. The console falls back to it when the order's event stream
// cannot be had (orderUpdates.js).

import { get, projectPath, seg } from './api.js';
import { findOrder } from './orderPages.js';

export const POLL_MS = 1500;

const FINISHED = new Set(['successed', 'failed']);

/** Whether nothing more will change: the order ended and none of its items is still running. */
export function finished(order, items) {
  return Boolean(order) && FINISHED.has(order.phase) && items.every((i) => i.status !== 'processing');
}

/**
 * Polls `orderName` until it has finished (then `onDone()`) or `signal` aborts. `onChange` hears
 * each new state, `onError` each failed read: it keeps trying, except after a 404 or a 401, which
 * end the polling.
 */
export function pollOrder(orderName, { onChange, onError, onDone, signal, intervalMs = POLL_MS }) {
  let last = null;
  let timer = null;
  const tick = async () => {
    try {
      const [detail, order] = await Promise.all([
        get(projectPath('v1', `/orders/${seg(orderName)}`), { signal }),
        findOrder(orderName, { signal }),
      ]);
      const items = detail.items || [];
      const key = JSON.stringify([order, items]);
      if (key !== last) {
        last = key;
        onChange({ order, items });
      }
      if (finished(order, items)) {
        onDone();
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
    if (!signal.aborted) {
      timer = setTimeout(tick, intervalMs);
    }
  };
  signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
  tick();
}
