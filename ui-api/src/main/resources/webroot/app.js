'use strict';

// Status page: polls the API and redraws three tables. DOM nodes are built with textContent,
// never innerHTML, so names coming from connectors or workers cannot inject markup.
// Rows carry data-name and cells data-field, so tests and scripts can select them by meaning.
const REFRESH_MS = 5000;
let refreshes = 0;

function cell(field, text, cls) {
  const td = document.createElement('td');
  td.dataset.field = field;
  td.textContent = text === null || text === undefined || text === '' ? '—' : String(text);
  if (cls) td.className = cls;
  return td;
}

function state(field, text, up) {
  const td = cell(field, text);
  if (text) {
    const pill = document.createElement('span');
    pill.className = 'state ' + (up ? 'up' : text === 'FAILED' || text === 'DOWN' ? 'down' : 'other');
    pill.textContent = text;
    td.replaceChildren(pill);
  }
  return td;
}

function fill(tbodyId, rows, emptyText) {
  const tbody = document.getElementById(tbodyId);
  tbody.replaceChildren();
  tbody.closest('section').querySelector('.count').textContent = rows.length ? '(' + rows.length + ')' : '';
  if (rows.length === 0) {
    const tr = document.createElement('tr');
    const td = cell('empty', emptyText, 'muted');
    td.colSpan = tbody.closest('table').querySelectorAll('th').length;
    tr.append(td);
    tbody.append(tr);
    return;
  }
  for (const row of rows) {
    const tr = document.createElement('tr');
    tr.dataset.name = row.name;
    tr.append(...row.cells);
    tbody.append(tr);
  }
}

// The session's CSRF token, which every write made with the session cookie repeats.
let csrf = null;

async function session() {
  if (csrf) return csrf;
  const response = await fetch('api/v1/session', { headers: { Accept: 'application/json' } });
  if (response.status === 401) { window.location.href = 'login'; return null; }
  const body = await response.json().catch(() => null);
  csrf = body && body.csrf;
  const who = document.getElementById('who');
  if (who && body) who.textContent = body.name + ' (' + body.role + ')';
  return csrf;
}

async function fetchJson(path) {
  try {
    const response = await fetch(path, { headers: { Accept: 'application/json' } });
    if (response.status === 401) { window.location.href = 'login'; }
    const body = await response.json().catch(() => null);
    return { ok: response.ok, status: response.status, body };
  } catch (e) {
    return { ok: false, status: 0, body: null };
  }
}

function errorText(result) {
  if (result.status === 0) return 'The API did not answer';
  const error = result.body && result.body.error;
  if (error) return error.message;
  if (result.body && result.body.message) return result.body.message;
  return 'HTTP ' + result.status;
}

async function showHealth() {
  const result = await fetchJson('health');
  const overall = document.getElementById('overall');
  const status = result.body && result.body.status ? result.body.status : 'UNREACHABLE';
  overall.textContent = status;
  overall.className = 'badge ' + (status === 'UP' ? 'up' : 'down');
  const components = (result.body && result.body.components) || {};
  fill('health', Object.entries(components).map(([name, c]) => ({
    name,
    cells: [cell('name', name), state('status', c.status, c.status === 'UP'),
      cell('detail', c.warning ? c.detail + ' (warning: ' + c.warning + ')' : c.detail)]
  })), errorText(result));
}

async function showWorkers() {
  const result = await fetchJson('api/v1/workers');
  if (!result.ok || !result.body) return fill('workers', [], errorText(result));
  fill('workers', result.body.workers.map(w => ({
    name: w.name,
    cells: [
      cell('name', w.name), state('state', w.state, w.state === 'RUNNING'),
      cell('connect-worker', w.connectWorkerId), cell('pid', w.pid < 0 ? null : w.pid),
      cell('started', w.startedAt ? new Date(w.startedAt).toLocaleString() : null),
      cell('restarts', w.restarts, 'num')
    ]
  })), 'No workers');
}

