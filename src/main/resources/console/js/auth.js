// Sign-in with user, password and project through POST /v3/auth/tokens, the Keystone flow every
// client of the service uses; the token comes back in X-Subject-Token.

import { ApiError, call } from './api.js';
import { end, session, start } from './session.js';

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

/**
 * Revokes the session's token at the service, so that a copy of it left anywhere is refused, and
 * ends the session. The session ends even when the service cannot be told (its token then lapses
 * when it expires); a token the service already refuses is not a failure of signing out.
 */
export async function signOut() {
  const s = session();
  if (s) {
    try {
      // Sent as anonymous with the token set by hand, so that a 401 (a token already revoked)
      // does not raise the session-expired path while the user is signing out anyway.
      await call('DELETE', '/v3/auth/tokens', undefined, {
        anonymous: true,
        headers: { 'X-Auth-Token': s.token, 'X-Subject-Token': s.token },
      });
    } catch {
      // Signed out here all the same.
    }
  }
  end();
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
