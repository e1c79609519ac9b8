// Confirmation before anything that changes state, in a modal <dialog>: it traps focus, Escape
// cancels, and the cancel button has focus first so that Enter alone never confirms by accident.

import { el, replace, uid } from './dom.js';

/**
 * Asks to confirm. `options.reason` adds a required text field (its value is answered);
 * `options.password` adds a password field. Answers null when cancelled, else
 * `{reason, password}`. `options.submit(values)` may run the action and throw to show its
 * error in the dialog, keeping it open.
 */
export function confirm({ title, message, confirmLabel, dismissLabel = 'Cancel', danger, reason, password, submit }) {
  const dialog = document.getElementById('dialog');
  const titleId = uid('dialog-title');
  const inputs = {};
  const error = el('p', { class: 'field-error', role: 'alert' });
  const fields = [];
  if (reason) {
    inputs.reason = el('textarea', { id: uid('reason'), rows: '3', maxlength: '256', required: true });
    fields.push(el('label', { for: inputs.reason.id, text: reason }), inputs.reason);
  }
  if (password) {
    inputs.password = el('input', {
      id: uid('password'),
      type: 'password',
      autocomplete: 'current-password',
      required: true,
    });
    fields.push(el('label', { for: inputs.password.id, text: password }), inputs.password);
  }
  const cancel = el('button', { type: 'button', class: 'secondary', text: dismissLabel });
  const ok = el('button', {
    type: 'submit',
    class: danger ? 'danger' : 'primary',
    text: confirmLabel,
  });
  const form = el(
    'form',
    { method: 'dialog', novalidate: true },
    el('h2', { id: titleId, text: title }),
    el('p', { text: message }),
    fields,
    error,
    el('div', { class: 'actions' }, cancel, ok),
  );
  replace(dialog, form);
  dialog.setAttribute('aria-labelledby', titleId);
  return new Promise((resolve) => {
    const close = (value) => {
      dialog.close();
      resolve(value);
    };
    cancel.addEventListener('click', () => close(null));
    // A property, not a listener: each dialog replaces the previous one's handler.
    dialog.oncancel = () => resolve(null);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const values = {
        reason: inputs.reason?.value.trim(),
        password: inputs.password?.value,
      };
      if ((reason && !values.reason) || (password && !values.password)) {
        error.textContent = reason && !values.reason ? 'Give a reason.' : 'Enter the password.';
        (inputs.reason || inputs.password).focus();
        return;
      }
      if (!submit) {
        close(values);
        return;
      }
      ok.disabled = true;
      error.textContent = '';
      try {
        close(await submit(values));
      } catch (e) {
        error.textContent = e.message;
        ok.disabled = false;
      }
    });
    dialog.showModal();
    (inputs.reason || inputs.password || cancel).focus();
  });
}
