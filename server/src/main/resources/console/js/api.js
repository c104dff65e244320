// The management API as the console uses it: Basic auth kept for this tab only, JSON in and out,
// failures thrown as ApiError with RabbitMQ's {"error","reason"}.
const KEY = 'tributary.authorization';

export class ApiError extends Error {
  constructor(status, error, reason) {
    super(reason || error || `HTTP ${status}`);
    this.status = status;
    this.error = error;
  }
}

/** Percent-encodes one path segment, so the vhost "/" becomes %2F as RabbitMQ's API wants. */
export const enc = (segment) => encodeURIComponent(segment);

export function loggedIn() {
  return sessionStorage.getItem(KEY) !== null;
}

export function logout() {
  sessionStorage.removeItem(KEY);
}

/** Checks the credentials with /api/whoami and keeps them when they are good. */
export async function login(user, password) {
  const authorization = 'Basic ' + btoa(unescape(encodeURIComponent(`${user}:${password}`)));
  const me = await send('GET', '/api/whoami', undefined, authorization);
  sessionStorage.setItem(KEY, authorization);
  return me;
}

async function send(method, path, body, authorization = sessionStorage.getItem(KEY), extra = {}) {
  // X-Requested-With: the broker then leaves out WWW-Authenticate, so no browser dialog pops up
  const headers = { 'X-Requested-With': 'XMLHttpRequest', ...extra };
  if (authorization) headers.Authorization = authorization;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  const json = text && (response.headers.get('Content-Type') || '').includes('json') ? JSON.parse(text) : null;
  if (!response.ok) {
    if (response.status === 401 && authorization === sessionStorage.getItem(KEY)) {
      // the kept credentials stopped working (password changed, user deleted): back to the login form
      logout();
      window.dispatchEvent(new CustomEvent('tributary:unauthorized'));
    }
    throw new ApiError(response.status, json && json.error, json && json.reason);
  }
  return json;
}

export const api = {
  get: (path) => send('GET', path),
  put: (path, body = {}) => send('PUT', path, body),
  post: (path, body = {}) => send('POST', path, body),
  /** DELETE; headers such as X-Reason (a connection's close reason) go along. */
  del: (path, headers = {}) => send('DELETE', path, undefined, sessionStorage.getItem(KEY), headers),
};
