// The top bar: where you are, which project you work in (and the others you may switch to), who
// you are, and sign-out.

import { get } from './api.js';
import { signIn } from './auth.js';
import { confirm } from './dialog.js';
import { el, replace } from './dom.js';
import { session } from './session.js';

let projects = { token: null, list: null };

/**
 * The projects the user may switch to, read once per token (GET /v3/auth/projects). The promise
 * is kept, so that two renderings at once share one request.
 */
function switchable() {
  const s = session();
  if (projects.token !== s.token) {
    projects = {
      token: s.token,
      list: get('/v3/auth/projects').then(
        (answer) => answer.projects,
        () => [s.project],
      ),
    };
  }
  return projects.list;
}

/** Renders the bar for the route `section` ("pools" or "orders"). */
export function renderHeader(header, section, { onSignOut, onSwitched }) {
  const s = session();
  const link = (href, text, name) =>
    el('a', { href, text, 'aria-current': section === name ? 'page' : null });
  const select = el('select', { id: 'project-switcher', 'aria-label': 'Project' });
  const switchButton = el('button', { type: 'button', class: 'secondary', text: 'Switch' });
  const switcher = el(
    'div',
    { class: 'switcher' },
    el('label', { for: 'project-switcher', text: 'Project' }),
    select,
    switchButton,
  );
  replace(
    header,
    el('a', { class: 'brand', href: '#/pools', text: 'Quartermaster' }),
    el('nav', { 'aria-label': 'Sections' }, link('#/pools', 'Pools', 'pools'), link('#/orders', 'Orders', 'orders')),
    switcher,
    el(
      'div',
      { class: 'who' },
      el('span', { class: 'user', text: s.user.name }),
      el('span', { class: 'role', 'data-role': s.role, text: s.role }),
      el('button', { type: 'button', class: 'secondary', id: 'sign-out', text: 'Sign out', onclick: onSignOut }),
    ),
  );
  fillSwitcher(select, switchButton, s);
  switchButton.addEventListener('click', async () => {
    const target = select.selectedOptions[0];
    if (!target || target.value === s.project.id) {
      return;
    }
    // The password is asked again rather than kept: it never outlives the form it is typed in.
    const switched = await confirm({
      title: `Switch to project ${target.textContent}`,
      message: `Enter the password of ${s.user.name} to get a token for ${target.textContent}.`,
      password: 'Password',
      confirmLabel: 'Switch project',
      submit: ({ password }) => signIn(s.user.name, password, { id: target.value }),
    });
    if (switched) {
      onSwitched();
    } else {
      select.value = s.project.id;
    }
  });
}

async function fillSwitcher(select, button, s) {
  select.append(el('option', { value: s.project.id, text: s.project.name }));
  const list = await switchable();
  if (session() !== s) {
    return;
  }
  replace(
    select,
    list.map((p) => el('option', { value: p.id, text: p.name, selected: p.id === s.project.id })),
  );
  const alone = list.length <= 1;
  select.disabled = alone;
  button.hidden = alone;
}
