// Registrations: the review queue, the waitlist in order, lists by status, search by NIK or name,
// and one registration with its eligibility facts, actions and full history.
import { t, label, codes, number, date, dateTime, actor } from '../i18n.js';
import { h, clear, table, alertBox, statusBadge, field, showProblem, clearErrors, busy } from '../ui.js';

const TABS = [
  { id: 'queue', status: 'PENDING_REVIEW', text: 'tabQueue', hint: 'queueHint' },
  { id: 'waitlist', status: 'WAITLISTED', text: 'tabWaitlist', hint: 'waitlistHint' },
  { id: 'active', status: 'ACTIVE', text: 'tabActive' },
  { id: 'ended', status: 'ENDED', text: 'tabEnded' },
  { id: 'rejected', status: 'REJECTED', text: 'tabRejected' },
  { id: 'search', text: 'tabSearch' }
];
const PAGE = 50;
const MAX_PAGE = 500;

export async function render(ctx, screen, query) {
  let tabId = query.get('tab') || 'queue';
  if (tabId === 'lapsed') tabId = 'ended';
  const tab = TABS.find(x => x.id === tabId) || TABS[0];
  screen.append(h('h1', {}, t('registrationsTitle')));
  screen.append(h('nav', { class: 'tabs', 'aria-label': t('registrationsTitle') },
    TABS.map(x => h('a', { href: `#/pendaftaran?tab=${x.id}`, 'aria-current': x.id === tab.id ? 'page' : null, dataset: { tab: x.id } }, t(x.text)))));

  const programme = (await ctx.api.get('/programme')).data;
  if (programme.lapsedAwaitingReEnrolment > 0) screen.append(reEnrolBox(ctx, programme.lapsedAwaitingReEnrolment));

  if (tab.id === 'search') {
    screen.append(searchForm(ctx, query.get('q') || ''));
    return;
  }
  if (tab.hint) screen.append(h('p', { class: 'hint' }, t(tab.hint)));
  const list = h('div', { id: 'registration-list' });
  screen.append(list);
  await listByStatus(ctx, list, tab.status);
}

/**
 * The API lists a status kecamatan by kecamatan, each oldest first. The review queue is read whole
 * (it is short: applications awaiting a decision) and shown oldest first across the city; other
 * lists page as the API pages them (the waitlist in its own order).
 */
async function listByStatus(ctx, host, status) {
  const items = [];
  let cursor = null;
  const whole = status === 'PENDING_REVIEW';
  const body = h('div', {});
  const more = h('button', { type: 'button', class: 'button button-secondary', hidden: true }, t('loadMore'));
  host.append(body, more);
  async function load() {
    do {
      const params = new URLSearchParams({ status, limit: String(whole ? MAX_PAGE : PAGE) });
      if (cursor) params.set('cursor', cursor);
      const page = (await ctx.api.get(`/registrations?${params}`)).data;
      items.push(...page.items);
      cursor = page.nextCursor || null;
    } while (whole && cursor);
    if (whole) items.sort((a, b) => a.submittedAt.localeCompare(b.submittedAt) || a.id.localeCompare(b.id));
    clear(body).append(registrationTable(ctx, items, status === 'WAITLISTED'));
    more.hidden = !cursor;
  }
  more.addEventListener('click', () => busy(load).catch(e => showProblem(host, e)));
  await load();
}

export function registrationTable(ctx, items, withPosition) {
  if (!items.length) return h('p', { class: 'empty' }, t('noResults'));
  const headers = [withPosition ? { text: t('position'), num: true } : null, t('fullName'), t('nik'), t('kecamatan'), t('occupation'),
    t('submittedAt'), t('status')].filter(Boolean);
  return table(headers, items.map((r, i) => ({
    item: r,
    attrs: { 'data-registration': r.id },
    cells: [withPosition ? number(r.waitlistPosition ?? i + 1) : null,
      h('a', { href: `#/pendaftaran/${r.id}` }, r.fullName), r.nik, r.kecamatan, label('occupations', r.occupation),
      dateTime(r.submittedAt), statusBadge(r.status)].filter(x => x !== null)
  })), { onRow: r => ctx.navigate(`#/pendaftaran/${r.id}`) });
}