async function showConnectors() {
  const result = await fetchJson('connect/connectors?expand=status');
  if (!result.ok) return fill('connectors', [], errorText(result));
  fill('connectors', Object.entries(result.body || {}).map(([name, info]) => {
    const status = info.status || {};
    const connector = status.connector || {};
    const tasks = status.tasks || [];
    const running = tasks.filter(t => t.state === 'RUNNING').length;
    return {
      name,
      cells: [
        cell('name', name), cell('type', status.type), state('state', connector.state, connector.state === 'RUNNING'),
        cell('tasks', running + ' / ' + tasks.length + ' running'), cell('worker', connector.worker_id)
      ]
    };
  }).sort((a, b) => a.name.localeCompare(b.name)), 'No connectors');
}

// The last redrive of each rule target ("rule.target" -> text), kept across redraws.
const redriven = new Map();

// The dead letters of a target, with a button that sends them to the target again.
function deadLetters(rule, target, count) {
  const key = rule + '.' + target;
  const td = cell('dead-letters', count, 'num');
  const note = redriven.get(key);
  if (count > 0 || note) {
    const wrap = document.createElement('span');
    wrap.className = 'letters';
    wrap.append(String(count === undefined ? '—' : count));
    if (count > 0) {
      const button = document.createElement('button');
      button.type = 'button';
      button.dataset.action = 'redrive';
      button.textContent = 'Redrive';
      button.title = 'Send the waiting dead letters of ' + key + ' to the target again';
      button.addEventListener('click', () => redrive(rule, target, button));
      wrap.append(button);
    }
    if (note) {
      const span = document.createElement('span');
      span.dataset.field = 'redrive-result';
      span.className = 'muted';
      span.textContent = note;
      wrap.append(span);
    }
    td.replaceChildren(wrap);
  }
  return td;
}

async function redrive(rule, target, button) {
  button.disabled = true;
  const key = rule + '.' + target;
  const path = 'api/v1/rules/' + encodeURIComponent(rule) + '/deadletters/'
    + encodeURIComponent(target) + '/redrive';
  try {
    const response = await fetch(path, {
      method: 'POST',
      headers: { Accept: 'application/json', 'X-Railyard-CSRF': await session() }
    });
    const body = await response.json().catch(() => null);
    redriven.set(key, response.ok && body
      ? 'redriven ' + body.redriven + (body.failedAgain ? ', failed again ' + body.failedAgain : '')
      : errorText({ ok: false, status: response.status, body }));
  } catch (e) {
    redriven.set(key, 'The API did not answer');
  }
  await showRules();
}

// One row per rule target: where its events go and how far delivery has got.
async function showRules() {
  const result = await fetchJson('api/v1/rules');
  if (!result.ok || !Array.isArray(result.body)) return fill('rules', [], errorText(result));
  const rows = [];
  for (const rule of result.body) {
    for (const target of rule.targets) {
      const stats = target.stats || {};
      rows.push({
        name: rule.name + '.' + target.name,
        cells: [
          cell('rule', rule.name), cell('bus', rule.bus), cell('target', target.name),
          state('enabled', rule.enabled ? 'ENABLED' : 'PARKED', rule.enabled),
          cell('matched', stats.matched, 'num'), cell('routed', stats.routed, 'num'),
          cell('delivered', stats.delivered, 'num'), cell('lag', stats.lag, 'num'),
          cell('retrying', stats.retrying, 'num'),
          cell('transform-errors', stats.transformErrors, 'num'), cell('failed', stats.failed, 'num'),
          deadLetters(rule.name, target.name, stats.deadLettered)
        ]
      });
    }
  }
  fill('rules', rows, 'No rules — apply some with ./railyard apply -f rules.yaml');
}

async function refresh() {
  await Promise.allSettled([showHealth(), showWorkers(), showConnectors(), showRules()]);
  refreshes += 1;
  document.body.dataset.refreshes = String(refreshes);
  document.getElementById('updated').textContent = 'updated ' + new Date().toLocaleTimeString();
}

// The next refresh is planned when this one is done, so a slow answer never piles up requests.
async function loop() {
  await refresh();
  setTimeout(loop, REFRESH_MS);
}

session().then(loop);
