// Monthly runs: the twelve months of a budget year, then one month: its parts, a dry run, the real
// run with progress, the bill download and the payment.
import { t, rupiah, number, month, date, actor } from '../i18n.js';
import { ApiError } from '../api.js';
import { h, clear, table, alertBox, statusBadge, field, showProblem, clearErrors, busy, badge, card } from '../ui.js';
import { budgetYearOf } from './dashboard.js';

export async function render(ctx, screen, query) {
  const programme = (await ctx.api.get('/programme')).data;
  const year = Number(query.get('year')) || budgetYearOf(programme, ctx.today());
  const data = (await ctx.api.get(`/runs?year=${year}`)).data;
  screen.append(h('h1', {}, t('runsTitle')));

  const years = new Set((programme.budgets || []).map(b => b.year));
  years.add(year);
  years.add(Number(ctx.today().slice(0, 4)));
  const select = h('select', { id: 'run-year' }, [...years].sort().map(y => h('option', { value: y, selected: y === year }, String(y))));
  select.addEventListener('change', () => ctx.navigate(`#/iuran?year=${select.value}`));
  screen.append(h('div', { class: 'inline' }, h('div', { class: 'field' }, h('label', { for: 'run-year' }, t('year')), select)));

  if (data.budget) {
    screen.append(h('div', { class: 'cards' },
      [['allocation', data.budget.allocation], ['committed', data.budget.committed], ['spent', data.budget.spent], ['remaining', data.budget.remaining]]
        .map(([k, v]) => card(t(k), rupiah(v), k))));
  }
  screen.append(table([t('month'), t('status'), { text: t('participants'), num: true }, { text: t('total'), num: true },
    { text: t('parts'), num: true }, t('dueDate'), t('paid'), ''],
  (data.months || []).map(m => ({
    item: m,
    attrs: { 'data-month': m.month },
    cells: [month(m.month), statusBadge(m.status), number(m.participants), rupiah(m.total), number((m.parts || []).length),
      dueDates(m), paidBadge(m), h('a', { href: `#/iuran/${m.month}` }, t('open'))]
  })), { onRow: m => ctx.navigate(`#/iuran/${m.month}`) }));
}

function dueDates(m) {
  const due = [...new Set((m.parts || []).map(p => p.dueDate).filter(Boolean))];
  return due.length ? due.map(date).join(', ') : t('none');
}

function paidBadge(m) {
  if (m.status === 'NOT_RUN' || !(m.total > 0)) return t('none');
  if (m.unpaidTotal === 0) return badge('ok', t('paid'));
  return m.overdue ? badge('bad', t('overdue')) : badge('warn', t('unpaid'));
}

// ---------------------------------------------------------------- one month

export async function renderDetail(ctx, screen, monthId) {
  let run = null;
  try {
    run = (await ctx.api.get(`/runs/${monthId}`)).data;
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 404 && e.problem.code === 'RUN_NOT_FOUND')) throw e;
  }
  draw(ctx, screen, monthId, run, null);
  if (run && run.status === 'IN_PROGRESS') follow(ctx, screen, monthId);
}