function searchForm(ctx, initial) {
  const input = h('input', { type: 'search', autocomplete: 'off', value: initial, maxlength: 100, required: true });
  const results = h('div', { id: 'search-results' });
  const form = h('form', { class: 'stack', role: 'search' },
    field('query', t('searchLabel'), input, t('searchHint')),
    h('div', {}, h('button', { type: 'submit', class: 'button' }, t('search'))));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    clearErrors(form);
    const q = input.value.trim();
    // The NIK or name travels in the body, never in a URL that access logs would keep.
    const body = /^\d{16}$/.test(q) ? { nik: q } : { name: q };
    input.dataset.field = body.nik ? 'nik' : 'name';
    const items = [];
    const more = h('button', { type: 'button', class: 'button button-secondary', hidden: true }, t('loadMore'));
    // A name cannot be indexed: each page reads part of the registrations and may hold few matches or
    // none while there are more; read on until a screenful is found or the list ends.
    const load = async cursor => {
      let next = cursor;
      do {
        const page = (await ctx.api.post('/registrations/search', next ? { ...body, cursor: next } : body)).data;
        items.push(...(page.items || []));
        next = page.nextCursor || null;
      } while (next && items.length < PAGE);
      clear(results).append(registrationTable(ctx, items, false), more);
      more.hidden = !next;
      more.onclick = () => busy(() => load(next)).catch(err => showProblem(form, err));
    };
    try {
      await busy(() => load(null));
    } catch (err) {
      clear(results);
      showProblem(form, err);
    }
  });
  if (initial) setTimeout(() => form.requestSubmit(), 0);
  return h('div', {}, form, results);
}

function reEnrolBox(ctx, count) {
  const button = h('button', { type: 'button', class: 'button', id: 're-enrol' }, t('reEnrolAll', { count: number(count) }));
  const box = alertBox('warn', h('p', {}, t('warnLapsedPeople', { count: number(count) })), button);
  button.addEventListener('click', async () => {
    try {
      const r = (await busy(() => ctx.api.post('/registrations/re-enrolments', {}))).data;
      box.replaceWith(alertBox('ok', h('p', {}, t('reEnrolDone', { active: number(r.active), waitlisted: number(r.waitlisted) }))));
    } catch (e) {
      showProblem(box, e);
    }
  });
  return box;
}

// ---------------------------------------------------------------- one registration

export async function renderDetail(ctx, screen, id) {
  const [registration, programme] = await Promise.all([
    ctx.api.get(`/registrations/${id}`).then(r => r.data),
    ctx.api.get('/programme').then(r => r.data)
  ]);
  draw(ctx, screen, registration, programme, null);
}

