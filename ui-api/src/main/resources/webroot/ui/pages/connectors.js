// Connectors: one request for all of them (the server asks Connect once, expanded), then paging and
// filtering in the browser, so 500 connectors cost one call. Import and export of YAML.
import * as api from '../api.js';
import { action, h, pager, pill, problem, table, text, toast } from '../dom.js';

const PAGE = 50;

export async function render(view, params) {
  let page = 0;
  let list = [];
  let failure = null;
  const filter = h('input', { type: 'search', placeholder: 'Filter by name, class or state', 'aria-label': 'Filter connectors', value: params.q || '' });
  const stateFilter = h('select', { 'aria-label': 'State' },
    ['', 'RUNNING', 'PAUSED', 'STOPPED', 'FAILED', 'UNASSIGNED'].map((s) => h('option', { value: s }, s || 'Any state')));
  const listBox = h('div');
  const tools = h('div', { class: 'toolbar' }, filter, stateFilter);
  if (api.allowed('PUT', '/api/v1/connectors/x')) tools.append(h('a', { class: 'button primary', href: '#/connectors/new' }, 'New connector'));
  tools.append(h('a', { class: 'button', href: 'api/v1/connectors:export', download: 'connectors.yaml' }, 'Export YAML'));
  const importBox = h('div');
  if (api.allowed('POST', '/api/v1/connectors:import')) {
    tools.append(h('button', { type: 'button', onclick: () => importBox.replaceChildren(importForm(() => { importBox.replaceChildren(); refresh(); })) }, 'Import YAML'));
  }
  view.append(h('h1', {}, 'Connectors'), tools, importBox, listBox);

  function draw() {
    const q = filter.value.trim().toLowerCase();
    const state = stateFilter.value;
    const shown = list.filter((c) => (!state || c.state === state || (c.tasks || []).some((t) => t.state === state))
      && (!q || c.name.toLowerCase().includes(q) || (c.config['connector.class'] || '').toLowerCase().includes(q) || c.state.toLowerCase().includes(q)));
    page = Math.min(page, Math.max(0, Math.ceil(shown.length / PAGE) - 1));
    const rows = shown.slice(page * PAGE, page * PAGE + PAGE);
    listBox.replaceChildren(
      failure ? problem('Connect could not be asked; nothing to show yet', failure) : '',
      table([
        { label: 'Name', field: 'name', render: (c) => h('a', { href: '#/connectors/' + encodeURIComponent(c.name) }, c.name) },
        { label: 'Type', field: 'type' },
        { label: 'Class', field: 'class', render: (c) => text(shortClass(c.config['connector.class'])) },
        { label: 'State', field: 'state', render: (c) => pill(c.state) },
        { label: 'Tasks', field: 'tasks', render: (c) => taskSummary(c.tasks || []) },
        { label: 'Worker', field: 'worker', render: (c) => text(c.workerId) },
      ], rows, (c) => c.name, list.length ? 'No connector matches' : 'No connectors yet'),
      pager(shown.length, page, PAGE, (p) => { page = p; draw(); }));
  }

  async function refresh() {
    const answer = await api.get('api/v1/connectors');
    if (answer.ok) { list = answer.body; failure = null; } else failure = answer.error;
    draw();
  }
  filter.addEventListener('input', () => { page = 0; draw(); });
  stateFilter.addEventListener('change', () => { page = 0; draw(); });
  await refresh();
  return { refresh, every: 5000 };
}

export function shortClass(name) {
  return name ? name.replace(/^.*\./, '') : name;
}

export function taskSummary(tasks) {
  if (!tasks.length) return h('span', { class: 'muted' }, 'none');
  const counts = {};
  tasks.forEach((t) => { counts[t.state] = (counts[t.state] || 0) + 1; });
  return h('span', {}, Object.entries(counts).map(([state, n]) => [pill(state), ' ×' + n + ' ']));
}

function importForm(done) {
  const area = h('textarea', { rows: 10, 'aria-label': 'Connector YAML', placeholder: 'name: my-sink\nconfig:\n  connector.class: FileStreamSink\n  ...' });
  const result = h('div');
  return h('div', { class: 'card' }, h('h2', {}, 'Import connectors from YAML'),
    h('p', { class: 'muted' }, 'Every connector of the stream is validated first; if any is invalid, none is changed.'), area,
    h('div', { class: 'buttons' }, action('Import', async () => {
      const answer = await api.send('POST', 'api/v1/connectors:import', area.value, 'application/yaml');
      if (answer.ok) { toast('Imported ' + (answer.body.connectors || []).length + ' connector(s)', 'ok'); done(); } else {
        result.replaceChildren(problem(answer.error, JSON.stringify(answer.body && answer.body.error && answer.body.error.details, null, 2)));
      }
    }, { class: 'primary' }), h('button', { type: 'button', onclick: done }, 'Cancel')), result);
}
