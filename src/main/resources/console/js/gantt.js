// The order's items as a Gantt timeline: one bar per item from its begin to its last update (to
// now while it runs), coloured by status and always labelled with the status in words. Each bar is
// a button: hover, keyboard focus or a tap shows the item's details and failure message.
// Rows are updated in place, so a live update never takes focus away from the bar you are on.

import { el, replace, uid } from './dom.js';
import { duration, time, timeOfDay } from './format.js';

const ICON = { succeed: '✓', failed: '✕', processing: '…' };

/** Creates the timeline; `update(items, now)` draws it. */
export function createGantt() {
  const captionId = uid('gantt');
  const caption = el('figcaption', { id: captionId });
  const axis = el('div', { class: 'gantt-axis' });
  // The axis sits in the same grid as the rows, so that its ticks line up with the bars.
  const axisRow = el('div', { class: 'gantt-axis-row', 'aria-hidden': 'true' }, el('span'), axis, el('span'));
  const rows = el('ol', { class: 'gantt-rows' });
  const figure = el('figure', { class: 'gantt', 'aria-labelledby': captionId }, caption, axisRow, rows);
  const byKey = new Map();
  rows.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      rows.querySelectorAll('.pinned').forEach((row) => row.classList.remove('pinned'));
    }
    moveFocus(event, rows);
  });

  function update(items, now = Date.now()) {
    const spans = items.map((item) => span(item, now));
    const start = Math.min(...spans.map((s) => s.begin));
    const end = Math.max(...spans.map((s) => s.end), start + 1000);
    caption.textContent = summary(items, start, end);
    drawAxis(axis, start, end);
    const keys = new Set();
    items.forEach((item, i) => {
      const key = `${item.action}:${item.resourceName}`;
      keys.add(key);
      let row = byKey.get(key);
      if (!row) {
        row = newRow(item, key);
        byKey.set(key, row);
      }
      fillRow(row, item, spans[i], start, end);
      if (rows.children[i] !== row.li) {
        rows.insertBefore(row.li, rows.children[i] || null);
      }
    });
    for (const [key, row] of byKey) {
      if (!keys.has(key)) {
        row.li.remove();
        byKey.delete(key);
      }
    }
  }

  return { element: figure, update };
}

function span(item, now) {
  const begin = Number(item.beginTimestamp ?? item.begintimestamp) || now;
  const updated = Number(item.updateTimestamp ?? item.updatetimestamp) || begin;
  const end = item.status === 'processing' ? Math.max(now, updated) : updated;
  return { begin, updated, end: Math.max(end, begin) };
}

function summary(items, start, end) {
  const by = (status) => items.filter((i) => i.status === status).length;
  const parts = [`${items.length} item${items.length === 1 ? '' : 's'}`];
  for (const [status, word] of [
    ['succeed', 'succeeded'],
    ['processing', 'processing'],
    ['failed', 'failed'],
  ]) {
    if (by(status)) {
      parts.push(`${by(status)} ${word}`);
    }
  }
  return `Timeline: ${parts.join(', ')}, over ${duration(end - start)} from ${time(start)}.`;
}

function drawAxis(axis, start, end) {
  replace(
    axis,
    [0, 0.25, 0.5, 0.75, 1].map((f) => {
      const tick = el('span', { class: 'tick', text: f === 0 ? timeOfDay(start) : `+${duration((end - start) * f)}` });
      tick.style.left = `${f * 100}%`;
      return tick;
    }),
  );
}

function newRow(item, key) {
  const tipId = uid('tip');
  const bar = el('button', { type: 'button', class: 'gantt-bar', 'aria-describedby': tipId, 'data-key': key });
  const tip = el('div', { class: 'gantt-tip', role: 'tooltip', id: tipId });
  const status = el('span', { class: 'gantt-status' });
  const li = el(
    'li',
    { class: 'gantt-row', 'data-resource': item.resourceName, 'data-action': item.action },
    el(
      'span',
      { class: 'gantt-label' },
      el('span', { class: 'action', text: item.action }),
      el('span', { class: 'resource', text: item.resourceName }),
    ),
    el('span', { class: 'gantt-track' }, bar, tip),
    status,
  );
  bar.addEventListener('click', () => li.classList.toggle('pinned'));
  return { li, bar, tip, status };
}

function fillRow(row, item, s, start, end) {
  const scale = (t) => ((t - start) / (end - start)) * 100;
  const left = scale(s.begin);
  row.li.dataset.status = item.status;
  row.bar.className = `gantt-bar state-${item.status}`;
  row.bar.style.left = `${left}%`;
  row.bar.style.width = `${Math.max(scale(s.end) - left, 0.8)}%`;
  row.bar.textContent = ICON[item.status] || '•';
  const took = duration(s.end - s.begin);
  row.bar.setAttribute('aria-label', `${item.action} ${item.resourceName}: ${item.status}, ${took}`);
  replace(
    row.status,
    el('span', { class: `badge state-${item.status}`, text: item.status }),
    el('span', { class: 'took', text: took }),
  );
  replace(
    row.tip,
    el('strong', { text: `${item.action} ${item.resourceName}` }),
    el('span', { text: `Status: ${item.status}` }),
    el('span', { text: `Began: ${time(s.begin)}` }),
    el('span', { text: `Last update: ${time(s.updated)}` }),
    el('span', { text: `Duration: ${took}` }),
    item.message ? el('span', { class: 'message', text: `Message: ${item.message}` }) : null,
  );
  // Keep the tip inside the track: anchored at the bar, from its right edge when near the end.
  row.tip.style.left = left > 55 ? 'auto' : `${left}%`;
  row.tip.style.right = left > 55 ? `${Math.max(100 - scale(s.end), 0)}%` : 'auto';
}

function moveFocus(event, rows) {
  const bars = [...rows.querySelectorAll('.gantt-bar')];
  const at = bars.indexOf(document.activeElement);
  if (at < 0) {
    return;
  }
  const to = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: bars.length - 1 }[event.key];
  if (to === undefined) {
    return;
  }
  event.preventDefault();
  bars[Math.max(0, Math.min(bars.length - 1, to))].focus();
}