function draw(ctx, screen, r, programme, notice) {
  clear(screen);
  screen.append(h('p', {}, h('a', { href: '#/pendaftaran' }, `← ${t('back')}`)));
  screen.append(h('h1', {}, t('registrationTitle', { name: r.fullName }), ' ', statusBadge(r.status)));
  if (notice) screen.append(notice);

  const address = r.address ? `${r.address.street}, ${r.address.kelurahan}, ${r.address.kecamatan}` : r.kecamatan;
  screen.append(h('div', { class: 'columns' },
    h('section', {}, h('h2', {}, t('personalData')), facts([
      [t('nik'), r.nik], [t('fullName'), r.fullName], [t('birthDate'), date(r.birthDate)], [t('sex'), label('sexes', r.sex)],
      [t('phone'), r.phone || t('none')], [t('address'), address], [t('occupation'), label('occupations', r.occupation)],
      [t('dtsen'), r.dtsen ? t('dtsenValue', { decile: r.dtsen.decile, version: date(r.dtsen.version) }) : t('none')],
      [t('disability'), r.disability ? t('yes') : t('no')], [t('source'), label('sourcesMap', r.source)],
      [t('submittedAt'), dateTime(r.submittedAt)]
    ])),
    h('section', {}, h('h2', {}, t('eligibilityFacts')), eligibility(r, programme), h('p', { class: 'hint' }, t('eligibilityNote'))),
    h('section', {}, h('h2', {}, t('coverage')), facts([
      [t('status'), statusBadge(r.status)],
      r.waitlistPosition ? [t('position'), number(r.waitlistPosition)] : null,
      [t('coverageStart'), date(r.coverageStart)], [t('coverageEnd'), date(r.coverageEnd)],
      [t('consecutivePaidMonths'), number(r.consecutivePaidMonths)],
      r.endReason ? [t('endReason'), label('endReasons', r.endReason)] : null,
      r.rejectionReason ? [t('rejectionReason'), r.rejectionReason] : null,
      r.neverCovered ? [t('neverCovered'), t('yes')] : null,
      r.lapsed ? [t('lapsed'), t('yes')] : null,
      r.reEnrolledAs ? [t('reEnrolledAs'), h('a', { href: `#/pendaftaran/${r.reEnrolledAs}` }, r.reEnrolledAs)] : null
    ].filter(Boolean)))));

  screen.append(actions(ctx, screen, r, programme));
  screen.append(h('h2', {}, t('history')));
  screen.append(table([t('historyAt'), t('historyBy'), t('historyFrom'), t('historyTo'), t('historyReason')],
    (r.history || []).map(e => ({ cells: [dateTime(e.at), actor(e.by), e.from ? label('statuses', e.from) : t('none'), label('statuses', e.to), historyReason(e.reason)] })),
    { caption: null }));
}

/** An end's reason is stored as its code and date ("MOVED_AWAY effective 2025-08-10"): show the code in words. */
function historyReason(reason) {
  if (!reason) return t('none');
  const m = /^([A-Z_]+)\b(.*)$/.exec(reason);
  if (m && label('endReasons', m[1]) !== m[1]) {
    const effective = /effective (\d{4}-\d{2}-\d{2})/.exec(m[2]);
    return effective ? `${label('endReasons', m[1])}, ${t('effectiveDate').toLowerCase()} ${date(effective[1])}` : `${label('endReasons', m[1])}${m[2]}`;
  }
  return reason;
}

