// Connectors: the server filters (name or class, state) and pages them, over the one list it reads
// from Connect, so a page of 500 connectors costs one small answer. The filters and the page are
// kept in the URL (#/connectors?q=db&state=FAILED&page=2). Import and export of YAML.
import * as api from '../api.js';
import { action, debounce, h, keepInHash, pageOf, pager, pill, problem, table, text, toast } from '../dom.js';

const PAGE = 50;
const STATES = ['RUNNING', 'PAUSED', 'STOPPED', 'FAILED', 'UNASSIGNED', 'RESTARTING'];

export async function render(view, params) {
  const shown = { q: params.q || '', state: STATES.includes(params.state) ? params.state : '', page: pageOf(params.page) };
  let list = [];
  let total = 0;
  let failure = null;
  const fetchPage = api.pages('api/v1/connectors', PAGE);
  const filter = h('input', { type: 'search', placeholder: 'Filter by name or class', 'aria-label': 'Filter connectors', maxlength: 200, value: shown.q });
  const stateFilter = h('select', { 'aria-label': 'State' },
    ['', ...STATES].map((s) => h('option', { value: s, selected: s === shown.state }, s || 'Any state')));
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
    const offset = (shown.page - 1) * PAGE;
    const filtered = shown.q || shown.state;
    listBox.replaceChildren(
      failure ? problem('Connect could not be asked; nothing to show yet', failure) : '',
      table([
        { label: 'Name', field: 'name', render: (c) => h('a', { href: '#/connectors/' + encodeURIComponent(c.name) }, c.name) },
        { label: 'Type', field: 'type' },
        { label: 'Class', field: 'class', render: (c) => text(shortClass(c.config['connector.class'])) },
        { label: 'State', field: 'state', render: (c) => pill(c.state) },
        { label: 'Tasks', field: 'tasks', render: (c) => taskSummary(c.tasks || []) },
        { label: 'Worker', field: 'worker', render: (c) => text(c.workerId) },
      ], list, (c) => c.name, filtered ? 'No connector matches' : 'No connectors yet'),
      pager(total, offset, PAGE, (o) => move(o / PAGE + 1, true), 'connectors'));
  }

  async function refresh() {
    const got = await fetchPage({ q: shown.q, state: shown.state }, shown.page);
    if (!got) return; // a newer filter or page was asked for meanwhile
    if (got.beyond) { move(got.beyond, false); return; }
    if (got.error) failure = got.error;
    else {
      list = got.items;
      total = got.total;
      failure = null;
    }
    draw();
  }

  function move(page, push) {
    if (!listBox.isConnected) return; // the person moved on to another page meanwhile
    shown.page = page;
    keepInHash('connectors', api.query({ q: shown.q, state: shown.state, page: page > 1 ? page : '' }), push);
    return refresh();
  }

  filter.addEventListener('input', debounce(() => { shown.q = filter.value.trim(); move(1, false); }, 250));
  stateFilter.addEventListener('change', () => { shown.state = stateFilter.value; move(1, false); });
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
