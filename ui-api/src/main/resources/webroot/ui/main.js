// The dashboard's shell: who is logged in, the navigation, and one page at a time, chosen by the
// URL's fragment (#/connectors/orders-sink). A page module exports render(view, params) and may
// return {refresh, every} to be called again while it is shown, and {dispose}.
import * as api from './api.js';
import { problem } from './dom.js';

const PAGES = [
  [/^overview$/, 'overview'],
  [/^connectors$/, 'connectors'],
  [/^connectors\/new$/, 'connector-form', () => ({})],
  [/^connectors\/([^/]+)\/edit$/, 'connector-form', (m) => ({ name: m[1] })],
  [/^connectors\/([^/]+)$/, 'connector', (m) => ({ name: m[1] })],
  [/^plugins$/, 'plugins'],
  [/^rules$/, 'rules'],
  [/^rules\/edit$/, 'rule-editor'],
  [/^sandbox$/, 'sandbox'],
  [/^deadletters$/, 'deadletters'],
  [/^scaling$/, 'scaling'],
  [/^events$/, 'events'],
  [/^tokens$/, 'tokens'],
  [/^audit$/, 'audit'],
];

let current = null;
let timer = null;

async function show() {
  const [route, query] = (window.location.hash.replace(/^#\/?/, '') || 'overview').split('?');
  const params = Object.fromEntries(new URLSearchParams(query || ''));
  let page = null;
  for (const [pattern, module, extra] of PAGES) {
    const m = route.match(pattern);
    if (m) {
      page = module;
      Object.assign(params, extra ? mapDecoded(extra(m)) : {});
      break;
    }
  }
  stop();
  const view = document.getElementById('view');
  delete view.dataset.renderedMs;
  for (const link of document.querySelectorAll('#nav a')) {
    const active = route.startsWith(link.getAttribute('href').slice(2).split('/')[0]);
    if (active) link.setAttribute('aria-current', 'page'); else link.removeAttribute('aria-current');
  }
  document.getElementById('nav').classList.remove('open');
  if (!page) {
    view.replaceChildren(problem('There is no page ' + route, 'Pick one from the menu.'));
    return;
  }
  const started = performance.now();
  const module = await import('./pages/' + page + '.js');
  const mine = {};
  current = mine;
  view.replaceChildren();
  const controls = (await module.render(view, params)) || {};
  if (current !== mine) return;
  current = Object.assign(mine, controls);
  view.dataset.page = page;
  view.dataset.renderedMs = String(Math.round(performance.now() - started));
  if (controls.refresh) loop(mine, controls.every || 5000);
}

function mapDecoded(values) {
  const out = {};
  for (const [k, v] of Object.entries(values)) out[k] = decodeURIComponent(v);
  return out;
}

function loop(page, every) {
  timer = setTimeout(async () => {
    if (current !== page || document.hidden) { if (current === page) loop(page, every); return; }
    try { await page.refresh(); } catch (e) { console.warn('refresh failed', e); }
    if (current === page) loop(page, every);
  }, every);
}

function stop() {
  clearTimeout(timer);
  if (current && current.dispose) current.dispose();
  current = null;
}

async function health() {
  const answer = await api.get('health');
  const badge = document.getElementById('overall');
  const status = answer.body && answer.body.status ? answer.body.status : 'DOWN';
  badge.textContent = status;
  badge.className = 'badge ' + (status === 'UP' ? 'up' : 'down');
}

async function boot() {
  let who;
  try {
    who = await api.start();
  } catch (e) {
    document.getElementById('view').replaceChildren(problem('Railyard did not answer', e.message));
    return;
  }
  document.getElementById('who').textContent = who.name + ' (' + who.role + ')';
  document.body.dataset.role = who.role;
  for (const link of document.querySelectorAll('#nav a[data-role]')) {
    if (link.dataset.role === 'admin' && who.role !== 'admin') link.remove();
  }
  const menu = document.getElementById('menu');
  menu.addEventListener('click', () => {
    const open = document.getElementById('nav').classList.toggle('open');
    menu.setAttribute('aria-expanded', String(open));
  });
  window.addEventListener('hashchange', show);
  health();
  setInterval(health, 10000);
  await show();
}

boot();

