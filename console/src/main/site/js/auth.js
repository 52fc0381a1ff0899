// Who the console acts as. Two modes, read from config.json:
// - local: the local runner hands out its demo staff token in config.json (never in AWS);
// - cognito: the user pool's hosted sign-in, authorization code grant with PKCE (RFC 7636), so the
//   console, a public client, holds no secret. Tokens live in sessionStorage: closing the tab signs out.

const STORE = 'console.session';
const PENDING = 'console.pkce';
export const STAFF_GROUP = 'dinsos-staff';

function base64Url(bytes) {
  let s = '';
  bytes.forEach(b => { s += String.fromCharCode(b); });
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomText(length) {
  const bytes = new Uint8Array(length);
  crypto.getRandomValues(bytes);
  return base64Url(bytes);
}

async function challengeOf(verifier) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64Url(new Uint8Array(digest));
}

/** The claims of a JWT, unverified: the API's authorizer verifies; the console only reads names and groups. */
export function claimsOf(token) {
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = decodeURIComponent(atob(payload).split('').map(c => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join(''));
    return JSON.parse(json);
  } catch (e) {
    return {};
  }
}

function groupsOf(claims) {
  const g = claims['cognito:groups'];
  if (Array.isArray(g)) return g;
  if (typeof g === 'string') return g.replace(/^\[|\]$/g, '').split(/[\s,]+/).filter(Boolean);
  return [];
}

function readSession() {
  try {
    const s = JSON.parse(sessionStorage.getItem(STORE) || 'null');
    if (s && s.expiresAt > Date.now() + 30_000) return s;
  } catch (e) { /* a damaged entry is as good as none */ }
  return null;
}

export class Session {
  constructor(config) {
    this.config = config;
    this.mode = config.auth?.mode === 'cognito' ? 'cognito' : 'local';
  }

  /**
   * Resolves to {token, name} when signed in as staff; to {error} when the sign-in failed or the
   * account is not staff; or navigates to the hosted sign-in (and never resolves).
   */
  async signIn() {
    if (this.mode === 'local') {
      const token = this.config.auth.token;
      const claims = claimsOf(token);
      return { token, name: this.config.auth.name || claims.name || claims['cognito:username'] || 'staf', local: true };
    }
    const url = new URL(window.location.href);
    const code = url.searchParams.get('code');
    const error = url.searchParams.get('error_description') || url.searchParams.get('error');
    if (error) {
      history.replaceState(null, '', url.pathname + url.hash);
      return { error };
    }
    if (code) {
      const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
      sessionStorage.removeItem(PENDING);
      history.replaceState(null, '', url.pathname + (pending?.hash || ''));
      if (!pending || pending.state !== url.searchParams.get('state')) {
        return { error: 'state mismatch' };
      }
      const tokens = await this.exchange(code, pending.verifier);
      if (tokens.error) return tokens;
      sessionStorage.setItem(STORE, JSON.stringify(tokens));
    }
    const session = readSession();
    if (!session) {
      await this.redirectToSignIn();
      return new Promise(() => {});
    }
    const claims = claimsOf(session.idToken);
    if (!groupsOf(claims).includes(STAFF_GROUP)) {
      return { error: 'notStaff', notStaff: true };
    }
    const token = this.config.auth.sendToken === 'access' ? session.accessToken : session.idToken;
    return { token, name: claims.name || claims.email || claims['cognito:username'] };
  }

  async redirectToSignIn() {
    const auth = this.config.auth;
    const verifier = randomText(48);
    const state = randomText(16);
    sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, hash: window.location.hash }));
    const authorize = new URL('/oauth2/authorize', auth.domain);
    authorize.searchParams.set('response_type', 'code');
    authorize.searchParams.set('client_id', auth.clientId);
    authorize.searchParams.set('redirect_uri', auth.redirectUri);
    authorize.searchParams.set('scope', (auth.scopes || ['openid', 'email', 'profile']).join(' '));
    authorize.searchParams.set('state', state);
    authorize.searchParams.set('code_challenge_method', 'S256');
    authorize.searchParams.set('code_challenge', await challengeOf(verifier));
    window.location.assign(authorize.toString());
  }

  async exchange(code, verifier) {
    const auth = this.config.auth;
    const body = new URLSearchParams({
      grant_type: 'authorization_code', client_id: auth.clientId, code, redirect_uri: auth.redirectUri, code_verifier: verifier
    });
    try {
      const response = await fetch(new URL('/oauth2/token', auth.domain), {
        method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body
      });
      const json = await response.json();
      if (!response.ok) return { error: json.error_description || json.error || `HTTP ${response.status}` };
      return {
        idToken: json.id_token, accessToken: json.access_token,
        expiresAt: Date.now() + (Number(json.expires_in) || 3600) * 1000
      };
    } catch (e) {
      return { error: String(e.message || e) };
    }
  }

  signOut() {
    sessionStorage.removeItem(STORE);
    if (this.mode === 'cognito') {
      const logout = new URL('/logout', this.config.auth.domain);
      logout.searchParams.set('client_id', this.config.auth.clientId);
      logout.searchParams.set('logout_uri', this.config.auth.logoutUri || this.config.auth.redirectUri);
      window.location.assign(logout.toString());
    }
  }

  /** After a 401: the token expired or was revoked. Sign in again, keeping the page the user was on. */
  expired() {
    sessionStorage.removeItem(STORE);
    if (this.mode === 'cognito') this.redirectToSignIn();
  }
}
