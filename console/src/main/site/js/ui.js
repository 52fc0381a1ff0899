// Small DOM helpers. Text from the API always goes in as text nodes, never as HTML.
import { t, label } from './i18n.js';

/** h('p', {class: 'x'}, 'text', child...) */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

let busyCount = 0;
/** Runs `work` with the "working" indicator shown; long operations set their own text. */
export async function busy(work, text) {
  const box = document.getElementById('busy');
  busyCount++;
  document.getElementById('busy-text').textContent = text || t('working');
  box.hidden = false;
  try {
    return await work();
  } finally {
    busyCount--;
    if (busyCount === 0) box.hidden = true;
  }
}

export function setBusyText(text) {
  document.getElementById('busy-text').textContent = text;
}

/** A figure in a card: its label and value; data-card names it for tests and styles. */
export function card(labelText, value, key) {
  return h('div', { class: 'card', dataset: { card: key } }, h('div', { class: 'label' }, labelText), h('div', { class: 'value' }, value));
}

export function badge(kind, text) {
  return h('span', { class: `badge badge-${kind}` }, text);
}

const STATUS_KIND = {
  ACTIVE: 'ok', COMPLETED: 'ok', PENDING_REVIEW: 'info', IN_PROGRESS: 'info', WAITLISTED: 'warn',
  BLOCKED_BUDGET: 'bad', REJECTED: 'bad', ENDED: 'muted', NOT_RUN: 'muted'
};

export function statusBadge(status) {
  return h('span', { class: `badge badge-${STATUS_KIND[status] || 'muted'}`, dataset: { status } }, label('statuses', status));
}

/** A field: label, optional hint, the control, and a slot for the API's error on it. */
export function field(name, labelText, control, hint) {
  const id = control.id || `f-${name.replace(/[^\w-]/g, '-')}`;
  control.id = id;
  control.dataset.field = name;
  if (!control.name) control.name = name;
  const describedBy = [];
  const parts = [h('label', { for: id }, labelText)];
  if (hint) {
    parts.push(h('p', { class: 'hint', id: `${id}-hint` }, hint));
    describedBy.push(`${id}-hint`);
  }
  const error = h('p', { class: 'field-error', id: `${id}-error`, hidden: true, 'aria-live': 'polite' });
  describedBy.push(`${id}-error`);
  control.setAttribute('aria-describedby', describedBy.join(' '));
  return h('div', { class: 'field', dataset: { fieldBox: name } }, parts, control, error);
}

export function alertBox(kind, ...children) {
  return h('div', { class: `alert alert-${kind}`, role: kind === 'error' ? 'alert' : 'status' }, ...children);
}

export function clearErrors(scope) {
  scope.querySelectorAll('.field-error').forEach(e => { e.hidden = true; e.textContent = ''; });
  scope.querySelectorAll('[aria-invalid]').forEach(e => e.removeAttribute('aria-invalid'));
  scope.querySelectorAll('.form-problem').forEach(e => e.remove());
}

/**
 * Shows an API problem: its title (translated when the code is known), its `detail`, any `reasons`,
 * and each `errors[]` entry next to the field it names (the control whose data-field is the path or
 * its nearest parent path, e.g. `rates[0].jkk`, then `rates[0]`, then `rates`). Errors on no field
 * of the form are listed in the box at the top, so nothing is lost.
 */
export function showProblem(scope, error, fieldOf = {}) {
  clearErrors(scope);
  const problem = error.problem || {};
  const code = problem.code || (error.status === 0 ? 'NETWORK' : '');
  const title = code === 'NETWORK' ? t('networkError')
    : (label('problems', code) !== code ? label('problems', code) : (problem.title || t('unexpectedAnswer', { status: error.status })));
  const unplaced = [];
  let firstInvalid = null;
  for (const e of problem.errors || []) {
    const control = findControl(scope, e.field);
    if (control) {
      const slot = scope.querySelector(`#${CSS.escape(control.id)}-error`);
      control.setAttribute('aria-invalid', 'true');
      if (slot) {
        slot.textContent = slot.textContent ? `${slot.textContent} ${e.message}` : e.message;
        slot.hidden = false;
      }
      firstInvalid = firstInvalid || control;
    } else {
      unplaced.push(e.field ? `${e.field}: ${e.message}` : e.message);
    }
  }
  const byCode = fieldOf[code] && findControl(scope, fieldOf[code]);
  if (byCode) {
    const slot = scope.querySelector(`#${CSS.escape(byCode.id)}-error`);
    byCode.setAttribute('aria-invalid', 'true');
    if (slot) { slot.textContent = problem.detail || title; slot.hidden = false; }
    firstInvalid = firstInvalid || byCode;
  }
  const reasons = (problem.reasons || []).map(r => h('li', {}, r.message || r.code, r.rule ? ` (${r.rule})` : ''));
  const box = alertBox('error',
    h('p', {}, h('strong', {}, title), code && code !== 'NETWORK' ? ` (${code})` : ''),
    problem.detail ? h('p', { class: 'detail' }, problem.detail) : null,
    reasons.length ? h('ul', {}, reasons) : null,
    unplaced.length ? h('ul', {}, unplaced.map(u => h('li', {}, u))) : null,
    (problem.errors || []).length && !unplaced.length ? h('p', {}, t('fixErrors')) : null,
    problem.requestId ? h('p', { class: 'hint' }, `requestId ${problem.requestId}`) : null);
  box.classList.add('form-problem');
  scope.prepend(box);
  (firstInvalid || box).focus?.();
  if (!firstInvalid) box.scrollIntoView({ block: 'nearest' });
  return box;
}

function findControl(scope, path) {
  if (!path) return null;
  let p = path;
  while (p) {
    const c = scope.querySelector(`[data-field="${CSS.escape(p)}"]`);
    if (c) return c;
    const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
    if (cut <= 0) break;
    p = p.slice(0, cut);
  }
  return null;
}

export function table(headers, rows, { caption, onRow } = {}) {
  return h('table', {},
    caption ? h('caption', {}, caption) : null,
    h('thead', {}, h('tr', {}, headers.map(x => h('th', { scope: 'col', class: x.num ? 'num' : null }, x.text ?? x)))),
    h('tbody', {}, rows.map(r => {
      const tr = h('tr', {}, r.cells.map((c, i) => h('td', { class: headers[i]?.num ? 'num' : null }, c)));
      if (r.attrs) Object.entries(r.attrs).forEach(([k, v]) => tr.setAttribute(k, v));
      if (onRow && r.item !== undefined) {
        tr.classList.add('clickable');
        tr.addEventListener('click', e => { if (!e.target.closest('a,button')) onRow(r.item); });
      }
      return tr;
    })));
}

/** Today on the programme's clock (Asia/Jakarta) as YYYY-MM-DD. */
export function jakartaToday() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
}
