// The API's validation errors next to the field they concern. The service names the field first in
// its message ("Bad request: spec.resources[0].count must be an integer ..."), so the field whose
// API path is the longest prefix of the message gets it; the rest goes to the form's own line.

const BAD_REQUEST = 'Bad request: ';

/** Field for some errors that name no path: a taken name, an exhausted quota. */
const BY_CODE = {
  'ModelArts.50015000': 'metadata.labels.os.modelarts/name',
  'ModelArts.3561': 'spec.resources[0].count',
};

/** Clears earlier errors of `form`. */
export function clearErrors(form) {
  for (const input of form.querySelectorAll('[aria-invalid]')) {
    input.removeAttribute('aria-invalid');
  }
  for (const span of form.querySelectorAll('.field-error, .form-error')) {
    span.textContent = '';
  }
}

/**
 * Shows `error` on the input of `form` whose `data-api-path` it concerns (or on `concerned`, when
 * the caller knows), and focuses that input; without one, on the form's `.form-error` line.
 */
export function showError(form, error, concerned = null) {
  clearErrors(form);
  const message = String(error.message || error);
  const reason = message.startsWith(BAD_REQUEST) ? message.slice(BAD_REQUEST.length) : message;
  const input = concerned || inputFor(form, reason, error.code);
  const errorLine = input && document.getElementById(`${input.id}-error`);
  if (errorLine) {
    input.setAttribute('aria-invalid', 'true');
    errorLine.textContent = reason;
    input.focus();
    return;
  }
  const line = form.querySelector('.form-error');
  line.textContent = message;
  line.focus();
}

function inputFor(form, reason, code) {
  let best = null;
  for (const input of form.querySelectorAll('[data-api-path]')) {
    const path = input.dataset.apiPath;
    const rest = reason.slice(path.length);
    const concerns = reason.startsWith(path) && (rest === '' || /^[ .[]/.test(rest));
    if (concerns && (!best || path.length > best.dataset.apiPath.length)) {
      best = input;
    }
  }
  if (!best && BY_CODE[code]) {
    best = form.querySelector(`[data-api-path="${CSS.escape(BY_CODE[code])}"]`);
  }
  return best;
}
