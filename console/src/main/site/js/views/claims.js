// Claim checks: the JKM/JKK form, the itemised answer with each reason in plain language and the
// rule behind it, and the earlier checks.
import { t, label, codes, rupiah, number, date, dateTime, reasonText, reasonRule, actor } from '../i18n.js';
import { ApiError } from '../api.js';
import { h, clear, table, alertBox, field, showProblem, clearErrors, busy, badge } from '../ui.js';

export async function render(ctx, screen, query) {
  screen.append(h('h1', {}, t('claimsTitle')), h('p', { class: 'hint' }, t('claimsHint')));
  const result = h('section', { id: 'claim-result', 'aria-live': 'polite' });
  screen.append(form(ctx, result, query), result);
  const earlier = h('section', { id: 'earlier-checks' }, h('h2', {}, t('earlierChecks')));
  screen.append(earlier);
  await loadEarlier(ctx, earlier, result);
  const shown = query.get('id');
  if (shown) await showCheck(ctx, result, shown);
}

function form(ctx, result, query) {
  const by = h('select', { id: 'claim-by' }, h('option', { value: 'nik' }, t('byNik')), h('option', { value: 'registrationId' }, t('byRegistration')));
  const who = h('input', { type: 'text', id: 'claim-who', autocomplete: 'off', maxlength: 36, inputmode: 'numeric', value: query.get('registrationId') || '' });
  if (query.get('registrationId')) by.value = 'registrationId';
  const type = h('select', { id: 'claim-type' }, h('option', { value: 'JKM' }, t('typeJkm')), h('option', { value: 'JKK' }, t('typeJkk')));
  const eventDate = h('input', { type: 'date', id: 'claim-event-date', max: ctx.today(), required: true });
  const cause = h('input', { type: 'text', id: 'claim-cause', maxlength: 500 });
  const outcome = h('select', { id: 'claim-outcome' }, codes('jkkOutcomes').map(c => h('option', { value: c }, label('jkkOutcomes', c))));
  const days = h('input', { type: 'number', id: 'claim-days', min: 1, max: 36500, step: 1 });
  const transport = h('select', { id: 'claim-transport' }, h('option', { value: '' }, t('transportNone')),
    codes('transports').map(c => h('option', { value: c }, label('transports', c))));
  const reportedOn = h('input', { type: 'date', id: 'claim-reported-on', max: ctx.today() });

  const whoField = field('nik', t('identifyBy'), who);
  const jkkOnly = h('fieldset', { id: 'jkk-fields' }, h('legend', {}, t('typeJkk')),
    field('outcome', t('jkkOutcome'), outcome),
    field('incapacityDays', t('incapacityDays'), days),
    field('transport', t('transport'), transport),
    field('reportedOn', t('reportedOn'), reportedOn));
  const syncFields = () => {
    jkkOnly.hidden = type.value !== 'JKK';
    who.dataset.field = by.value;
    days.closest('.field').hidden = outcome.value !== 'TEMPORARY_INCAPACITY';
  };
  [type, outcome, by].forEach(c => c.addEventListener('change', syncFields));

  const submit = h('button', { type: 'submit', class: 'button' }, t('check'));
  const f = h('form', { class: 'stack', id: 'claim-form' },
    h('div', { class: 'inline' }, h('div', { class: 'field' }, h('label', { for: 'claim-by' }, t('identifyBy')), by), whoField),
    field('type', t('claimType'), type),
    field('eventDate', t('eventDate'), eventDate),
    field('cause', t('cause'), cause),
    jkkOnly,
    h('div', {}, submit));
  syncFields();
  f.addEventListener('submit', async e => {
    e.preventDefault();
    clearErrors(f);
    clear(result);
    const body = { type: type.value, eventDate: eventDate.value };
    body[by.value] = who.value.trim();
    if (cause.value.trim()) body.cause = cause.value.trim();
    if (type.value === 'JKK') {
      body.outcome = outcome.value;
      if (outcome.value === 'TEMPORARY_INCAPACITY' && days.value) body.incapacityDays = Number(days.value);
      if (transport.value) body.transport = transport.value;
      if (reportedOn.value) body.reportedOn = reportedOn.value;
    }
    try {
      const check = (await busy(() => ctx.api.post('/claims/checks', body))).data;
      result.append(answer(check));
      result.scrollIntoView({ block: 'start' });
      const earlier = document.getElementById('earlier-checks');
      if (earlier) await loadEarlier(ctx, earlier, result);
    } catch (err) {
      showProblem(f, err, { EVENT_IN_FUTURE: 'eventDate', NO_RULES_FOR_EVENT_DATE: 'eventDate', NO_RATE_FOR_MONTH: 'eventDate' });
    }
  });
  return f;
}

