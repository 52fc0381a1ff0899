// Decree import: choose the CSV, see it upload and then the server work, then the per-row report,
// which can be filtered and downloaded. The same screen imports the KPJ numbers BPJS assigned.
import { t, label, number, bytes } from '../i18n.js';
import { saveBlob, ApiError } from '../api.js';
import { h, clear, table, alertBox, field, showProblem, clearErrors, busy, setBusyText, card } from '../ui.js';

/** The API's limit for a text/csv body (openapi.yaml: 6 MiB). */
const MAX_CSV_BYTES = 6 * 1024 * 1024;
/** The largest decree file POST /imports takes (openapi.yaml: 50 MiB). */
const MAX_FILE_BYTES = 50 * 1024 * 1024;

export async function render(ctx, screen) {
  screen.append(h('h1', {}, t('importTitle')));
  screen.append(uploadSection(ctx, {
    id: 'decree', hint: t('importHint'), path: '/registrations/import', report: decreeReport, asFile: importAsFile
  }));
  screen.append(h('h2', {}, t('kpjTitle')));
  screen.append(uploadSection(ctx, { id: 'kpj', hint: t('kpjHint'), path: '/registrations/kpj', report: kpjReport }));
}

function dataRows(text) {
  const lines = text.split(/\r\n|\n|\r/).filter(l => l.trim() !== '');
  return Math.max(0, lines.length - 1);
}

/** Longer decree lists than this go through POST /imports (openapi.yaml: the synchronous route's limit). */
const SYNC_ROWS = 2000;

function uploadSection(ctx, { id, hint, path, report, asFile }) {
  const input = h('input', { type: 'file', accept: '.csv,text/csv', id: `${id}-file` });
  const summary = h('p', { class: 'hint', id: `${id}-file-summary`, 'aria-live': 'polite' });
  const progress = h('progress', { max: 100, value: 0, hidden: true, id: `${id}-progress`, 'aria-label': t('uploading', { percent: 0 }) });
  const progressText = h('p', { 'aria-live': 'polite', id: `${id}-progress-text` });
  const result = h('div', { id: `${id}-report` });
  const submit = h('button', { type: 'submit', class: 'button' }, t('startImport'));
  const form = h('form', { class: 'stack', id: `${id}-form` },
    h('p', { class: 'hint' }, hint), field('file', t('chooseFile'), input), summary, h('div', {}, submit), progress, progressText);

  let text = null;
  input.addEventListener('change', async () => {
    clearErrors(form);
    clear(result);
    const file = input.files[0];
    text = null;
    if (!file) { summary.textContent = ''; return; }
    const max = asFile ? MAX_FILE_BYTES : MAX_CSV_BYTES;
    if (file.size > max) {
      summary.textContent = t('fileTooLarge', { size: bytes(file.size), max: bytes(max) });
      return;
    }
    text = await file.text();
    summary.textContent = t('fileSummary', { name: file.name, rows: number(dataRows(text)), size: bytes(file.size) });
  });

  form.addEventListener('submit', async e => {
    e.preventDefault();
    clearErrors(form);
    clear(result);
    if (!text || dataRows(text) === 0) {
      showProblem(form, { status: 400, problem: { detail: t('emptyFile'), errors: [{ field: 'file', message: t('emptyFile') }] } });
      return;
    }
    const rows = dataRows(text);
    submit.disabled = true;
    progress.hidden = false;
    progress.value = 0;
    if (asFile && rows > SYNC_ROWS) {
      try {
        const data = await asFile(ctx, input.files[0], rows, { progress, progressText });
        result.append(report(data, input.files[0]?.name || 'impor.csv'));
      } catch (err) {
        showProblem(form, err);
      } finally {
        progress.hidden = true;
        progressText.textContent = '';
        submit.disabled = false;
      }
      return;
    }
    try {
      const answer = await busy(() => ctx.api.upload(path, text, 'text/csv; charset=utf-8', {
        onProgress: (sent, total) => {
          const percent = Math.round((sent / total) * 100);
          progress.value = percent;
          progressText.textContent = t('uploading', { percent });
          setBusyText(t('uploading', { percent }));
        },
        onSent: () => {
          progress.removeAttribute('value'); // indeterminate while the server works through the rows
          progressText.textContent = t('processing', { rows: number(rows) });
          setBusyText(t('processing', { rows: number(rows) }));
        }
      }), t('uploading', { percent: 0 }));
      progress.hidden = true;
      progressText.textContent = '';
      result.append(report(answer.data, input.files[0]?.name || 'impor.csv'));
    } catch (err) {
      progress.hidden = true;
      progressText.textContent = '';
      showProblem(form, err);
    } finally {
      submit.disabled = false;
    }
  });
  return h('section', { id: `${id}-section` }, form, result);
}

/**
 * A long decree list as a file (POST /imports): announce its size, upload it where the answer says
 * (S3 in AWS, the runner locally), then follow the import chunk by chunk with a real progress bar,
 * and read the report page by page.
 */
