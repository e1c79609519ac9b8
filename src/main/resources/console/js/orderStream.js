// The other way of following an order, the one tried first: its event stream
// (GET /v1/{project_id}/orders/{order_name}/events). The stream replays the order's history, then
// sends each change as it happens, and ends after the order's final event; the items' bars are
// built from the item events alone, so no ShowOrder request is made while the stream is up. The
// order's ListOrders row (billing, counts, timestamps) is read again after changes, at most once a
// second. A dropped stream is resumed with Last-Event-ID; one that cannot be had is reported to
// `onUnavailable`, which falls back to polling.

import { ApiError, openStream, projectPath, seg } from './api.js';
import { findOrder } from './orderPages.js';
import { readEventStream } from './sse.js';

/** Connection failures in a row (without an event in between) after which the stream is given up. */
const ATTEMPTS = 3;
const BACKOFF_MS = [500, 1000, 2000];
/** The server sends a heartbeat every 15 s by default: a stream silent for longer is dead. */
const SILENCE_MS = 45_000;
const ROW_GAP_MS = 1000;
const FINAL = new Set(['order.successed', 'order.failed']);

/**
 * Follows `orderName` by its stream. `onMode` hears "connecting", "live" and "reconnecting";
 * `onChange({order, items})` each new state; `onDone()` the end of the order; `onError` a refusal
 * that ends the following (404: no such order; 401: the session ended); `onUnavailable(error)` that
 * the stream cannot be had (any other refusal, or the connection failing ATTEMPTS times in a row).
 */
export function streamOrder(orderName, { onChange, onMode, onDone, onError, onUnavailable, signal }) {
  const items = new Map();
  let row = null;
  let phase = null;
  let lastEventId = '';
  let ended = false;

  let emitting = false;
  let shown = null;
  const emit = () => {
    if (emitting) {
      return;
    }
    emitting = true;
    // Once per chunk of events, not once per event of a replay.
    setTimeout(() => {
      emitting = false;
      if (signal.aborted) {
        return;
      }
      const order = row && phase ? { ...row, phase } : row;
      const state = { order, items: [...items.values()].sort((a, b) => a.seq - b.seq) };
      const key = JSON.stringify(state);
      if (key !== shown) {
        shown = key;
        onChange(state);
      }
    }, 0);
  };

  const readRow = coalesced(async () => {
    try {
      row = await findOrder(orderName, { signal });
    } catch (e) {
      if (e.name === 'AbortError') {
        return;
      }
      // The next change reads it again; the items do not depend on it.
    }
    emit();
  }, ROW_GAP_MS);

  const apply = ({ id, data }) => {
    lastEventId = id || lastEventId;
    let event;
    try {
      event = JSON.parse(data);
    } catch {
      return;
    }
    phase = event.phase || phase;
    if (event.item) {
      const before = items.get(event.item.seq);
      items.set(event.item.seq, {
        seq: event.item.seq,
        action: event.item.action,
        resourceName: event.item.resourceName,
        status: event.item.status,
        message: event.item.message || undefined,
        beginTimestamp: before?.beginTimestamp ?? event.time,
        updateTimestamp: event.time,
      });
    }
    if (FINAL.has(event.type)) {
      ended = true;
    }
    readRow();
    emit();
  };

  const path = projectPath('v1', `/orders/${seg(orderName)}/events`);
  const run = async () => {
    readRow();
    let failures = 0;
    while (!ended && !signal.aborted) {
      onMode(failures === 0 && !lastEventId ? 'connecting' : 'reconnecting');
      let received = false;
      try {
        const response = await openStream(path, { lastEventId, signal });
        onMode('live');
        await readUntilSilent(response, signal, (e) => {
          received = true;
          apply(e);
        });
      } catch (e) {
        if (signal.aborted) {
          return;
        }
        if (e instanceof ApiError) {
          (e.status === 404 || e.status === 401 ? onError : onUnavailable)(e);
          return;
        }
      }
      // The stream ended or broke. Without the order's final event, it is resumed.
      failures = received ? 1 : failures + 1;
      if (!ended && failures >= ATTEMPTS) {
        onUnavailable(new Error('The event stream keeps breaking.'));
        return;
      }
      if (!ended) {
        onMode('reconnecting');
        await sleep(BACKOFF_MS[Math.min(failures, BACKOFF_MS.length) - 1], signal);
      }
    }
    if (ended && !signal.aborted) {
      await readRow.now();
      onDone();
    }
  };
  run();
}

/** Reads the stream; a stream silent for SILENCE_MS (not even a heartbeat) is cut, to resume. */
async function readUntilSilent(response, signal, onEvent) {
  const cut = new AbortController();
  const stop = () => cut.abort();
  signal.addEventListener('abort', stop, { once: true });
  let timer = setTimeout(stop, SILENCE_MS);
  try {
    await readEventStream(response, {
      onEvent,
      onActivity: () => {
        clearTimeout(timer);
        timer = setTimeout(stop, SILENCE_MS);
      },
      signal: cut.signal,
    });
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', stop);
  }
}

/**
 * `task` run at most once at a time and at most once every `gapMs`: calls while it runs or waits
 * make it run once more afterwards. `now()` runs it once more at once, after any run under way.
 */
function coalesced(task, gapMs) {
  let busy = false;
  let again = false;
  let last = 0;
  let current = Promise.resolve();
  const run = async () => {
    busy = true;
    try {
      do {
        again = false;
        const wait = last + gapMs - Date.now();
        if (wait > 0) {
          await new Promise((resolve) => setTimeout(resolve, wait));
        }
        last = Date.now();
        await task();
      } while (again);
    } finally {
      busy = false;
    }
  };
  const call = () => {
    if (busy) {
      again = true;
    } else {
      current = run();
    }
  };
  call.now = async () => {
    await current;
    await task();
  };
  return call;
}

function sleep(ms, signal) {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}