function draw(ctx, screen, monthId, run, notice) {
  clear(screen);
  screen.append(h('p', {}, h('a', { href: `#/iuran?year=${monthId.slice(0, 4)}` }, `← ${t('runsTitle')}`)));
  screen.append(h('h1', {}, t('runTitle', { month: month(monthId) }), ' ', run ? statusBadge(run.status) : statusBadge('NOT_RUN')));
  const result = h('div', { id: 'run-result', 'aria-live': 'polite' });
  if (notice) result.append(notice);
  screen.append(result);
  screen.append(runActions(ctx, screen, monthId, run, result));
  if (!run) {
    screen.append(h('p', {}, t('notRunYet')));
    if (monthId > ctx.today().slice(0, 7)) screen.append(h('p', { class: 'hint' }, t('monthNotStarted')));
    return;
  }
  screen.append(summary(run));
  if (run.status === 'IN_PROGRESS') screen.append(progressOf(run));
  screen.append(h('h2', {}, t('parts')));
  screen.append(table([{ text: t('part'), num: true }, t('status'), { text: t('participants'), num: true }, { text: t('total'), num: true },
    t('raisedOn'), t('dueDate'), t('paid')],
  (run.parts || []).map(p => ({
    attrs: { 'data-part': p.part },
    cells: [`${p.part}${p.supplementary ? ` (${t('supplementary')})` : ''}`, statusBadge(p.status), number(p.participants), rupiah(p.total),
      date(p.raisedOn), date(p.dueDate), p.payment ? `${date(p.payment.paidOn)} · ${p.payment.reference}` : (p.status === 'COMPLETED' ? badge('warn', t('unpaid')) : t('none'))]
  }))));
  if (run.status === 'COMPLETED') {
    screen.append(billAndPayment(ctx, screen, monthId, run));
  }
}

function summary(run) {
  return h('dl', { class: 'facts', id: 'run-summary' },
    h('dt', {}, t('participants')), h('dd', { dataset: { value: 'participants' } }, number(run.participants)),
    h('dt', {}, t('rate')), h('dd', {}, run.rate ? `${t('jkk')} ${rupiah(run.rate.jkk)} + ${t('jkm')} ${rupiah(run.rate.jkm)}` : t('none')),
    h('dt', {}, t('jkk')), h('dd', {}, rupiah(run.jkkTotal)),
    h('dt', {}, t('jkm')), h('dd', {}, rupiah(run.jkmTotal)),
    h('dt', {}, t('total')), h('dd', { dataset: { value: 'total' } }, rupiah(run.total)),
    run.shortfall ? [h('dt', {}, t('shortfall')), h('dd', {}, rupiah(run.shortfall))] : null,
    h('dt', {}, t('dueDate')), h('dd', {}, date(run.dueDate)),
    run.payment ? [h('dt', {}, t('payment')), h('dd', { dataset: { value: 'payment' } },
      `${date(run.payment.paidOn)} · ${run.payment.reference} · ${t('recordedBy')} ${actor(run.payment.recordedBy)}`)] : null,
    h('dt', {}, t('remaining')), h('dd', {}, rupiah(run.budget?.remaining)));
}

function progressOf(run) {
  const planned = run.plannedParticipants || 0;
  const done = run.participants || 0;
  return h('div', { class: 'field', id: 'run-progress' },
    h('label', { for: 'run-progress-bar' }, t('runProgress', { done: number(done), planned: number(planned) })),
    h('progress', { id: 'run-progress-bar', max: Math.max(planned, 1), value: done }));
}

function runActions(ctx, screen, monthId, run, result) {
  const box = h('div', { class: 'actions', id: 'run-actions' });
  const dry = h('button', { type: 'button', class: 'button button-secondary', id: 'dry-run' }, t('dryRun'));
  dry.addEventListener('click', async () => {
    clear(result);
    try {
      const s = (await busy(() => ctx.api.post('/runs', { month: monthId, dryRun: true }))).data;
      result.append(s.status === 'BLOCKED_BUDGET'
        ? alertBox('warn', h('p', {}, t('dryRunResult', { participants: number(s.participants), total: rupiah(s.total) })), h('p', {}, t('runBlocked', { amount: rupiah(s.shortfall) })))
        : alertBox('ok', h('p', {}, t('dryRunResult', { participants: number(s.participants), total: rupiah(s.total) }))));
    } catch (e) {
      showProblem(result, e);
    }
  });
  box.append(dry);
  if (!run || run.status !== 'IN_PROGRESS') {
    const real = h('button', { type: 'button', class: run && run.status === 'COMPLETED' ? 'button button-secondary' : 'button', id: 'real-run' },
      run && run.status === 'COMPLETED' ? t('rerun') : t('realRun'));
    real.addEventListener('click', async () => {
      if (!window.confirm(t('confirmRun', { month: month(monthId), year: monthId.slice(0, 4) }))) return;
      clear(result);
      try {
        const answer = await busy(() => ctx.api.post('/runs', { month: monthId }));
        const s = answer.data;
        const notice = s.status === 'BLOCKED_BUDGET' ? alertBox('error', h('p', {}, t('runBlocked', { amount: rupiah(s.shortfall) })))
          : s.status === 'COMPLETED' ? alertBox('ok', h('p', {}, t('runCompleted', { month: month(monthId), participants: number(s.participants), total: rupiah(s.total) })))
            : null;
        draw(ctx, screen, monthId, s.month ? await reload(ctx, monthId, s) : s, notice);
        if (s.status === 'IN_PROGRESS') follow(ctx, screen, monthId);
      } catch (e) {
        showProblem(result, e);
      }
    });
    box.append(real);
  }
  return box;
}

