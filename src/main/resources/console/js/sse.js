// Reading a text/event-stream (Server-Sent Events) with fetch() and a reader of the body. The
// browser's EventSource would do this for us, but it cannot send X-Auth-Token, and the token must
// not travel in a cookie or the address (addresses end up in logs).

/**
 * A parser of the event stream format (html.spec.whatwg.org "Parsing an event stream"): feed it
 * text as it arrives with `push(text)`, in chunks cut anywhere; it calls `onEvent({id, type, data})`
 * for each complete event and `onComment(text)` for each comment line (the server's heartbeats).
 * `id` is the last `id:` seen so far, as the spec keeps it across events.
 */
export function createSseParser(onEvent, onComment = () => {}) {
  let buffer = '';
  let lastId = '';
  let type = '';
  let data = [];

  const dispatch = () => {
    if (data.length > 0) {
      onEvent({ id: lastId, type: type || 'message', data: data.join('\n') });
    }
    type = '';
    data = [];
  };

  const line = (text) => {
    if (text === '') {
      dispatch();
      return;
    }
    if (text.startsWith(':')) {
      onComment(text.slice(1).trimStart());
      return;
    }
    const colon = text.indexOf(':');
    const field = colon < 0 ? text : text.slice(0, colon);
    let value = colon < 0 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) {
      value = value.slice(1);
    }
    if (field === 'data') {
      data.push(value);
    } else if (field === 'event') {
      type = value;
    } else if (field === 'id' && !value.includes('\0')) {
      lastId = value;
    }
    // "retry" and unknown fields are ignored: reconnecting is the reader's business.
  };

  return {
    push(text) {
      buffer += text;
      // Lines end in CRLF, LF or CR; a CR at the very end may be the first half of a CRLF.
      const lines = buffer.split(/\r\n|\n|\r(?!$)/);
      buffer = lines.pop();
      lines.forEach(line);
    },
    /** The id of the last event seen, to resume from. */
    get lastId() {
      return lastId;
    },
  };
}

/**
 * Reads the stream of `response` to its end, calling `onEvent` per event and `onActivity` for
 * everything that arrives (events and heartbeats alike). Answers when the server ends the stream;
 * rejects when the connection breaks or `signal` aborts.
 */
export async function readEventStream(response, { onEvent, onActivity = () => {}, signal }) {
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const parser = createSseParser(onEvent, onActivity);
  const cancel = () => reader.cancel().catch(() => {});
  signal?.addEventListener('abort', cancel, { once: true });
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        return;
      }
      onActivity();
      parser.push(value);
    }
  } finally {
    signal?.removeEventListener('abort', cancel);
  }
}