async function importAsFile(ctx, file, rows, { progress, progressText }) {
  const show = text => { progressText.textContent = text; setBusyText(text); };
  return busy(async () => {
    const created = (await ctx.api.post('/imports', { sizeBytes: file.size })).data;
    await ctx.api.uploadTo(created.upload, file, (sent, total) => {
      const percent = Math.round((sent / total) * 100);
      progress.value = percent;
      show(t('uploading', { percent }));
    });
    let state = (await ctx.api.get(`/imports/${created.id}`)).data;
    while (!state.complete) {
      progress.max = Math.max(state.rowsTotal || rows, 1);
      progress.value = state.rowsDone || 0;
      show(t('importProgress', { done: number(state.rowsDone || 0), total: number(state.rowsTotal || rows) }));
      await new Promise(r => setTimeout(r, 1500));
      state = (await ctx.api.get(`/imports/${created.id}`)).data;
    }
    if (state.status === 'FAILED') {
      throw new ApiError(400, { ...(state.failure || {}), code: state.failure?.code || 'IMPORT_FAILED' });
    }
    const all = [];
    let cursor = null;
    do {
      show(t('importReading', { done: number(all.length), total: number(state.rowsTotal) }));
      const page = (await ctx.api.get(`/imports/${created.id}/report${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`)).data;
      all.push(...(page.rows || []));
      cursor = page.nextCursor || null;
    } while (cursor);
    // The whole report is also one file on the server (S3 in AWS): the download takes it from there.
    return { rows: all, download: name => ctx.api.download(`/imports/${created.id}/report.csv`, name) };
  }, t('uploading', { percent: 0 }));
}

function outcomeOf(row) {
  if (row.outcome === 'ACCEPTED') return row.status === 'WAITLISTED' ? 'acceptedWaitlisted' : 'acceptedActive';
  if (row.outcome === 'UNCHANGED') return 'unchanged';
  return 'refused';
}

function reasonsText(row) {
  return (row.reasons || []).map(r => `${r.message || r.code}${r.field ? ` (${r.field})` : ''}`).join('; ');
}

function decreeReport(data, fileName) {
  const rows = data.rows || [];
  const counts = { acceptedActive: 0, acceptedWaitlisted: 0, unchanged: 0, refused: 0 };
  rows.forEach(r => { counts[outcomeOf(r)]++; });
  return reportView({
    title: t('importReport'),
    cards: [['acceptedActive', counts.acceptedActive], ['acceptedWaitlisted', counts.acceptedWaitlisted],
      ['unchanged', counts.unchanged], ['refused', counts.refused]],
    rows,
    kinds: Object.keys(counts),
    kindOf: outcomeOf,
    headers: [{ text: t('line'), num: true }, t('nik'), t('outcome'), t('status'), t('reasons')],
    cells: r => [number(r.line), r.nik || '', label('outcomes', r.outcome), r.status ? label('statuses', r.status) : '', reasonsText(r)],
    csvHeader: ['line', 'nik', 'outcome', 'status', 'registrationId', 'reasons'],
    csvRow: r => [r.line, r.nik || '', r.outcome, r.status || '', r.registrationId || '', (r.reasons || []).map(x => x.code).join(' ')],
    fileName: `laporan-${fileName.replace(/\.csv$/i, '')}.csv`,
    download: data.download
  });
}

function kpjReport(data, fileName) {
  const rows = data.rows || [];
  const kindOf = r => (r.status === 'RECORDED' ? 'recorded' : r.status === 'UNCHANGED' ? 'unchanged' : 'refused');
  return reportView({
    title: t('importReport'),
    cards: [['recorded', data.recorded], ['unchanged', data.unchanged], ['refused', data.rejected]],
    rows,
    kinds: ['recorded', 'unchanged', 'refused'],
    kindOf,
    headers: [{ text: t('line'), num: true }, t('nik'), t('outcome'), t('reasons')],
    cells: r => [number(r.line), r.nik || '', label('outcomes', r.status), reasonsText(r)],
    csvHeader: ['line', 'nik', 'status', 'reasons'],
    csvRow: r => [r.line, r.nik || '', r.status, (r.reasons || []).map(x => x.code).join(' ')],
    fileName: `laporan-kpj-${fileName.replace(/\.csv$/i, '')}.csv`
  });
}

function reportView(spec) {
  const box = h('section', { class: 'import-report', 'aria-live': 'polite' });
  box.append(h('h2', {}, spec.title));
  box.append(h('div', { class: 'cards' }, spec.cards.map(([key, n]) =>
    card(t(key), number(n), key))));
  const filter = h('select', { id: `filter-${Math.random().toString(36).slice(2, 8)}` },
    h('option', { value: '' }, t('allRows')), spec.kinds.map(k => h('option', { value: k }, t(k))));
  const download = h('button', { type: 'button', class: 'button button-secondary' }, t('downloadReport'));
  download.addEventListener('click', async () => {
    if (!spec.download) {
      saveBlob(new Blob([toCsv(spec)], { type: 'text/csv;charset=utf-8' }), spec.fileName);
      return;
    }
    // An import done as a file (POST /imports): its report file, the same columns (GET /imports/{id}/report.csv).
    try {
      await busy(() => spec.download(spec.fileName));
    } catch (err) {
      showProblem(box, err);
    }
  });
  const host = h('div', {});
  const draw = () => {
    const shown = spec.rows.filter(r => !filter.value || spec.kindOf(r) === filter.value);
    clear(host).append(table(spec.headers, shown.map(r => ({ cells: spec.cells(r), attrs: { 'data-line': r.line, 'data-kind': spec.kindOf(r) } }))));
  };
  filter.addEventListener('change', draw);
  box.append(h('div', { class: 'inline' }, h('div', { class: 'field' }, h('label', { for: filter.id }, t('filterRows')), filter), download));
  box.append(host);
  draw();
  if (!spec.rows.length) box.append(alertBox('warn', h('p', {}, t('noResults'))));
  return box;
}

/** RFC 4180 CSV; a cell that a spreadsheet would run as a formula gets a leading apostrophe (OWASP). */
function toCsv(spec) {
  const cell = v => {
    let s = String(v ?? '');
    if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [spec.csvHeader, ...spec.rows.map(spec.csvRow)].map(r => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