async function reload(ctx, monthId, fallback) {
  try { return (await ctx.api.get(`/runs/${monthId}`)).data; } catch (e) { return fallback; }
}

/** In AWS a run answers 202 and its segments write the lines: poll until it is no longer IN_PROGRESS. */
function follow(ctx, screen, monthId) {
  const tick = async () => {
    if (!screen.isConnected) return; // the user left the screen
    try {
      const run = (await ctx.api.get(`/runs/${monthId}`)).data;
      if (run.status === 'IN_PROGRESS') {
        const bar = screen.querySelector('#run-progress');
        if (bar) bar.replaceWith(progressOf(run));
        setTimeout(tick, 2000);
      } else {
        draw(ctx, screen, monthId, run, run.status === 'COMPLETED'
          ? alertBox('ok', h('p', {}, t('runCompleted', { month: month(monthId), participants: number(run.participants), total: rupiah(run.total) })))
          : alertBox('error', h('p', {}, t('runBlocked', { amount: rupiah(run.shortfall) }))));
      }
    } catch (e) {
      showProblem(screen.querySelector('#run-result') || screen, e);
      setTimeout(tick, 5000);
    }
  };
  setTimeout(tick, 2000);
}

function billAndPayment(ctx, screen, monthId, run) {
  const section = h('section', { id: 'bill' });
  const download = h('button', { type: 'button', class: 'button button-secondary', id: 'download-bill' }, t('downloadBill'));
  const status = h('div', { 'aria-live': 'polite' });
  download.addEventListener('click', async () => {
    clear(status);
    try {
      await busy(() => ctx.api.download(`/runs/${monthId}/bill`, `tagihan-${monthId}.csv`));
    } catch (e) {
      showProblem(status, e);
    }
  });
  section.append(h('h2', {}, t('downloadBill')), download, status);

  const unpaid = (run.parts || []).some(p => p.status === 'COMPLETED' && !p.payment);
  if (unpaid) {
    const paidOn = h('input', { type: 'date', value: ctx.today(), max: ctx.today(), required: true });
    const reference = h('input', { type: 'text', maxlength: 100, required: true, autocomplete: 'off' });
    const form = h('form', { class: 'stack', id: 'payment-form' },
      h('h2', {}, t('recordPayment')),
      field('paidOn', t('paidOn'), paidOn),
      field('reference', t('reference'), reference),
      h('div', {}, h('button', { type: 'submit', class: 'button' }, t('recordPayment'))));
    form.addEventListener('submit', async e => {
      e.preventDefault();
      clearErrors(form);
      try {
        const s = (await busy(() => ctx.api.post(`/runs/${monthId}/payment`, { paidOn: paidOn.value, reference: reference.value }))).data;
        draw(ctx, screen, monthId, s, alertBox('ok', h('p', {}, t('paymentRecorded'))));
      } catch (err) {
        showProblem(form, err, { PAID_ON_IN_FUTURE: 'paidOn', PAID_ON_BEFORE_MONTH: 'paidOn' });
      }
    });
    section.append(form);
  }
  return section;
}

