// How times, durations and node counts read in the console.

const dateTime = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** A timestamp in ms as local date and time; "—" for 0 (not yet). */
export function time(ms) {
  const value = Number(ms);
  return value > 0 ? dateTime.format(new Date(value)) : '—';
}

const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** A timestamp in ms as the local time of day. */
export function timeOfDay(ms) {
  return clock.format(new Date(Number(ms)));
}

/** A duration in ms, e.g. "850 ms", "4.2 s", "3 min 5 s", "2 h 10 min". */
export function duration(ms) {
  const value = Math.max(0, Number(ms));
  if (value < 1000) {
    return `${Math.round(value)} ms`;
  }
  if (value < 60_000) {
    return `${(value / 1000).toFixed(value < 10_000 ? 1 : 0)} s`;
  }
  const minutes = Math.floor(value / 60_000);
  if (minutes < 60) {
    return `${minutes} min ${Math.round((value % 60_000) / 1000)} s`;
  }
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** The nodes of an array of PoolResourceFlavorCount, e.g. "modelarts.vm.gpu.t4u8 × 3". */
export function counts(list) {
  if (!Array.isArray(list) || list.length === 0) {
    return 'none';
  }
  return list.map((c) => `${c.flavor} × ${c.count}`).join(', ');
}

/** The total of an array of PoolResourceFlavorCount. */
export function total(list) {
  return Array.isArray(list) ? list.reduce((sum, c) => sum + (Number(c.count) || 0), 0) : 0;
}

/** "1 order", "3 orders". */
export function plural(n, noun) {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** Billing as a person reads it: "pay-per-use" or "3 months". */
export function billing(order) {
  if (order.billingMode !== '1') {
    return 'pay-per-use';
  }
  const unit = order.periodType === '3' ? 'year' : 'month';
  const n = Number(order.periodNum) || 1;
  return `yearly/monthly, ${plural(n, unit)}`;
}
