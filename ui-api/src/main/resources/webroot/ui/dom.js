// Small DOM helpers. Text goes in with textContent, never innerHTML, so names and events from
// connectors, rules or buses cannot inject markup. Rows carry data-name and cells data-field, so
// tests and scripts can select them by meaning.

/** h('button', {class: 'primary', onclick: f}, 'Save') */
export function h(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (key in node && typeof value !== 'string') node[key] = value;
    else node.setAttribute(key, value === true ? '' : value);
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(node, child);
    else node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function text(value) {
  return value === null || value === undefined || value === '' ? '—' : String(value);
}

export function number(value) {
  return value === null || value === undefined ? '—' : Number(value).toLocaleString('en');
}

const UP = new Set(['RUNNING', 'UP', 'DONE', 'created', 'updated']);
const DOWN = new Set(['FAILED', 'DOWN', 'deleted']);

export function pill(state) {
  if (!state) return text(state);
  const kind = UP.has(state) ? 'up' : DOWN.has(state) ? 'down' : 'other';
  return h('span', { class: 'state ' + kind, dataset: { state } }, state);
}

/**
 * A table: columns [{label, field, num, render(row)}], rows; key(row) names each row.
 */
export function table(columns, rows, key, empty) {
  const head = h('tr', {}, columns.map((c) => h('th', { class: c.num ? 'num' : null, scope: 'col', title: c.title }, c.label)));
  const body = h('tbody');
  if (!rows.length) {
    body.append(h('tr', {}, h('td', { class: 'muted', colSpan: columns.length, dataset: { field: 'empty' } }, empty || 'None')));
  }
  for (const row of rows) {
    const tr = h('tr', { dataset: { name: key ? key(row) : '' } });
    for (const c of columns) {
      const value = c.render ? c.render(row) : text(row[c.field]);
      tr.append(h('td', { class: c.num ? 'num' : null, dataset: { field: c.field || c.label.toLowerCase() } }, value));
    }
    body.append(tr);
  }
  return h('div', { class: 'scroll' }, h('table', {}, h('thead', {}, head), body));
}

/** A button that runs an async action once at a time, showing that it is busy. */
export function action(label, run, props) {
  const button = h('button', Object.assign({ type: 'button' }, props || {}), label);
  button.addEventListener('click', async () => {
    if (button.disabled) return;
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    try {
      await run(button);
    } finally {
      button.disabled = false;
      button.removeAttribute('aria-busy');
    }
  });
  return button;
}

let toastArea = null;

/** A short message in the corner; errors stay until dismissed. */
export function toast(message, kind) {
  toastArea = toastArea || document.getElementById('toasts');
  const close = h('button', { type: 'button', class: 'link', 'aria-label': 'Dismiss' }, '×');
  const note = h('div', { class: 'toast ' + (kind || 'info'), role: kind === 'error' ? 'alert' : 'status' }, h('span', {}, message), close);
  close.addEventListener('click', () => note.remove());
  toastArea.append(note);
  if (kind !== 'error') setTimeout(() => note.remove(), 5000);
}

/** A problem box in the page, e.g. for what the server refused. */
export function problem(message, details) {
  return h('div', { class: 'problem', role: 'alert' }, h('strong', {}, message), details ? h('pre', {}, details) : null);
}

/** Asks before something that cannot be undone; resolves true when confirmed. */
export function confirmed(question, yes) {
  return new Promise((resolve) => {
    const dialog = h('dialog', { class: 'confirm' });
    const finish = (answer) => { dialog.close(); dialog.remove(); resolve(answer); };
    dialog.append(
      h('p', {}, question),
      h('div', { class: 'buttons' },
        h('button', { type: 'button', class: 'danger', onclick: () => finish(true) }, yes || 'Yes'),
        h('button', { type: 'button', onclick: () => finish(false) }, 'Cancel')));
    dialog.addEventListener('cancel', () => finish(false));
    document.body.append(dialog);
    dialog.showModal();
  });
}

/**
 * Prev / next over a list the server pages: "41–60 of 512", {@code offset} the first shown (from
 * 0), {@code size} items a page; go(offset) moves.
 */
export function pager(total, offset, size, go, noun) {
  const shown = total ? (offset + 1) + '–' + Math.min(offset + size, total) + ' of ' + total : 'None';
  return h('nav', { class: 'pager', 'aria-label': 'Pages' },
    h('button', { type: 'button', disabled: offset <= 0, onclick: () => go(Math.max(0, offset - size)) }, '‹ Previous'),
    h('span', { class: 'muted', dataset: { field: 'page' } }, noun && total ? shown + ' ' + noun : shown),
    h('button', { type: 'button', disabled: offset + size >= total, onclick: () => go(offset + size) }, 'Next ›'));
}

/** The page number a fragment's {@code page=} gives, 1 when it gives none that is valid. */
export function pageOf(value) {
  const page = Number.parseInt(value, 10);
  return Number.isFinite(page) && page > 1 ? page : 1;
}

/** {@code run} once {@code ms} have passed without another call, with the last call's arguments. */
export function debounce(run, ms) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => run(...args), ms);
  };
}

/**
 * Keeps a page's filters and page number in the URL's fragment (#/connectors?q=db&page=3), so a
 * reload or the back button shows the same. A new history entry when {@code push} (moving between
 * pages), else the current one is replaced (typing in a filter). Neither fires hashchange, so the
 * page is not built again; going back does, and builds it from the fragment.
 */
export function keepInHash(route, query, push) {
  const hash = '#/' + route + (query ? '?' + query : '');
  if (hash === window.location.hash) return;
  if (push) window.history.pushState(null, '', hash); else window.history.replaceState(null, '', hash);
}

export function section(title, ...children) {
  return h('section', {}, h('h2', {}, title), children);
}

export function when(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return isNaN(d) ? iso : d.toLocaleString('en-GB', { hour12: false });
}
