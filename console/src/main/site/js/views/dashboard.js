// Dashboard: warnings first (each links to where it is resolved), then places, counts and the budget year.
import { t, label, rupiah, number, month, date, monthName, currentLanguage } from '../i18n.js';
import { ApiError } from '../api.js';
import { h, table, alertBox, statusBadge, card } from '../ui.js';

const STATUSES = ['PENDING_REVIEW', 'ACTIVE', 'WAITLISTED', 'REJECTED', 'ENDED'];

export function budgetYearOf(programme, today) {
  const year = Number(today.slice(0, 4));
  const years = (programme.budgets || []).map(b => b.year);
  if (!years.length || years.includes(year)) return year;
  const past = years.filter(y => y <= year);
  return past.length ? Math.max(...past) : Math.min(...years);
}

export async function render(ctx, screen) {
  let programme;
  try {
    programme = (await ctx.api.get('/programme')).data;
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) {
      screen.append(h('h1', {}, t('dashboardTitle')),
        alertBox('warn', h('p', {}, t('noProgramme')), h('p', {}, h('a', { href: '#/pengaturan' }, t('navSettings')))));
      return;
    }
    throw e;
  }
  const year = budgetYearOf(programme, ctx.today());
  let runYear = null;
  try {
    runYear = (await ctx.api.get(`/runs?year=${year}`)).data;
  } catch (e) {
    if (!(e instanceof ApiError) || e.status >= 500) throw e;
  }

  screen.append(h('h1', {}, t('dashboardTitle')));
  screen.append(warnings(programme, runYear));

  const counts = programme.counts || {};
  screen.append(h('div', { class: 'cards', id: 'places' },
    card(t('quota'), number(programme.quota), 'quota'),
    card(t('activeCount'), number(counts.ACTIVE), 'active'),
    card(t('freePlaces'), number(programme.freePlaces), 'free'),
    card(t('pendingCount'), number(counts.PENDING_REVIEW), 'pending'),
    card(t('waitlistCount'), number(counts.WAITLISTED), 'waitlisted'),
    programme.rateInForce ? card(t('rateInForce'), rupiah(programme.rateInForce.total), 'rate') : null));

  const columns = h('div', { class: 'columns' });
  columns.append(table([t('status'), { text: t('count'), num: true }],
    STATUSES.map(s => ({ cells: [statusBadge(s), number(counts[s] || 0)] })), { caption: t('countsByStatus') }));
  const breakdown = programme.breakdown;
  if (breakdown) {
    columns.append(breakdownTable(t('countsByKecamatan'), t('kecamatan'), breakdown.byKecamatan || [], r => r.kecamatan));
    columns.append(breakdownTable(t('countsByOccupation'), t('occupation'), breakdown.byOccupation || [],
      r => label('occupations', r.occupation)));
  }
  screen.append(columns);

  const use = (programme.budgets || []).find(b => b.year === year);
  screen.append(h('h2', {}, t('budgetYear', { year })));
  if (use) {
    screen.append(h('div', { class: 'cards', id: 'budget' },
      card(t('allocation'), rupiah(use.allocation), 'allocation'),
      card(t('committed'), rupiah(use.committed), 'committed'),
      card(t('spent'), rupiah(use.spent), 'spent'),
      card(t('remaining'), rupiah(use.remaining), 'remaining')));
  }
  if (runYear) screen.append(budgetChart(runYear, use));
}

function breakdownTable(caption, firstColumn, rows, name) {
  const sorted = [...rows].sort((a, b) => (b.counts?.ACTIVE || 0) - (a.counts?.ACTIVE || 0));
  return table([firstColumn, { text: label('statuses', 'ACTIVE'), num: true }, { text: label('statuses', 'WAITLISTED'), num: true },
    { text: label('statuses', 'PENDING_REVIEW'), num: true }],
  sorted.map(r => ({ cells: [name(r), number(r.counts?.ACTIVE || 0), number(r.counts?.WAITLISTED || 0), number(r.counts?.PENDING_REVIEW || 0)] })),
  { caption });
}

