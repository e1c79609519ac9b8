// Pieces every view uses: headings, badges, notices, and the loading, empty and error states.

import { ApiError, Unreachable } from './api.js';
import { el, replace } from './dom.js';

/** The view's heading; focused after navigation so keyboard and screen reader users start there. */
export function heading(text, ...actions) {
  return el(
    'div',
    { class: 'view-head' },
    el('h1', { tabindex: '-1', text }),
    actions.length ? el('div', { class: 'actions' }, actions) : null,
  );
}

/** A state shown by its word as well as its colour (pool and order phases, item statuses). */
export function badge(state) {
  const word = String(state || 'unknown');
  return el('span', { class: `badge state-${word.toLowerCase()}`, 'data-state': word, text: word });
}

export function loading(what) {
  return el('p', { class: 'state loading', role: 'status', text: `Loading ${what}…` });
}

export function empty(text, ...actions) {
  return el('div', { class: 'state empty' }, el('p', { text }), actions);
}

/** An error as the user should read it, with a way to try again. */
export function failed(error, retry) {
  const unreachable = error instanceof Unreachable;
  const text =
    error instanceof ApiError || unreachable ? error.message : `Something went wrong: ${error}`;
  return el(
    'div',
    { class: `state error${unreachable ? ' unreachable' : ''}`, role: 'alert' },
    el('p', { text }),
    retry ? el('button', { type: 'button', onclick: retry, text: 'Try again' }) : null,
  );
}

let flashed = null;

/** A message for the next view that renders (after an action that navigates). */
export function flash(text) {
  flashed = text;
}

/** Shows `text` in the notice area at once; null clears it. */
export function notify(text, kind = 'ok') {
  const area = document.getElementById('notice');
  if (!text) {
    replace(area);
    return;
  }
  replace(
    area,
    el(
      'div',
      { class: `notice ${kind}` },
      el('span', { text }),
      el('button', {
        type: 'button',
        class: 'link',
        'aria-label': 'Dismiss',
        text: '×',
        onclick: () => replace(area),
      }),
    ),
  );
}

/** Shows the flashed message, if any, else clears the notice area. */
export function showFlash() {
  notify(flashed);
  flashed = null;
}

/** A labelled field: `control` is the input; its error goes in a span next to it. */
export function field(label, control, hint) {
  const id = control.id;
  const errorId = `${id}-error`;
  const hintId = hint ? `${id}-hint` : null;
  control.setAttribute('aria-describedby', [hintId, errorId].filter(Boolean).join(' '));
  return el(
    'div',
    { class: 'field' },
    el('label', { for: id, text: label }),
    control,
    hint ? el('span', { class: 'hint', id: hintId, text: hint }) : null,
    el('span', { class: 'field-error', id: errorId, 'aria-live': 'polite' }),
  );
}
