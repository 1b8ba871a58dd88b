// Scaling: the policy in force (editable by admins, refused per key by the server), workers and
// tasks now and desired, per connector lag and rates, and the decisions timeline with reasons.
import * as api from '../api.js';
import { action, h, number, pill, problem, section, table, text, toast, when } from '../dom.js';
import { Series, lineChart } from '../chart.js';

export async function render(view) {
  const now = h('div', { class: 'tiles' });
  const problemBox = h('div');
  const chartBox = h('div', { class: 'card chart', dataset: { chart: 'workers' } });
  const connectorsBox = h('div');
  const decisionsBox = h('div');
  const policyBox = h('div');
  view.append(h('h1', {}, 'Scaling'), problemBox, now, chartBox, section('Connectors', connectorsBox),
    section('Decisions', decisionsBox), section('Policy', policyBox));
  let decisions = [];
  const series = new Series(['running workers', 'desired workers', 'tasks']);
  const chart = lineChart(chartBox, 'Workers and tasks (dashed: decisions)', series.names,
    () => decisions.filter((d) => d.outcome !== 'held').map((d) => ({ at: Date.parse(d.at) })));
  let policyDrawn = false;

  async function refresh() {
    const [status, timeline] = await Promise.all([api.get('api/v1/autoscale'), api.get('api/v1/autoscale/decisions')]);
    if (!status.ok) { problemBox.replaceChildren(problem('The autoscaler could not be read', status.error)); return; }
    const s = status.body;
    problemBox.replaceChildren(s.snapshot && s.snapshot.problem ? problem('The last collection had a problem; the autoscaler holds', s.snapshot.problem) : '',
      s.workers.failure ? problem('A worker change failed', s.workers.failure) : '');
    const tasks = (s.connectors || []).reduce((sum, c) => sum + (c.tasks || 0), 0);
    series.add(Date.now(), { 'running workers': s.workers.running, 'desired workers': s.workers.desired, tasks });
    chart.update(series);
    now.replaceChildren(
      tile('Workers now', s.workers.running, 'running'), tile('Workers desired', s.workers.desired, 'desired'),
      tile('Reserved … ceiling', s.workers.min + ' … ' + s.workers.max, 'bounds'),
      tile('Worker CPU', s.workers.cpu === null || s.workers.cpu === undefined ? '—' : Math.round(s.workers.cpu * 100) + ' %', 'cpu'),
      h('div', { class: 'tile grow' }, h('div', { class: 'label' }, 'Why'), h('div', { dataset: { field: 'reason' } }, text(s.workers.reason))));
    connectorsBox.replaceChildren(table([
      { label: 'Connector', field: 'name', render: (c) => h('a', { href: '#/connectors/' + encodeURIComponent(c.name) }, c.name) },
      { label: 'Kind', field: 'kind' },
      { label: 'State', field: 'state', render: (c) => pill(c.state) },
      { label: 'Tasks', field: 'tasks', num: true, render: (c) => c.tasks + (c.desiredTasks !== c.tasks ? ' → ' + c.desiredTasks : '') },
      { label: 'Partitions', field: 'partitions', num: true },
      { label: 'Lag', field: 'lag', num: true, render: (c) => number(c.lag) },
      { label: 'Lag (s)', field: 'lagSeconds', num: true, render: (c) => number(c.lagSeconds) },
      { label: 'In /s', field: 'arrivalRate', num: true, render: (c) => rate(c.arrivalRate) },
      { label: 'Out /s', field: 'drainRate', num: true, render: (c) => rate(c.drainRate) },
      { label: 'Per task /s', field: 'taskRate', num: true, render: (c) => rate(c.taskRate) },
      { label: 'Reason', field: 'reason', render: (c) => text(c.reason) },
    ], s.connectors || [], (c) => c.name, 'No sink connectors or rule targets to scale'));
    if (timeline.ok) {
      decisions = timeline.body.decisions || [];
      decisionsBox.replaceChildren(table([
        { label: 'When', field: 'at', render: (d) => when(d.at) },
        { label: 'What', field: 'target' },
        { label: 'Change', field: 'change', render: (d) => d.from + ' → ' + d.to },
        { label: 'Cause', field: 'cause', render: (d) => pill(d.cause) },
        { label: 'Reason', field: 'reason' },
        { label: 'Outcome', field: 'outcome' },
      ], decisions.slice().reverse().slice(0, 100), (d) => String(d.id), 'No decisions yet'));
    } else decisionsBox.replaceChildren(problem('The decisions could not be read', timeline.error));
    if (!policyDrawn) { policyBox.replaceChildren(policyForm(s.policy, refresh)); policyDrawn = true; }
  }
  await refresh();
  return { refresh, every: 3000, dispose() { chart.dispose && chart.dispose(); } };
}

function policyForm(policy, refresh) {
  const mayChange = api.allowed('PUT', '/api/v1/autoscale');
  const inputs = {};
  const result = h('div');
  const rows = Object.entries(policy || {}).map(([key, value]) => {
    const input = h('input', { type: 'text', name: key, value: value ?? '', readOnly: !mayChange, 'aria-label': key });
    inputs[key] = { input, value: value ?? '' };
    return h('div', { class: 'field', dataset: { key } }, h('label', {}, key), input);
  });
  const save = mayChange ? action('Change the policy', async () => {
    const changes = {};
    for (const [key, { input, value }] of Object.entries(inputs)) if (input.value !== value) changes[key] = input.value;
    if (!Object.keys(changes).length) { toast('Nothing changed'); return; }
    const answer = await api.send('PUT', 'api/v1/autoscale', changes);
    if (answer.ok) {
      toast('Policy changed', 'ok');
      for (const [key, v] of Object.entries(changes)) inputs[key].value = v;
      result.replaceChildren();
      refresh();
    } else {
      const key = answer.body && answer.body.error && answer.body.error.details && answer.body.error.details.key;
      result.replaceChildren(problem(answer.error, 'Nothing was changed; the policy in force stays.'));
      if (key && inputs[key]) inputs[key].input.focus();
    }
  }, { class: 'primary' }) : h('p', { class: 'muted' }, 'Changing the policy needs the admin role.');
  return h('div', {}, rows, h('div', { class: 'buttons' }, save), result);
}

function rate(value) {
  return value === null || value === undefined ? '—' : (Math.round(value * 10) / 10).toLocaleString('en');
}

function tile(label, value, field) {
  return h('div', { class: 'tile', dataset: { field } }, h('div', { class: 'value' }, text(value)), h('div', { class: 'label' }, label));
}
