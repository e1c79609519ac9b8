// Sign-in with user, password and project through POST /v3/auth/tokens, the Keystone flow every
// client of the service uses; the token comes back in X-Subject-Token.

import { ApiError, call } from './api.js';
import { start } from './session.js';

/** Signs in and starts the session; `project` is a project name, or `{id}` to switch by id. */
export async function signIn(user, password, project) {
  const scope = typeof project === 'string' ? { name: project } : { id: project.id };
  const body = {
    auth: {
      identity: {
        methods: ['password'],
        password: { user: { name: user, password, domain: { name: 'default' } } },
      },
      scope: { project: scope },
    },
  };
  try {
    const { data, headers } = await call('POST', '/v3/auth/tokens', body, { anonymous: true });
    return start(headers.get('X-Subject-Token'), data);
  } catch (e) {
    throw explain(e);
  }
}

function explain(e) {
  if (!(e instanceof ApiError)) {
    return e;
  }
  if (e.status === 401) {
    // The service does not say which part was wrong, so that nobody can probe for user names.
    return new ApiError(
      401,
      e.code,
      'Sign-in failed: the user name or password is wrong, or the user has no role in that project.',
      e.requestId,
    );
  }
  if (e.status === 429) {
    return new ApiError(429, e.code, `Too many failed sign-ins. ${e.message}`, e.requestId);
  }
  return e;
}
