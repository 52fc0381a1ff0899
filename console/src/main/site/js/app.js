// The staff console: loads config.json, signs in, then shows one screen per hash route
// (#/dasbor, #/pendaftaran, #/pendaftaran/{id}, #/impor, #/iuran, #/iuran/{month}, #/klaim, #/pengaturan).
import { t, setLanguage, initialLanguage, translateFrame } from './i18n.js';
import { Api, ApiError } from './api.js';
import { Session } from './auth.js';
import { h, clear, alertBox, showProblem, jakartaToday } from './ui.js';
import * as dashboard from './views/dashboard.js';
import * as registrations from './views/registrations.js';
import * as importer from './views/import.js';
import * as runs from './views/runs.js';
import * as claims from './views/claims.js';
import * as settings from './views/settings.js';

const ROUTES = [
  { pattern: /^\/dasbor$/, nav: 'dasbor', view: dashboard },
  { pattern: /^\/pendaftaran\/([0-9a-f-]{36})$/, nav: 'pendaftaran', view: registrations, detail: true },
  { pattern: /^\/pendaftaran$/, nav: 'pendaftaran', view: registrations },
  { pattern: /^\/impor$/, nav: 'impor', view: importer },
  { pattern: /^\/iuran\/(\d{4}-\d{2})$/, nav: 'iuran', view: runs, detail: true },
  { pattern: /^\/iuran$/, nav: 'iuran', view: runs },
  { pattern: /^\/klaim$/, nav: 'klaim', view: claims },
  { pattern: /^\/pengaturan$/, nav: 'pengaturan', view: settings }
];

const NAV_TITLES = {
  dasbor: 'navDashboard', pendaftaran: 'navRegistrations', impor: 'navImport', iuran: 'navRuns', klaim: 'navClaims', pengaturan: 'navSettings'
};

const main = document.getElementById('main');
let ctx;

async function loadConfig() {
  const response = await fetch('config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`config.json: HTTP ${response.status}`);
  return response.json();
}

function parseHash() {
  const raw = window.location.hash.replace(/^#/, '') || '/dasbor';
  const [path, query = ''] = raw.split('?');
  return { path, query: new URLSearchParams(query) };
}

let renderSeq = 0;
async function route() {
  const { path, query } = parseHash();
  const found = ROUTES.find(r => r.pattern.test(path));
  if (!found) {
    window.location.hash = '#/dasbor';
    return;
  }
  const match = found.pattern.exec(path);
  document.querySelectorAll('[data-nav]').forEach(a => {
    if (a.dataset.nav === found.nav) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  });
  const seq = ++renderSeq;
  clear(main);
  main.append(h('p', {}, t('loading')));
  const screen = h('div', { class: 'screen' });
  try {
    await (found.detail ? found.view.renderDetail(ctx, screen, match[1], query) : found.view.render(ctx, screen, query));
  } catch (e) {
    if (!(e instanceof ApiError)) console.error(e);
    clear(screen).append(h('h1', {}, t(NAV_TITLES[found.nav])));
    const box = h('div', {});
    showProblem(box, e instanceof ApiError ? e : new ApiError(0, { code: 'NETWORK', detail: String(e.message || e) }));
    box.append(h('button', { type: 'button', class: 'button', onclick: route }, t('retry')));
    screen.append(box);
  }
  if (seq !== renderSeq) return; // the user moved on while this screen loaded
  clear(main);
  main.append(screen);
  const heading = screen.querySelector('h1');
  document.title = `${heading ? heading.textContent + ' · ' : ''}${t('appTitle')}`;
  main.focus({ preventScroll: true });
}

async function start() {
  setLanguage(initialLanguage());
  const select = document.getElementById('language');
  select.value = document.documentElement.lang;
  translateFrame();
  select.addEventListener('change', () => {
    setLanguage(select.value);
    translateFrame();
    showIdentity();
    route();
  });

  let config;
  try {
    config = await loadConfig();
  } catch (e) {
    clear(main).append(alertBox('error', h('p', {}, t('networkError')), h('p', { class: 'detail' }, String(e.message || e))));
    return;
  }
  const session = new Session(config);
  const signedIn = await session.signIn();
  if (signedIn.error) {
    clear(main).append(h('h1', {}, t('signInTitle')),
      alertBox('error', h('p', {}, signedIn.notStaff ? t('notStaff') : t('signInFailed', { detail: signedIn.error }))),
      h('button', { type: 'button', class: 'button', onclick: () => session.redirectToSignIn() }, t('signIn')));
    return;
  }
  const api = new Api(config.apiBaseUrl, session);
  api.token = signedIn.token;
  api.onUnauthenticated = () => session.expired();
  ctx = {
    api,
    config,
    user: signedIn,
    /** The programme clock's today: fixed by the local runner's --today, else today in Asia/Jakarta. */
    today: () => config.today || jakartaToday(),
    navigate: hash => { if (window.location.hash === hash) route(); else window.location.hash = hash; },
    refresh: route
  };
  showIdentity();
  const signOut = document.getElementById('sign-out');
  signOut.hidden = signedIn.local === true;
  signOut.addEventListener('click', () => session.signOut());
  window.addEventListener('hashchange', route);
  try {
    const programme = await api.get('/programme');
    document.getElementById('programme-name').textContent = programme.data.name || '';
  } catch (e) { /* the dashboard shows why */ }
  await route();
}

function showIdentity() {
  if (!ctx) return;
  document.getElementById('user-name').textContent = ctx.user.name || '';
  const banner = document.getElementById('local-banner');
  if (ctx.user.local) {
    banner.textContent = t('localBanner', { name: ctx.user.name });
    banner.hidden = false;
  }
}

start();
