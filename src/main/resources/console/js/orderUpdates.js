// Following one order live, behind one small interface: orderUpdates(orderName, onChange, …)
// calls onChange({order, items}) whenever the order (its ListOrders row: phase, timestamps,
// counts) or its items change, until the order is finished, and tells through onMode how it
// follows it, for the page's live indicator. The views do not know which source they have:
// the order's event stream (orderStream.js) first, and ShowOrder polled (orderPolling.js) when
// the stream cannot be had (a proxy that refuses or buffers it, a service without it).

import { pollOrder } from './orderPolling.js';
import { streamOrder } from './orderStream.js';

export { finished, POLL_MS } from './orderPolling.js';

/**
 * Modes: "connecting", "live" (the stream is up), "reconnecting" (it dropped; it resumes where it
 * stopped), "polling" (no stream: ShowOrder every POLL_MS), "finished". `onError(error)` hears
 * failures worth showing; a 404 or a 401 ends the following. `stream: false` polls from the start.
 * Answers a function that stops it.
 */
export function orderUpdates(orderName, onChange, { onError = () => {}, onMode = () => {}, stream = true } = {}) {
  const abort = new AbortController();
  const signal = abort.signal;
  const onDone = () => onMode('finished');
  const poll = () => {
    if (!signal.aborted) {
      onMode('polling');
      pollOrder(orderName, { onChange, onError, onDone, signal });
    }
  };
  if (stream && typeof TextDecoderStream === 'function') {
    streamOrder(orderName, { onChange, onMode, onDone, onError, onUnavailable: poll, signal });
  } else {
    poll();
  }
  return () => abort.abort();
}
