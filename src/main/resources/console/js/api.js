// Every call of the console is an ordinary API call with the session's X-Auth-Token. Failures
// become ApiError (the service answered) or Unreachable (it did not); a 401 on a signed-in call
// ends the session, and listeners take the user back to sign-in.

import { end, session } from './session.js';

export class ApiError extends Error {
  constructor(status, code, message, requestId) {
    super(message);
    this.status = status;
    this.code = code;
    this.requestId = requestId;
  }
}

export class Unreachable extends Error {
  constructor() {
    super('The Quartermaster service cannot be reached. Check your connection; the console keeps trying.');
  }
}

const events = new EventTarget();

/** Listens for "expired" (the token stopped working) and "reachable"/"unreachable". */
export function on(type, listener) {
  events.addEventListener(type, listener);
}

/**
 * Calls the API. `body` is sent as JSON; `options.signal` aborts; `options.anonymous` sends no
 * token (sign-in); `options.contentType` overrides application/json; `options.headers` are added.
 * Answers the parsed body and
 * the response headers.
 */
export async function call(method, path, body, options = {}) {
  const headers = { Accept: 'application/json' };
  const s = session();
  if (s && !options.anonymous) {
    headers['X-Auth-Token'] = s.token;
  }
  if (body !== undefined) {
    headers['Content-Type'] = options.contentType || 'application/json';
  }
  Object.assign(headers, options.headers);
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
      credentials: 'omit',
      signal: options.signal,
    });
  } catch (e) {
    if (e.name === 'AbortError') {
      throw e;
    }
    events.dispatchEvent(new Event('unreachable'));
    throw new Unreachable();
  }
  events.dispatchEvent(new Event('reachable'));
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!response.ok) {
    throw failure(response, data, s && !options.anonymous);
  }
  return { data, headers: response.headers };
}

function failure(response, data, signedIn) {
  const requestId = response.headers.get('X-Request-Id');
  // ModelArts' {"error_code","error_msg"} on /v1 and /v2, Keystone's {"error":{...}} on /v3.
  const code = data?.error_code || (data?.error ? `Keystone.${data.error.code}` : null);
  let message = data?.error_msg || data?.error?.message || `${response.status} ${response.statusText}`;
  if (response.status >= 500) {
    message = `${message} (request id ${requestId})`;
  }
  if (response.status === 401 && signedIn) {
    end();
    events.dispatchEvent(new Event('expired'));
  }
  return new ApiError(response.status, code, message, requestId);
}

/**
 * Opens a Server-Sent Events stream of the API: answers the response once the server has accepted
 * it (2xx), for `readEventStream`; a refusal is an ApiError as for `call`. `lastEventId` resumes
 * after that event. A broken connection is an Unreachable, but it does not raise the "unreachable"
 * alarm: a proxy that blocks only streams does not make the service unreachable, and the ordinary
 * calls that replace the stream then tell.
 */
export async function openStream(path, { lastEventId, signal } = {}) {
  const s = session();
  const headers = { Accept: 'text/event-stream' };
  if (s) {
    headers['X-Auth-Token'] = s.token;
  }
  if (lastEventId) {
    headers['Last-Event-ID'] = lastEventId;
  }
  let response;
  try {
    response = await fetch(path, { headers, cache: 'no-store', credentials: 'omit', signal });
  } catch (e) {
    if (e.name === 'AbortError') {
      throw e;
    }
    throw new Unreachable();
  }
  if (!response.ok || !response.body) {
    const text = await response.text().catch(() => '');
    let data = null;
    try {
      data = text ? JSON.parse(text) : null;
    } catch {
      data = null;
    }
    throw failure(response, data, Boolean(s));
  }
  return response;
}

export const get = (path, options) => call('GET', path, undefined, options).then((r) => r.data);

export const post = (path, body, options) => call('POST', path, body, options).then((r) => r.data);

/**
 * The path of the signed-in project's API: `v` is "v1" or "v2". A token that ran out meanwhile
 * ends the session here, as a 401 would.
 */
export function projectPath(v, rest) {
  const s = session();
  if (!s) {
    end();
    events.dispatchEvent(new Event('expired'));
    throw new ApiError(401, null, 'Your session has expired.', null);
  }
  return `/${v}/${s.project.id}${rest}`;
}

/** A path segment, encoded. */
export const seg = (value) => encodeURIComponent(value);