function benefitAmount(b) {
  if (b.amount === 'AS_NEEDED') return t('asNeeded');
  return b.upTo ? t('upTo', { amount: rupiah(b.amount) }) : rupiah(b.amount);
}

export function answer(c) {
  const box = h('div', { class: 'claim-answer', dataset: { eligible: String(c.eligible) } });
  box.append(h('h2', {}, t('result'), ' ', c.eligible ? badge('ok', t('eligible')) : badge('bad', t('notEligible'))));
  box.append(h('dl', { class: 'facts' },
    h('dt', {}, t('nik')), h('dd', {}, c.nik || t('none')),
    h('dt', {}, t('claimType')), h('dd', {}, c.type === 'JKK' ? t('typeJkk') : t('typeJkm')),
    h('dt', {}, t('eventDate')), h('dd', {}, date(c.eventDate)),
    h('dt', {}, t('coveredOnEventDate')), h('dd', {}, c.coveredOnEventDate ? t('yes') : t('no')),
    h('dt', {}, t('consecutivePaidMonths')), h('dd', {}, number(c.consecutivePaidMonths)),
    h('dt', {}, t('ruleVersion')), h('dd', {}, c.ruleVersion)));
  if ((c.benefits || []).length) {
    box.append(table([t('benefit'), { text: t('amount'), num: true }],
      [...c.benefits.map(b => ({ cells: [label('benefitCodes', b.code), benefitAmount(b)], attrs: { 'data-benefit': b.code } })),
        { cells: [h('strong', {}, t('total')), h('strong', { id: 'claim-total' }, rupiah(c.total))] }],
      { caption: t('benefits') }));
  }
  if ((c.reasons || []).length) {
    box.append(h('h3', {}, t('reasons')), h('ul', { class: 'reasons' }, c.reasons.map(r =>
      h('li', { dataset: { reason: r.code } }, reasonText(r.code, r.message), ' ',
        h('span', { class: 'hint' }, `(${t('rule')} ${reasonRule(r.code, r.rule)}, ${r.code})`)))));
  }
  if (c.scholarship) {
    const s = c.scholarship;
    box.append(h('h3', {}, t('scholarship'), ' ', s.eligible ? badge('ok', t('eligible')) : badge('muted', t('notEligible'))));
    if (s.eligible) {
      box.append(h('p', {}, t('scholarshipChildren', { count: s.maxChildren })),
        h('ul', {}, (s.levels || []).map(l => h('li', {}, t('scholarshipLine', { level: label('levels', l.level), amount: rupiah(l.perYear), years: l.maxYears })))));
    }
  }
  return box;
}

async function loadEarlier(ctx, host, result) {
  [...host.children].slice(1).forEach(c => c.remove());
  let page;
  try {
    page = (await ctx.api.get('/claims/checks?limit=20')).data;
  } catch (e) {
    if (e instanceof ApiError && e.status === 404 && e.problem.code === 'ROUTE_NOT_FOUND') return;
    showProblem(host, e);
    return;
  }
  const items = page.items || [];
  if (!items.length) {
    host.append(h('p', {}, t('noResults')));
    return;
  }
  host.append(table([t('checkedAt'), t('nik'), t('claimType'), t('eventDate'), t('result'), { text: t('total'), num: true }, t('checkedBy')],
    items.map(c => ({
      item: c,
      attrs: { 'data-check': c.id },
      cells: [dateTime(c.checkedAt), c.nik || t('none'), c.type, date(c.eventDate),
        c.eligible ? badge('ok', t('eligible')) : badge('bad', t('notEligible')), rupiah(c.total), actor(c.checkedBy)]
    })), {
    onRow: c => { clear(result).append(answer(c)); result.scrollIntoView({ block: 'start' }); }
  }));
}

async function showCheck(ctx, result, id) {
  try {
    const c = (await ctx.api.get(`/claims/checks/${encodeURIComponent(id)}`)).data;
    clear(result).append(answer(c));
  } catch (e) {
    showProblem(result, e);
  }
}
