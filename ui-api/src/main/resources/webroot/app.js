'use strict';

// Status page: polls the API and redraws three tables. DOM nodes are built with textContent,
// never innerHTML, so names coming from connectors or workers cannot inject markup.
const REFRESH_MS = 5000;

function cell(text, cls) {
  const td = document.createElement('td');
  td.textContent = text === null || text === undefined ? '—' : String(text);
  if (cls) td.className = cls;
  return td;
}

function fill(tbodyId, rows, emptyText) {
  const tbody = document.getElementById(tbodyId);
  tbody.replaceChildren();
  if (rows.length === 0) {
    const tr = document.createElement('tr');
    const td = cell(emptyText, 'muted');
    td.colSpan = tbody.closest('table').querySelectorAll('th').length;
    tr.append(td);
    tbody.append(tr);
    return;
  }
  for (const cells of rows) {
    const tr = document.createElement('tr');
    tr.append(...cells);
    tbody.append(tr);
  }
}

async function fetchJson(path) {
  const response = await fetch(path, { headers: { Accept: 'application/json' } });
  const body = await response.json().catch(() => null);
  return { ok: response.ok, status: response.status, body };
}

function errorText(result) {
  const error = result.body && result.body.error;
  return error ? error.message : 'HTTP ' + result.status;
}

async function showHealth() {
  const result = await fetchJson('health');
  const overall = document.getElementById('overall');
  const status = result.body && result.body.status ? result.body.status : 'UNKNOWN';
  overall.textContent = status;
  overall.className = 'badge ' + (status === 'UP' ? 'up' : 'down');
  const components = (result.body && result.body.components) || {};
  fill('health', Object.entries(components).map(([name, c]) => [
    cell(name), cell(c.status, c.status === 'UP' ? 'up' : 'down'), cell(c.detail)
  ]), errorText(result));
}

async function showWorkers() {
  const result = await fetchJson('api/v1/workers');
  if (!result.ok) return fill('workers', [], errorText(result));
  fill('workers', result.body.workers.map(w => [
    cell(w.name), cell(w.state, w.state), cell(w.connectWorkerId), cell(w.pid < 0 ? null : w.pid),
    cell(w.startedAt ? new Date(w.startedAt).toLocaleString() : null), cell(w.restarts)
  ]), 'No workers');
}

async function showConnectors() {
  const result = await fetchJson('connect/connectors?expand=status');
  if (!result.ok) return fill('connectors', [], errorText(result));
  fill('connectors', Object.entries(result.body || {}).map(([name, info]) => {
    const status = info.status || {};
    const connector = status.connector || {};
    const tasks = status.tasks || [];
    const running = tasks.filter(t => t.state === 'RUNNING').length;
    return [cell(name), cell(status.type), cell(connector.state, connector.state),
      cell(running + ' / ' + tasks.length + ' running'), cell(connector.worker_id)];
  }), 'No connectors');
}

async function refresh() {
  await Promise.allSettled([showHealth(), showWorkers(), showConnectors()]);
  document.getElementById('updated').textContent = 'updated ' + new Date().toLocaleTimeString();
}

refresh();
setInterval(refresh, REFRESH_MS);
