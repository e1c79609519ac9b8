// Creating and scaling pools. Both forms leave validation to the API and show its answer next to
// the field it concerns; a placed order opens at once, so the user sees it run.

import { call, get, post, projectPath, seg } from './api.js';
import { el, replace, uid } from './dom.js';
import { clearErrors, showError } from './fieldErrors.js';
import { plural } from './format.js';
import { empty, failed, field, flash, heading, loading } from './ui.js';

const ANNOTATION = 'metadata.annotations.os.modelarts/';
const ORDER = 'os.modelarts/order.name';

/** A whole number stays a number; anything else is sent as typed, for the API to judge. */
function number(value) {
  return /^\s*-?\d+\s*$/.test(value) ? Number(value) : value;
}

function flavorLabel(flavor) {
  const spec = flavor.spec || {};
  const gpu = spec.gpu ? `, ${spec.gpu.size} × ${spec.gpu.type}` : '';
  return `${flavor.metadata.name} (${spec.cpu} vCPU, ${spec.memory}${gpu})`;
}

function input(path, attrs = {}) {
  return el('input', { id: uid('f'), 'data-api-path': path, ...attrs });
}

function formShell(title, lead, fields, submitLabel) {
  const form = el(
    'form',
    { class: 'pool-form', novalidate: true },
    el('p', { class: 'form-error', role: 'alert', tabindex: '-1' }),
    fields,
    el(
      'div',
      { class: 'actions' },
      el('button', { type: 'submit', class: 'primary', text: submitLabel }),
      el('a', { class: 'button secondary', href: '#/pools', text: 'Cancel' }),
    ),
  );
  return [heading(title), el('p', { class: 'lead', text: lead }), form];
}

/** After a change that placed an order: open the order, else back to the pools. */
function openOrder(pool, message) {
  const order = pool?.metadata?.labels?.[ORDER];
  flash(message(order));
  location.hash = order ? `#/orders/${seg(order)}` : '#/pools';
}

/** The create form. */
export async function renderCreatePool(main, { signal }) {
  replace(main, heading('Create pool'), loading('flavors'));
  let flavors;
  try {
    flavors = (await get(projectPath('v1', '/resourceflavors'), { signal })).items;
  } catch (e) {
    if (e.name !== 'AbortError') {
      replace(main, heading('Create pool'), failed(e, () => renderCreatePool(main, { signal })));
    }
    return;
  }
  const name = input('metadata.labels.os.modelarts/name', { autocomplete: 'off', required: true });
  const description = input(`${ANNOTATION}description`, { maxlength: '255' });
  const resources = el('div', { class: 'resources' });
  const addRow = () => resources.append(resourceRow(flavors, resources));
  addRow();
  const scopeId = uid('scope');
  const scopes = el(
    'fieldset',
    { class: 'checks', 'data-api-path': 'spec.scope', id: scopeId, tabindex: '-1' },
    el('legend', { text: 'Used for' }),
    ['Train', 'Infer', 'Notebook'].map((s) =>
      el('label', {}, el('input', { type: 'checkbox', value: s, checked: s === 'Train' }), ` ${s}`),
    ),
    el('span', { class: 'field-error', id: `${scopeId}-error` }),
  );
  const billing = el(
    'select',
    { id: uid('f'), 'data-api-path': `${ANNOTATION}billing.mode` },
    el('option', { value: '0', text: 'Pay per use' }),
    el('option', { value: '1', text: 'Yearly/monthly' }),
  );
  const periodType = el(
    'select',
    { id: uid('f'), 'data-api-path': `${ANNOTATION}period.type` },
    el('option', { value: '2', text: 'Months' }),
    el('option', { value: '3', text: 'Years' }),
  );
  const periodNum = input(`${ANNOTATION}period.num`, { type: 'number', min: '1', value: '1' });
  const autoPay = el('input', { type: 'checkbox', id: uid('f'), 'data-api-path': `${ANNOTATION}auto.pay` });
  const period = el(
    'fieldset',
    { class: 'period', hidden: true },
    el('legend', { text: 'Period' }),
    field('Period unit', periodType),
    field('Number of periods', periodNum, '1 to 11 months, or 1 to 3 years'),
    el(
      'div',
      { class: 'field check' },
      autoPay,
      el('label', { for: autoPay.id, text: ' Pay automatically' }),
      el('span', { class: 'hint', text: 'Without it, the order waits until someone pays it.' }),
      el('span', { class: 'field-error', id: `${autoPay.id}-error` }),
    ),
  );
  billing.addEventListener('change', () => {
    period.hidden = billing.value !== '1';
  });
  const fields = [
    field('Name', name, '4 to 25 characters: a–z, 0–9 and -'),
    field('Description', description),
    el(
      'fieldset',
      {},
      el('legend', { text: 'Nodes' }),
      resources,
      el('button', { type: 'button', class: 'secondary', text: 'Add another flavor', onclick: addRow }),
    ),
    scopes,
    field('Billing', billing),
    period,
  ];
  replace(main, ...formShell('Create pool', 'Creating a pool places an apply order for its nodes.', fields, 'Create pool'));
  const form = main.querySelector('form');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    const annotations = { 'os.modelarts/description': description.value, 'os.modelarts/billing.mode': billing.value };
    if (billing.value === '1') {
      annotations['os.modelarts/period.type'] = periodType.value;
      annotations['os.modelarts/period.num'] = periodNum.value;
      annotations['os.modelarts/auto.pay'] = autoPay.checked ? 'true' : 'false';
    }
    const body = {
      apiVersion: 'v2',
      kind: 'Pool',
      metadata: { labels: { 'os.modelarts/name': name.value.trim() }, annotations },
      spec: {
        type: 'Dedicate',
        scope: [...scopes.querySelectorAll('input:checked')].map((c) => c.value),
        resources: [...resources.children].map((row) => ({
          flavor: row.querySelector('select').value,
          count: number(row.querySelector('input').value),
        })),
      },
    };
    await submitting(form, async () => {
      const pool = await post(projectPath('v2', '/pools'), body);
      openOrder(pool, (order) => `Pool ${name.value.trim()} is being created by order ${order}.`);
    });
  });
  name.focus();
}

