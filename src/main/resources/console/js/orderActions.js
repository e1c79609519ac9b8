// Pay, cancel, approve and reject: shown only for a pending order, only to roles the API lets do
// them (members pay and cancel, the admin also approves and rejects), each after a confirmation.

import { get, post, projectPath, seg } from './api.js';
import { confirm } from './dialog.js';
import { el } from './dom.js';
import { billing } from './format.js';
import { may } from './session.js';

/**
 * What a pending order waits for, from its pool's status message ("Order … is waiting for
 * payment and approval."); ListOrders does not say. Without the pool, payment is guessed from
 * the billing mode and approval left possible.
 */
export async function awaiting(order, options) {
  try {
    const pool = await get(projectPath('v2', `/pools/${seg(order.resourceName)}`), options);
    const message = pool.status?.message || '';
    if (message.includes(order.orderName)) {
      return { payment: message.includes('payment'), approval: message.includes('approval') };
    }
  } catch (e) {
    if (e.name === 'AbortError') {
      throw e;
    }
  }
  return { payment: order.billingMode === '1', approval: true };
}

const ACTIONS = [
  {
    name: 'pay',
    label: 'Pay',
    when: (w) => w.payment,
    ask: (order) => ({
      title: `Pay order ${order.orderName}?`,
      message: `The order is billed ${billing(order)}. Once paid it starts, unless it still waits for approval.`,
      confirmLabel: 'Pay order',
    }),
    done: (order) => `Order ${order.orderName} is paid.`,
  },
  {
    name: 'approve',
    label: 'Approve',
    when: (w) => w.approval,
    ask: (order) => ({
      title: `Approve order ${order.orderName}?`,
      message: `The ${order.operation} order of pool ${order.resourceDisplayName} starts once approved, unless it still waits for payment.`,
      confirmLabel: 'Approve order',
    }),
    done: (order) => `Order ${order.orderName} is approved.`,
  },
  {
    name: 'reject',
    label: 'Reject',
    danger: true,
    when: (w) => w.approval,
    ask: (order) => ({
      title: `Reject order ${order.orderName}?`,
      message: 'The order fails with your reason, and nothing is done to the pool.',
      confirmLabel: 'Reject order',
      reason: 'Reason (shown to the team)',
      danger: true,
    }),
    done: (order) => `Order ${order.orderName} is rejected.`,
  },
  {
    name: 'cancel',
    label: 'Cancel order',
    danger: true,
    when: () => true,
    ask: (order) => ({
      title: `Cancel order ${order.orderName}?`,
      message: 'The order fails and its pool stays as it was.',
      confirmLabel: 'Cancel order',
      dismissLabel: 'Keep the order',
      danger: true,
    }),
    done: (order) => `Order ${order.orderName} is cancelled.`,
  },
];

/**
 * The buttons for `order` (none unless it is pending and the role may act), given what it waits
 * for. `onDone(order, message)` hears the order as the API answered the action.
 */
export function actionButtons(order, waits, onDone) {
  if (order.phase !== 'pending') {
    return [];
  }
  return ACTIONS.filter((a) => may(a.name) && a.when(waits)).map((action) =>
    el('button', {
      type: 'button',
      class: action.danger ? 'danger' : 'primary',
      'data-action': action.name,
      text: action.label,
      onclick: async () => {
        const result = await confirm({
          ...action.ask(order),
          submit: ({ reason }) =>
            post(
              projectPath('v1', `/orders/${seg(order.orderName)}/${action.name}`),
              action.name === 'reject' ? { reason } : undefined,
            ),
        });
        if (result) {
          onDone(result, action.done(order));
        }
      },
    }),
  );
}
