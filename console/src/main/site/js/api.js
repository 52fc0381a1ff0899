// The one place the console talks to the API (openapi.yaml). Every answer that is not a success
// becomes an ApiError carrying the RFC 9457 problem, so each screen can show its `detail` and put
// each `errors[]` entry next to its field.

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
  }
}

function newKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = new Uint8Array(16);
  crypto.getRandomValues(b);
  return Array.from(b, x => x.toString(16).padStart(2, '0')).join('');
}

export class Api {
  constructor(baseUrl, session) {
    this.base = (baseUrl || '').replace(/\/+$/, '');
    this.session = session;
    this.token = null;
    this.onUnauthenticated = () => {};
  }

  url(path) {
    return this.base + path;
  }

  headers(extra) {
    const h = { Accept: 'application/json, application/problem+json', ...extra };
    if (this.token) h.Authorization = `Bearer ${this.token}`;
    return h;
  }

  /**
   * Sends one request. `body` objects are sent as JSON; strings as they are (with `contentType`).
   * POSTs carry an Idempotency-Key: pass the same `key` to retry the same action safely.
   */
  async request(method, path, { body, contentType, key } = {}) {
    const headers = this.headers();
    let payload;
    if (body !== undefined) {
      payload = typeof body === 'string' ? body : JSON.stringify(body);
      headers['Content-Type'] = contentType || 'application/json';
    }
    if (method === 'POST') headers['Idempotency-Key'] = key || newKey();
    let response;
    try {
      response = await fetch(this.url(path), { method, headers, body: payload });
    } catch (e) {
      throw new ApiError(0, { code: 'NETWORK', detail: String(e.message || e) });
    }
    return this.read(response);
  }

  async read(response) {
    const type = response.headers.get('Content-Type') || '';
    let data = null;
    if (type.includes('json')) {
      try { data = await response.json(); } catch (e) { data = null; }
    } else {
      data = await response.text();
    }
    if (response.status === 401) this.onUnauthenticated();
    if (!response.ok) {
      const problem = data && typeof data === 'object' ? data : { detail: typeof data === 'string' ? data : '' };
      throw new ApiError(response.status, problem);
    }
    return { status: response.status, data, headers: response.headers };
  }

  get(path) { return this.request('GET', path); }
  post(path, body, options = {}) { return this.request('POST', path, { ...options, body }); }
  put(path, body) { return this.request('PUT', path, { body }); }

  /**
   * A file download that needs the bearer token (a plain link cannot carry it). The API answers the
   * file itself (text/csv), or, for a file kept in S3 (the bill in AWS), JSON with a short-lived
   * pre-signed `url`: the browser then follows that link, which needs no token and names the file.
   */
  async download(path, fallbackName) {
    let response;
    try {
      response = await fetch(this.url(path), {
        headers: this.headers({ Accept: 'text/csv, application/json, application/problem+json' }),
      });
    } catch (e) {
      throw new ApiError(0, { code: 'NETWORK', detail: String(e.message || e) });
    }
    if (!response.ok) {
      await this.read(response);
    }
    if ((response.headers.get('Content-Type') || '').startsWith('application/json')) {
      const { url } = await response.json();
      followDownloadLink(url);
      return null;
    }
    const blob = await response.blob();
    const disposition = response.headers.get('Content-Disposition') || '';
    const named = /filename="?([^";]+)"?/.exec(disposition);
    saveBlob(blob, named ? named[1] : fallbackName);
    return blob;
  }

  /**
   * Uploads a text body with upload progress (fetch cannot report it): `onProgress(sent, total)` while
   * sending, then `onSent()` while the server works.
   */
  upload(path, text, contentType, { onProgress, onSent, key } = {}) {
    return sendWithProgress('POST', this.url(path), this.headers({ 'Content-Type': contentType, 'Idempotency-Key': key || newKey() }),
      text, onProgress, onSent).then(({ status, text: answer }) => ({ status, data: parseAnswer(answer) }), e => {
      if (e.status === 401) this.onUnauthenticated();
      throw e;
    });
  }
}

function parseAnswer(text) {
  try { return JSON.parse(text); } catch (e) { return { detail: text }; }
}

/**
 * One request through XMLHttpRequest, the only browser API that reports upload progress. Resolves
 * {status, text} for a 2xx answer; rejects with an ApiError carrying the answer's problem otherwise.
 */
function sendWithProgress(method, url, headers, body, onProgress, onSent) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, url);
    Object.entries(headers).forEach(([k, v]) => xhr.setRequestHeader(k, v));
    xhr.upload.onprogress = e => onProgress && e.lengthComputable && onProgress(e.loaded, e.total);
    xhr.upload.onload = () => onSent && onSent();
    xhr.onerror = () => reject(new ApiError(0, { code: 'NETWORK', detail: 'network error' }));
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) resolve({ status: xhr.status, text: xhr.responseText });
      else reject(new ApiError(xhr.status, parseAnswer(xhr.responseText || xhr.statusText)));
    };
    xhr.send(body);
  });
}

/** Opens a pre-signed download link (HTTPS only): the file's own Content-Disposition saves it. */
export function followDownloadLink(url) {
  if (typeof url !== 'string' || !url.startsWith('https://')) {
    throw new ApiError(0, { code: 'BAD_DOWNLOAD_LINK', detail: 'The API answered a download link that is not HTTPS.' });
  }
  const a = document.createElement('a');
  a.href = url;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/**
 * Sends a file where POST /imports said, with exactly the headers it named (the browser sets
 * Content-Length itself). The bearer token goes only to the API's own origin, never to S3, whose
 * pre-signed URL is its own authorisation.
 */
Api.prototype.uploadTo = function uploadTo(upload, file, onProgress) {
  const target = new URL(upload.url, window.location.href);
  const apiOrigin = new URL(this.base || '/', window.location.href).origin;
  const headers = Object.fromEntries(Object.entries(upload.headers || {}).filter(([k]) => k.toLowerCase() !== 'content-length'));
  if (target.origin === apiOrigin && this.token) headers.Authorization = `Bearer ${this.token}`;
  return sendWithProgress(upload.method || 'PUT', target.toString(), headers, file, onProgress).then(({ status }) => status);
};

export function saveBlob(blob, name) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.appendChild(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
}