function resourceRow(flavors, container) {
  const flavor = el(
    'select',
    { id: uid('f') },
    flavors.map((f) => el('option', { value: f.metadata.name, text: flavorLabel(f) })),
  );
  const count = el('input', { id: uid('f'), type: 'number', min: '1', value: '1', inputmode: 'numeric' });
  const row = el('div', { class: 'resource-row' }, field('Flavor', flavor), field('Nodes', count));
  row.append(
    el('button', {
      type: 'button',
      class: 'link',
      text: 'Remove',
      onclick: () => {
        row.remove();
        renumber(container);
      },
    }),
  );
  queueMicrotask(() => renumber(container));
  return row;
}

/** Each row's inputs carry the API path of their place in spec.resources. */
function renumber(container) {
  [...container.children].forEach((row, i) => {
    row.querySelector('select').dataset.apiPath = `spec.resources[${i}].flavor`;
    row.querySelector('input').dataset.apiPath = `spec.resources[${i}].count`;
    row.querySelector('button.link').hidden = container.children.length === 1;
  });
}

async function submitting(form, action) {
  const button = form.querySelector('button[type=submit]');
  button.disabled = true;
  try {
    await action();
  } catch (e) {
    showError(form, e);
  } finally {
    button.disabled = false;
  }
}

/** The scale form: new node counts for each flavor of the pool, one modify order. */
export async function renderScalePool(main, { signal, params }) {
  const poolName = params.name;
  replace(main, heading('Scale pool'), loading('the pool'));
  let pool;
  try {
    pool = await get(projectPath('v2', `/pools/${seg(poolName)}`), { signal });
  } catch (e) {
    if (e.name !== 'AbortError') {
      replace(main, heading('Scale pool'), failed(e, () => renderScalePool(main, { signal, params })));
    }
    return;
  }
  const display = pool.metadata.labels['os.modelarts/name'];
  const rows = pool.spec.resources.map((r, i) => {
    const count = input(`spec.resources[${i}].count`, {
      type: 'number',
      min: '1',
      value: String(r.count),
      inputmode: 'numeric',
      'data-flavor': r.flavor,
    });
    return field(`Nodes of ${r.flavor}`, count, `now ${plural(r.count, 'node')}`);
  });
  if (rows.length === 0) {
    replace(main, heading(`Scale ${display}`), empty('This pool has no flavors to scale.'));
    return;
  }
  replace(
    main,
    ...formShell(
      `Scale ${display}`,
      'New node counts place a modify order that adds or removes nodes; the pool keeps serving meanwhile.',
      rows,
      'Scale pool',
    ),
  );
  const form = main.querySelector('form');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const resources = [...form.querySelectorAll('input[data-flavor]')].map((c) => ({
      flavor: c.dataset.flavor,
      count: number(c.value),
    }));
    await submitting(form, async () => {
      const { data } = await call(
        'PATCH',
        projectPath('v2', `/pools/${seg(poolName)}`),
        { spec: { resources } },
        { contentType: 'application/merge-patch+json' },
      );
      const before = pool.metadata.labels[ORDER];
      const placed = data.metadata.labels[ORDER] !== before;
      openOrder(placed ? data : null, (order) =>
        order ? `Pool ${display} is being scaled by order ${order}.` : `Pool ${display} already has these node counts.`,
      );
    });
  });
  form.querySelector('input[data-flavor]').focus();
}
