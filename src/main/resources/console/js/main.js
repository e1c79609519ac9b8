// The console's entry point: a router over the address's #/… part, the top bar, and the two
// states every view shares: signed out (or expired) and service unreachable.

import { on } from './api.js';
import { signOut as revokeAndEnd } from './auth.js';
import { el, replace } from './dom.js';
import { renderHeader } from './header.js';
import { renderOrder } from './orderDetail.js';
import { renderOrders } from './orders.js';
import { renderCreatePool, renderScalePool } from './poolForms.js';
import { renderPools } from './pools.js';
import { expired, session } from './session.js';
import { renderSignIn } from './signin.js';
import { notify, showFlash } from './ui.js';

const main = document.getElementById('main');
const header = document.getElementById('top');
const banner = document.getElementById('banner');

const ROUTES = [
  [/^\/pools$/, 'pools', renderPools, () => 'Pools'],
  [/^\/pools\/new$/, 'pools', renderCreatePool, () => 'Create pool'],
  [/^\/pools\/([^/]+)\/scale$/, 'pools', renderScalePool, (p) => `Scale ${p.name}`, 'name'],
  [/^\/orders$/, 'orders', renderOrders, () => 'Orders'],
  [/^\/orders\/([^/]+)$/, 'orders', renderOrder, (p) => `Order ${p.name}`, 'name'],
];

let leave = null;
let signInMessage = null;

function parse(hash) {
  const [path, query = ''] = (hash.replace(/^#/, '') || '/pools').split('?');
  return { path, query: new URLSearchParams(query) };
}

function stopView() {
  if (leave) {
    leave.abort.abort();
    leave.cleanup?.();
    leave = null;
  }
}

function route() {
  // Hashes that are not routes (#main of the skip link) leave the view as it is.
  if (location.hash && !location.hash.startsWith('#/')) {
    return;
  }
  stopView();
  if (!session()) {
    showSignIn();
    return;
  }
  const { path, query } = parse(location.hash);
  const match = ROUTES.map((r) => [r, r[0].exec(path)]).find(([, m]) => m);
  if (!match) {
    location.replace('#/pools');
    return;
  }
  const [[, section, render, title, paramName], m] = match;
  const params = Object.assign(query, paramName ? { [paramName]: decodeURIComponent(m[1]) } : {});
  header.hidden = false;
  renderHeader(header, section, { onSignOut: signOut, onSwitched: switched });
  document.title = `${title(params)} · Quartermaster`;
  showFlash();
  const abort = new AbortController();
  leave = { abort, cleanup: null };
  const cleanup = render(main, { params, signal: abort.signal });
  if (typeof cleanup === 'function') {
    leave.cleanup = cleanup;
  }
  main.querySelector('h1')?.focus({ preventScroll: false });
}

function showSignIn() {
  header.hidden = true;
  replace(header);
  notify(null);
  document.title = 'Sign in · Quartermaster';
  const message = signInMessage || (expired() ? 'Your session has expired. Sign in again.' : null);
  signInMessage = null;
  renderSignIn(main, { message, onSignedIn: route });
}

async function signOut() {
  stopView();
  await revokeAndEnd();
  signInMessage = 'You have signed out.';
  if (location.hash === '#/pools') {
    showSignIn();
  } else {
    location.hash = '#/pools';
  }
}

function switched() {
  if (location.hash === '#/pools') {
    route();
  } else {
    location.hash = '#/pools';
  }
}

on('expired', () => {
  stopView();
  signInMessage = 'Your session has expired or was revoked. Sign in again to go on where you were.';
  showSignIn();
});

on('unreachable', () => {
  replace(
    banner,
    el(
      'div',
      { class: 'banner unreachable', role: 'alert' },
      el('strong', { text: 'The Quartermaster service cannot be reached.' }),
      ' The console keeps trying; what you see may be out of date.',
      el('button', { type: 'button', class: 'secondary', text: 'Retry now', onclick: route }),
    ),
  );
});

on('reachable', () => replace(banner));

document.querySelector('.skip').addEventListener('click', (event) => {
  event.preventDefault();
  main.focus();
});

window.addEventListener('hashchange', route);
route();
