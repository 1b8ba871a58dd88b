// One connector: state, tasks (worker, state, trace, per-task restart), lifecycle actions,
// offsets (view, alter, reset: KIP-875, which needs the connector STOPPED), auto-restart history,
// and its config (secrets masked).
import * as api from '../api.js';
import { action, confirmed, h, pill, problem, section, table, text, toast, when } from '../dom.js';

export async function render(view, params) {
  const name = params.name;
  const path = 'api/v1/connectors/' + api.seg(name);
  const head = h('div');
  const tasksBox = h('div');
  const offsetsBox = h('div');
  const restartBox = h('div');
  const configBox = h('div');
  view.append(h('p', {}, h('a', { href: '#/connectors' }, '‹ Connectors')), head,
    section('Tasks', tasksBox), section('Offsets', offsetsBox), section('Auto-restart', restartBox), section('Config', configBox));
  const can = (method, sub) => api.allowed(method, '/api/v1/connectors/' + encodeURIComponent(name) + sub);

  async function act(verb, query, label) {
    const answer = await api.send('POST', path + '/' + verb + (query || ''));
    if (answer.ok) toast((label || verb) + ': asked Connect', 'ok'); else toast(answer.error, 'error');
    await refresh();
  }

  async function refresh() {
    const answer = await api.get(path);
    if (!answer.ok) {
      head.replaceChildren(h('h1', {}, name), problem(answer.status === 404 ? 'There is no connector ' + name : 'Connect could not be asked', answer.error));
      return;
    }
    const c = answer.body;
    const buttons = h('div', { class: 'buttons' });
    if (can('POST', '/restart')) {
      buttons.append(...[
        action('Restart connector', () => act('restart', '', 'Restart')),
        action('Restart all tasks', () => act('restart', '?includeTasks=true', 'Restart with tasks')),
        action('Restart failed tasks', () => act('restart', '?includeTasks=true&onlyFailed=true', 'Restart failed')),
        c.state === 'PAUSED' || c.state === 'STOPPED'
          ? action('Resume', () => act('resume'))
          : action('Pause', () => act('pause')),
        c.state !== 'STOPPED' ? action('Stop', () => act('stop'), { title: 'Stops the connector and its tasks; offsets can be changed only while it is STOPPED' }) : null].filter(Boolean));
    }
    if (can('PUT', '')) buttons.append(h('a', { class: 'button', href: '#/connectors/' + encodeURIComponent(name) + '/edit' }, 'Edit'));
    if (can('DELETE', '')) {
      buttons.append(action('Delete', async () => {
        if (!(await confirmed('Delete the connector ' + name + '? Its config is removed from Connect.', 'Delete'))) return;
        const deleted = await api.send('DELETE', path);
        if (deleted.ok) { toast('Deleted ' + name, 'ok'); window.location.hash = '#/connectors'; } else toast(deleted.error, 'error');
      }, { class: 'danger' }));
    }
    head.replaceChildren(
      h('h1', {}, name, ' ', pill(c.state)),
      h('dl', { class: 'kv' }, h('dt', {}, 'Type'), h('dd', {}, text(c.type)), h('dt', {}, 'Class'), h('dd', {}, text(c.config['connector.class'])),
        h('dt', {}, 'Worker'), h('dd', {}, text(c.workerId))),
      c.trace ? h('details', {}, h('summary', {}, 'Why the connector failed'), h('pre', { class: 'trace' }, c.trace)) : '',
      buttons);
    tasksBox.replaceChildren(table([
      { label: 'Task', field: 'id' },
      { label: 'State', field: 'state', render: (t) => pill(t.state) },
      { label: 'Worker', field: 'workerId' },
      { label: 'Trace', field: 'trace', render: (t) => t.trace ? h('details', {}, h('summary', {}, firstLine(t.trace)), h('pre', { class: 'trace' }, t.trace)) : '—' },
      { label: '', field: 'actions', render: (t) => can('POST', '/restart') ? action('Restart', () => act('restart', '?task=' + t.id, 'Restart task ' + t.id)) : '' },
    ], c.tasks || [], (t) => String(t.id), 'No tasks (a STOPPED or PAUSED connector has none running)'));
    restartBox.replaceChildren(autoRestart(c.autoRestart));
    configBox.replaceChildren(h('pre', { dataset: { field: 'config' } }, JSON.stringify(c.config, null, 2)));
    await offsets(c.state);
  }

  async function offsets(state) {
    const answer = await api.get(path + '/offsets');
    const body = [];
    if (answer.ok) body.push(h('pre', { dataset: { field: 'offsets' } }, JSON.stringify(answer.body, null, 2)));
    else body.push(problem('Offsets could not be read', answer.error));
    const mayChange = api.allowed('PATCH', '/api/v1/connectors/x/offsets');
    if (mayChange) {
      const stopped = state === 'STOPPED';
      if (!stopped) body.push(h('p', { class: 'notice' }, 'Offsets can be altered or reset only while the connector is STOPPED (KIP-875): stop it first, change them, then resume it.'));
      const edit = h('textarea', { rows: 6, 'aria-label': 'Offsets to set', placeholder: '{"offsets": [{"partition": {...}, "offset": {...}}]}' });
      if (answer.ok) edit.value = JSON.stringify(answer.body, null, 2);
      body.push(h('details', {}, h('summary', {}, 'Alter offsets'), edit, h('div', { class: 'buttons' },
        action('Alter', async () => {
          let parsed;
          try { parsed = JSON.parse(edit.value); } catch (e) { toast('Not JSON: ' + e.message, 'error'); return; }
          const altered = await api.send('PATCH', path + '/offsets', parsed);
          if (altered.ok) toast('Offsets altered', 'ok'); else toast(altered.error, 'error');
          await refresh();
        }, { disabled: !stopped }))));
      body.push(h('div', { class: 'buttons' }, action('Reset offsets', async () => {
        if (!(await confirmed('Reset every offset of ' + name + '? It will start over from the beginning (sink: its topics; source: its origin).', 'Reset'))) return;
        const reset = await api.send('DELETE', path + '/offsets');
        if (reset.ok) toast('Offsets reset', 'ok'); else toast(reset.error, 'error');
        await refresh();
      }, { class: 'danger', disabled: !stopped })));
    }
    offsetsBox.replaceChildren(...body);
  }

  await refresh();
  return { refresh, every: 5000 };
}

function firstLine(trace) {
  const line = trace.split('\n')[0];
  return line.length > 120 ? line.slice(0, 117) + '…' : line;
}

function autoRestart(units) {
  const rows = Object.entries(units || {}).map(([unit, u]) => Object.assign({ unit }, u));
  if (!rows.length) return h('p', { class: 'muted' }, 'Railyard has not had to restart it.');
  return table([
    { label: 'Unit', field: 'unit' },
    { label: 'State', field: 'state', render: (r) => pill(r.state) },
    { label: 'Attempts', field: 'attempts', num: true },
    { label: 'First failure', field: 'firstFailureAt', render: (r) => when(r.firstFailureAt) },
    { label: 'Last restart', field: 'lastRestartAt', render: (r) => when(r.lastRestartAt) },
    { label: 'Next attempt', field: 'nextAttemptAt', render: (r) => when(r.nextAttemptAt) },
    { label: 'Recovered', field: 'recoveredAt', render: (r) => when(r.recoveredAt) },
    { label: 'Backoffs (ms)', field: 'backoffsMs', render: (r) => text((r.backoffsMs || []).join(', ')) },
  ], rows, (r) => r.unit);
}