function facts(pairs) {
  return h('dl', { class: 'facts' }, pairs.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

function ageOn(birthDate, onDate) {
  if (!birthDate || !onDate) return null;
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = onDate.slice(0, 10).split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** The NIK encodes the birth date (DDMMYY, women +40 on the day): R-10. */
function nikFacts(nik, birthDate, sex) {
  if (!/^\d{16}$/.test(nik || '') || !birthDate) return null;
  let day = Number(nik.slice(6, 8));
  const female = day > 40;
  if (female) day -= 40;
  const [y, m, d] = birthDate.split('-');
  return {
    birth: day === Number(d) && nik.slice(8, 10) === m && nik.slice(10, 12) === y.slice(2),
    sex: (female ? 'F' : 'M') === sex
  };
}

function eligibility(r, p) {
  const lines = [];
  const nik = nikFacts(r.nik, r.birthDate, r.sex);
  if (nik) {
    lines.push([nik.birth, t('ruleNikBirth')]);
    lines.push([nik.sex, t('ruleNikSex')]);
  }
  const inKecamatan = (p.kecamatan || []).some(k => k.toLowerCase() === String(r.address?.kecamatan || r.kecamatan).toLowerCase());
  lines.push([inKecamatan, t('ruleKecamatan')]);
  const group = (p.eligibleOccupations || []).includes(r.occupation) || r.disability === true
    || (r.dtsen && r.dtsen.decile <= p.dtsenMaxDecile);
  lines.push([group, `${t('ruleGroup', { max: p.dtsenMaxDecile })}: ${label('occupations', r.occupation)}`
    + (r.dtsen ? `, ${t('dtsenValue', { decile: r.dtsen.decile, version: date(r.dtsen.version) })}` : '')
    + (r.disability ? `, ${t('disability').toLowerCase()}` : '')]);
  const age = ageOn(r.birthDate, r.submittedAt);
  lines.push([age === null ? null : age >= p.minAge && age <= p.maxAge,
    age === null ? t('ruleAgeUnknown', { min: p.minAge, max: p.maxAge }) : t('ruleAge', { age, min: p.minAge, max: p.maxAge })]);
  return h('ul', { class: 'eligibility' }, lines.map(([ok, text]) =>
    h('li', { class: ok === null ? null : ok ? 'check-ok' : 'check-bad', dataset: { ok: String(ok) } }, text)));
}

function actions(ctx, screen, r, programme) {
  const box = h('section', { id: 'registration-actions' });
  const after = async (promise, message, scope) => {
    try {
      const result = (await busy(() => promise())).data;
      const fresh = (await ctx.api.get(`/registrations/${r.id}`)).data;
      draw(ctx, screen, fresh, programme, alertBox('ok', ...message(result).map(m => h('p', {}, m))));
    } catch (e) {
      showProblem(scope || box, e, { EFFECTIVE_DATE_BEFORE_SUBMISSION: 'effectiveDate' });
    }
  };
  if (r.status === 'PENDING_REVIEW') {
    const approve = h('button', { type: 'button', class: 'button', id: 'approve' }, t('approve'));
    approve.addEventListener('click', () => after(() => ctx.api.post(`/registrations/${r.id}/approve`, {}),
      res => [res.status === 'WAITLISTED' ? t('approvedWaitlisted', { position: res.waitlistPosition }) : t('approved', { status: label('statuses', res.status) })]));
    const reason = h('textarea', { maxlength: 500, rows: 2, id: 'reject-reason' });
    const rejectForm = h('form', { class: 'stack', id: 'reject-form' },
      field('reason', t('rejectReasonLabel'), reason),
      h('div', {}, h('button', { type: 'submit', class: 'button button-danger' }, t('reject'))));
    rejectForm.addEventListener('submit', e => {
      e.preventDefault();
      after(() => ctx.api.post(`/registrations/${r.id}/reject`, { reason: reason.value }), () => [t('rejected')], rejectForm);
    });
    box.append(h('h2', {}, t('approve'), ' / ', t('reject')), h('div', { class: 'actions' }, approve), rejectForm);
  }
  if (['ACTIVE', 'WAITLISTED', 'PENDING_REVIEW'].includes(r.status)) {
    const reason = h('select', { id: 'end-reason' }, codes('endReasons').filter(c => c !== 'ARREARS').map(c => h('option', { value: c }, label('endReasons', c))));
    const effective = h('input', { type: 'date', value: ctx.today(), id: 'end-effective-date' });
    const endForm = h('form', { class: 'stack', id: 'end-form' },
      h('h2', {}, t('end')),
      field('reason', t('endReasonLabel'), reason),
      field('effectiveDate', t('effectiveDate'), effective, t('effectiveDateHint')),
      h('div', {}, h('button', { type: 'submit', class: 'button button-danger' }, t('end'))));
    endForm.addEventListener('submit', e => {
      e.preventDefault();
      after(() => ctx.api.post(`/registrations/${r.id}/end`, { reason: reason.value, effectiveDate: effective.value }),
        res => [t('ended'), res.promoted ? t('promoted', { name: res.promoted.fullName }) : null].filter(Boolean), endForm);
    });
    box.append(endForm);
  }
  return box;
}
