// Programme settings: every field of PUT /programme, with the API's validation messages next to
// the field they concern (the API reports every problem at once and saves nothing on a 400 or 422).
import { t, label, codes } from '../i18n.js';
import { ApiError } from '../api.js';
import { h, clear, alertBox, field, showProblem, clearErrors, busy } from '../ui.js';

export async function render(ctx, screen) {
  let programme = null;
  try {
    programme = (await ctx.api.get('/programme')).data;
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 404)) throw e;
  }
  screen.append(h('h1', {}, t('settingsTitle')));
  const notice = h('div', { id: 'settings-notice', 'aria-live': 'polite' });
  screen.append(notice, settingsForm(ctx, programme || {}, notice));
}

const lines = text => text.split(/\r\n|\n|\r/).map(s => s.trim()).filter(Boolean);
const num = v => (v === '' ? null : Number(v));

function settingsForm(ctx, p, notice) {
  const name = h('input', { type: 'text', maxlength: 200, value: p.name || '' });
  const quota = h('input', { type: 'number', min: 1, step: 1, value: p.quota ?? '' });
  const kecamatan = h('textarea', { rows: 6 }, (p.kecamatan || []).join('\n'));
  const occupations = h('div', { class: 'checks' }, codes('occupations').map(c => h('label', {},
    h('input', { type: 'checkbox', value: c, checked: (p.eligibleOccupations || []).includes(c), dataset: { occupation: c } }), label('occupations', c))));
  const occupationBox = h('fieldset', { id: 'f-eligibleOccupations', dataset: { field: 'eligibleOccupations' } },
    h('legend', {}, t('eligibleOccupations')), occupations, h('p', { class: 'field-error', id: 'f-eligibleOccupations-error', hidden: true }));
  const decile = h('input', { type: 'number', min: 1, max: 10, step: 1, value: p.dtsenMaxDecile ?? 4 });
  const minAge = h('input', { type: 'number', min: 0, max: 120, step: 1, value: p.minAge ?? 15 });
  const maxAge = h('input', { type: 'number', min: 0, max: 120, step: 1, value: p.maxAge ?? 65 });
  const delay = h('input', { type: 'number', min: 0, max: 12, step: 1, value: p.coverageStartDelayMonths ?? 1 });
  const wadah = h('input', { type: 'text', maxlength: 20, value: p.wadahCode || 'SG' });
  const holidays = h('textarea', { rows: 6 }, (p.holidays || []).join('\n'));

  const rates = rowEditor('rates', t('rates'), p.rates || [{ from: '', declaredIncome: 1000000, jkk: 10000, jkm: 6800 }], [
    { key: 'from', text: t('rateFrom'), type: 'month' },
    { key: 'declaredIncome', text: t('declaredIncome'), type: 'number' },
    { key: 'jkk', text: t('jkk'), type: 'number' },
    { key: 'jkm', text: t('jkm'), type: 'number' }
  ]);
  const budgets = rowEditor('budgets', t('budgets'), p.budgets || [], [
    { key: 'year', text: t('year'), type: 'number' },
    { key: 'allocation', text: t('allocation'), type: 'number' }
  ]);

  const form = h('form', { class: 'stack', id: 'settings-form', novalidate: true },
    field('name', t('programmeName'), name),
    field('quota', t('quota'), quota, t('quotaHint')),
    field('kecamatan', t('kecamatanList'), kecamatan),
    occupationBox,
    h('div', { class: 'inline' }, field('dtsenMaxDecile', t('dtsenMaxDecile'), decile), field('minAge', t('minAge'), minAge),
      field('maxAge', t('maxAge'), maxAge)),
    h('div', { class: 'inline' }, field('coverageStartDelayMonths', t('coverageStartDelayMonths'), delay), field('wadahCode', t('wadahCode'), wadah)),
    rates.element,
    budgets.element,
    field('holidays', t('holidays'), holidays),
    h('div', {}, h('button', { type: 'submit', class: 'button', id: 'save-settings' }, t('save'))));

  form.addEventListener('submit', async e => {
    e.preventDefault();
    clearErrors(form);
    clear(notice);
    const body = {
      name: name.value.trim(),
      quota: num(quota.value),
      kecamatan: lines(kecamatan.value),
      eligibleOccupations: [...occupations.querySelectorAll('input:checked')].map(c => c.value),
      dtsenMaxDecile: num(decile.value),
      minAge: num(minAge.value),
      maxAge: num(maxAge.value),
      rates: rates.values().map(r => ({ from: r.from, declaredIncome: num(r.declaredIncome), jkk: num(r.jkk), jkm: num(r.jkm) })),
      budgets: budgets.values().map(b => ({ year: num(b.year), allocation: num(b.allocation) })),
      coverageStartDelayMonths: num(delay.value),
      holidays: lines(holidays.value),
      wadahCode: wadah.value.trim()
    };
    try {
      const saved = (await busy(() => ctx.api.put('/programme', body))).data;
      notice.append(alertBox('ok', h('p', {}, t('settingsSaved'))));
      document.getElementById('programme-name').textContent = saved.name || '';
      notice.scrollIntoView({ block: 'nearest' });
    } catch (err) {
      showProblem(form, err, { QUOTA_BELOW_ACTIVE_COUNT: 'quota', JKK_NOT_ONE_PERCENT_OF_INCOME: 'rates', ALLOCATION_BELOW_CHARGED: 'budgets' });
    }
  });
  return form;
}

/** Rows of small inputs (rates, budgets); each input's data-field is the API's path, e.g. rates[1].jkk. */
function rowEditor(name, legend, initial, columns) {
  const rowsHost = h('div', { class: 'rows' });
  const error = h('p', { class: 'field-error', id: `f-${name}-error`, hidden: true });
  const box = h('fieldset', { id: `f-${name}`, dataset: { field: name } }, h('legend', {}, legend), rowsHost, error);
  const add = h('button', { type: 'button', class: 'button button-secondary' }, t('addRow'));
  box.append(add);
  const renumber = () => {
    [...rowsHost.children].forEach((row, i) => {
      row.querySelectorAll('[data-key]').forEach(input => {
        const path = `${name}[${i}].${input.dataset.key}`;
        const oldId = input.id;
        input.dataset.field = path;
        input.id = `f-${name}-${i}-${input.dataset.key}`;
        const lab = row.querySelector(`label[for="${oldId}"]`);
        if (lab) lab.setAttribute('for', input.id);
        const slot = row.querySelector(`#${CSS.escape(oldId)}-error`);
        if (slot) slot.id = `${input.id}-error`;
        input.setAttribute('aria-describedby', `${input.id}-error`);
      });
    });
  };
  const addRow = values => {
    const row = h('div', { class: 'inline', dataset: { row: name } });
    columns.forEach(c => {
      const input = h('input', { type: c.type, value: values[c.key] ?? '', dataset: { key: c.key }, step: c.type === 'number' ? 1 : null });
      row.append(field(`${name}-${c.key}`, c.text, input));
    });
    const remove = h('button', { type: 'button', class: 'button button-secondary' }, t('removeRow'));
    remove.addEventListener('click', () => { row.remove(); renumber(); });
    row.append(remove);
    rowsHost.append(row);
    renumber();
  };
  initial.forEach(addRow);
  add.addEventListener('click', () => addRow({}));
  return {
    element: box,
    values: () => [...rowsHost.children].map(row => {
      const v = {};
      row.querySelectorAll('[data-key]').forEach(input => { v[input.dataset.key] = input.value; });
      return v;
    })
  };
}

