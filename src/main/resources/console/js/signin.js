// The sign-in view.

import { signIn } from './auth.js';
import { el, replace, uid } from './dom.js';
import { field } from './ui.js';

/** Renders the form; `onSignedIn` runs after a successful sign-in. */
export function renderSignIn(main, { message, onSignedIn }) {
  const user = el('input', { id: uid('user'), name: 'user', autocomplete: 'username', required: true });
  const password = el('input', {
    id: uid('password'),
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
  });
  const project = el('input', {
    id: uid('project'),
    name: 'project',
    value: 'default',
    autocomplete: 'off',
    required: true,
  });
  const error = el('p', { class: 'form-error', role: 'alert', id: 'signin-error' });
  const submit = el('button', { type: 'submit', class: 'primary', text: 'Sign in' });
  const form = el(
    'form',
    { class: 'signin', novalidate: true, 'aria-labelledby': 'signin-title' },
    el('h1', { id: 'signin-title', tabindex: '-1', text: 'Sign in to Quartermaster' }),
    message ? el('p', { class: 'notice info', role: 'status', text: message }) : null,
    field('User name', user),
    field('Password', password),
    field('Project', project, 'The name of the project to work in; you can switch later.'),
    error,
    submit,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const missing = [user, password, project].find((input) => !input.value.trim());
    if (missing) {
      error.textContent = `Enter the ${missing.name === 'user' ? 'user name' : missing.name}.`;
      missing.focus();
      return;
    }
    submit.disabled = true;
    error.textContent = '';
    try {
      await signIn(user.value.trim(), password.value, project.value.trim());
      onSignedIn();
    } catch (e) {
      error.textContent = e.message;
      password.value = '';
      password.focus();
    } finally {
      submit.disabled = false;
    }
  });
  replace(main, form);
  (user.value ? password : user).focus();
}
