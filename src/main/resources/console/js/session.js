// The signed-in user's token, kept in sessionStorage: it survives a reload of the tab, but no
// other tab, no other site and no cookie ever sees it, and it is gone when the tab closes.

const KEY = 'quartermaster.session';

let current = load();

function load() {
  try {
    const stored = JSON.parse(sessionStorage.getItem(KEY));
    return stored && stored.token && stored.project ? stored : null;
  } catch {
    return null;
  }
}

/** The session, or null when nobody is signed in (or the token has run out). */
export function session() {
  if (current && Date.parse(current.expiresAt) <= Date.now()) {
    return null;
  }
  return current;
}

/** True when there was a session whose token has run out. */
export function expired() {
  return current !== null && Date.parse(current.expiresAt) <= Date.now();
}

/** Starts a session from the answer of POST /v3/auth/tokens and its X-Subject-Token. */
export function start(token, answer) {
  const t = answer.token;
  current = {
    token,
    expiresAt: t.expires_at,
    user: { id: t.user.id, name: t.user.name },
    project: { id: t.project.id, name: t.project.name },
    role: (t.roles && t.roles[0] && t.roles[0].name) || 'viewer',
  };
  sessionStorage.setItem(KEY, JSON.stringify(current));
  return current;
}

export function end() {
  current = null;
  sessionStorage.removeItem(KEY);
}

const RANK = { viewer: 0, member: 1, admin: 2 };

/**
 * Whether the signed-in role may do `action`, as the API decides it: members place, pay and
 * cancel orders, only the admin approves and rejects. The API checks again on every call.
 */
export function may(action) {
  const s = session();
  if (!s) {
    return false;
  }
  const needed = action === 'approve' || action === 'reject' ? 'admin' : 'member';
  return (RANK[s.role] ?? -1) >= RANK[needed];
}