function warnings(programme, runYear) {
  const items = [];
  for (const w of programme.warnings || []) {
    const key = w.code === 'MEMBERSHIP_AT_RISK' ? 'warnAtRisk' : w.code === 'MEMBERSHIP_LAPSED' ? 'warnLapsedMonth' : 'warnOverdue';
    items.push(h('li', { dataset: { warning: w.code, month: w.month } },
      t(key, { month: month(w.month), amount: rupiah(w.amount), days: w.daysOverdue, due: date(w.dueDate) }), ' ',
      h('a', { href: `#/iuran/${w.month}` }, t('resolvePay'))));
  }
  if (programme.lapsedAwaitingReEnrolment > 0) {
    items.push(h('li', { dataset: { warning: 'LAPSED' } }, t('warnLapsedPeople', { count: number(programme.lapsedAwaitingReEnrolment) }), ' ',
      h('a', { href: '#/pendaftaran?tab=lapsed' }, t('resolveReEnrol'))));
  }
  for (const m of runYear?.months || []) {
    if (m.status === 'BLOCKED_BUDGET') {
      const shortfall = (m.parts || []).reduce((s, p) => s + (p.shortfall || 0), 0);
      items.push(h('li', { dataset: { warning: 'BLOCKED_BUDGET', month: m.month } },
        t('warnBlocked', { month: month(m.month), amount: rupiah(shortfall) }), ' ',
        h('a', { href: '#/pengaturan' }, t('resolveBudget')), ' · ', h('a', { href: `#/iuran/${m.month}` }, t('resolveRun'))));
    } else if (m.status === 'IN_PROGRESS') {
      items.push(h('li', { dataset: { warning: 'IN_PROGRESS', month: m.month } }, t('warnInProgress', { month: month(m.month) }), ' ',
        h('a', { href: `#/iuran/${m.month}` }, t('resolveRun'))));
    }
  }
  const section = h('section', { 'aria-labelledby': 'warnings-title', id: 'warnings' }, h('h2', { id: 'warnings-title', class: 'sr-only' }, t('warnings')));
  section.append(items.length ? alertBox('warn', h('ul', {}, items)) : alertBox('ok', h('p', {}, t('noWarnings'))));
  return section;
}

/** The year month by month: allocation as a line, cumulative billed and paid as bars; a table with the same figures. */
function budgetChart(runYear, use) {
  const allocation = use ? use.allocation : (runYear.budget?.allocation || 0);
  let billed = 0;
  let paid = 0;
  const rows = (runYear.months || []).map((m, i) => {
    billed += m.status === 'COMPLETED' || m.status === 'IN_PROGRESS' ? (m.total || 0) : 0;
    paid += m.paidTotal || 0;
    return { index: i + 1, month: m.month, billed, paid, remaining: allocation - billed };
  });
  const box = h('figure', { class: 'chart', id: 'budget-chart' });
  const caption = h('figcaption', { class: 'hint' }, t('chartSummary'));
  const plotHost = h('div', { 'aria-hidden': 'true' });
  box.append(plotHost, caption);
  if (window.uPlot && rows.length) {
    const x = rows.map(r => r.index);
    const bars = window.uPlot.paths?.bars;
    const opts = {
      // The figure is not in the page yet: size the plot from the main column, less its padding.
      width: Math.min(1100, Math.max(320, (document.getElementById('main')?.clientWidth || 900) - 80)),
      height: 280,
      scales: { x: { time: false, range: [0.5, 12.5] } },
      axes: [
        { values: (u, vals) => vals.map(v => (Number.isInteger(v) && v >= 1 && v <= 12 ? monthName(v - 1).slice(0, 3) : '')) },
        { size: 90, values: (u, vals) => vals.map(v => shortRupiah(v)) }
      ],
      series: [
        { label: t('month'), value: (u, v) => (v >= 1 && v <= 12 ? monthName(v - 1) : '') },
        { label: t('allocation'), stroke: '#0b5394', width: 2, dash: [6, 4], value: (u, v) => rupiah(v) },
        { label: `${t('committed')} + ${t('spent')} (${t('cumulative')})`, stroke: '#c98a00', fill: 'rgba(224,168,0,0.35)',
          paths: bars ? bars({ size: [0.7] }) : undefined, value: (u, v) => rupiah(v) },
        { label: `${t('spent')} (${t('cumulative')})`, stroke: '#1e6b34', fill: 'rgba(30,107,52,0.7)',
          paths: bars ? bars({ size: [0.4] }) : undefined, value: (u, v) => rupiah(v) }
      ]
    };
    // eslint-disable-next-line no-new
    new window.uPlot(opts, [x, rows.map(() => allocation), rows.map(r => r.billed), rows.map(r => r.paid)], plotHost);
  }
  const details = h('details', {}, h('summary', {}, t('showTable')),
    table([t('month'), { text: `${t('committed')} + ${t('spent')}`, num: true }, { text: t('spent'), num: true }, { text: t('remaining'), num: true }],
      rows.map(r => ({ cells: [month(r.month), rupiah(r.billed), rupiah(r.paid), rupiah(r.remaining)] }))));
  box.append(details);
  return box;
}

function shortRupiah(v) {
  const abs = Math.abs(v);
  const unit = currentLanguage() === 'en' ? ['bn', 'm'] : ['M', 'jt'];
  if (abs >= 1e9) return `Rp${(v / 1e9).toLocaleString('id-ID', { maximumFractionDigits: 1 })} ${unit[0]}`;
  if (abs >= 1e6) return `Rp${(v / 1e6).toLocaleString('id-ID', { maximumFractionDigits: 0 })} ${unit[1]}`;
  return rupiah(v);
}
