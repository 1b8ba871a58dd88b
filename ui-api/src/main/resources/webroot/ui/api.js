// The one place the dashboard talks to the server: the public API only, relative URLs, the
// session's CSRF header on every write, and one answer shape for the pages ({ok, status, body,
// error, and total: a paged list's X-Total-Count}). What the caller may do is read from the same
// OpenAPI document the server enforces.

const ACCESS = {
  public: () => true,
  authenticated: () => true,
  viewer: (role) => role === 'viewer' || role === 'editor' || role === 'admin',
  publisher: (role) => role === 'publisher' || role === 'editor' || role === 'admin',
  editor: (role) => role === 'editor' || role === 'admin',
  admin: (role) => role === 'admin',
};

let session = null;
let operations = [];

/** Who is logged in; sends the browser to the login page when nobody is. */
export async function start() {
  const answer = await request('GET', 'api/v1/session');
  if (!answer.ok) throw new Error(answer.error);
  session = answer.body;
  const document = await request('GET', 'api/v1/openapi.json');
  operations = document.ok ? readOperations(document.body) : [];
  return session;
}

export function who() {
  return session;
}

function readOperations(document) {
  const list = [];
  for (const [template, ops] of Object.entries(document.paths || {})) {
    for (const [method, op] of Object.entries(ops)) {
      if (!['get', 'put', 'post', 'delete', 'patch'].includes(method)) continue;
      const literals = template.replace(/\{[^/}]+\}/g, '').length;
      const source = template
        .split(/(\{[^/}]+\})/)
        .map((part, i, parts) => {
          if (!/^\{[^/}]+\}$/.test(part)) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
          return part === '{path}' && i === parts.length - 2 ? '.+' : '[^/]+';
        })
        .join('');
      list.push({ method: method.toUpperCase(), regex: new RegExp('^' + source + '$'), literals,
        access: op['x-railyard-role'] || 'admin' });
    }
  }
  return list.sort((a, b) => b.literals - a.literals);
}

/** Whether the caller's role may make this call, by the server's own policy. */
export function allowed(method, path) {
  if (!session) return false;
  const bare = '/' + path.replace(/^\//, '').split('?')[0];
  const op = operations.find((o) => o.method === method && o.regex.test(bare));
  return (ACCESS[op ? op.access : 'admin'] || ACCESS.admin)(session.role);
}

/** Encodes one path segment. */
export function seg(value) {
  return encodeURIComponent(value);
}

export function get(path) {
  return request('GET', path);
}

/** A query string of the values that are set: query({q: 'db', state: ''}) is 'q=db'. */
export function query(values) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value !== '' && value !== null && value !== undefined) params.set(key, value);
  }
  return params.toString();
}

/** A write: JSON unless {@code type} says otherwise (a YAML string, FormData). */
// One page of a list the server filters and pages: fetch(filters, page) answers { items, total },
// { error }, { beyond: the last page } when the page is past the end (items deleted, an old link),
// or null when a newer fetch was asked for meanwhile (its answer is the one to show).
export function pages(path, size) {
  let asked = 0;
  return async (filters, page) => {
    const mine = ++asked;
    const answer = await get(path + '?' + query({ ...filters, offset: (page - 1) * size, limit: size }));
    if (mine !== asked) return null;
    if (!answer.ok) return { error: answer.error };
    const total = answer.total ?? answer.body.length;
    const last = Math.ceil(total / size);
    if (!answer.body.length && total > 0 && page > last) return { beyond: last };
    return { items: answer.body, total };
  };
}

export function send(method, path, body, type) {
  return request(method, path, body, type);
}

async function request(method, path, body, type) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET' && session && session.csrf) headers[session.csrfHeader || 'X-Railyard-CSRF'] = session.csrf;
  let payload = body;
  if (body !== undefined && body !== null && !(body instanceof FormData)) {
    if (type) {
      headers['Content-Type'] = type;
    } else {
      headers['Content-Type'] = 'application/json';
      payload = JSON.stringify(body);
    }
  }
  let response;
  try {
    response = await fetch(path.replace(/^\//, ''), { method, headers, body: payload, credentials: 'same-origin' });
  } catch (e) {
    return { ok: false, status: 0, body: null, error: 'The Railyard API did not answer (' + e.message + ')' };
  }
  if (response.status === 401) {
    window.location.href = 'login';
    return { ok: false, status: 401, body: null, error: 'Log in again' };
  }
  const text = await response.text();
  let parsed = text;
  if ((response.headers.get('content-type') || '').includes('json')) {
    try { parsed = text ? JSON.parse(text) : null; } catch (e) { parsed = text; }
  }
  const answer = { ok: response.ok, status: response.status, body: parsed, error: null };
  const total = response.headers.get('X-Total-Count');
  if (total !== null) answer.total = Number(total);
  if (!response.ok) answer.error = describe(response.status, parsed);
  return answer;
}

function describe(status, body) {
  const error = body && body.error;
  if (error && error.message) return error.message;
  if (body && body.message) return body.message;
  if (status === 429) return 'Too many requests; try again in a moment';
  return 'HTTP ' + status;
}
