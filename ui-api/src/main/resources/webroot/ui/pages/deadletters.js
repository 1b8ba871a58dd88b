// Dead letters and retrying records per target: counts, a peek at the letters with their headers,
// and redrive (each letter back to its delivery topic, once).
import * as api from '../api.js';
import { action, h, number, problem, section, table, text, toast, when } from '../dom.js';

export async function render(view, params) {
  const rules = await api.get('api/v1/rules');
  const all = rules.ok ? rules.body : [];
  const pairs = [];
  for (const r of all) for (const t of r.targets) pairs.push({ rule: r.name, target: t.name, stats: t.stats || {}, hasDlq: !!t.deadLetterTopic });
  const summary = h('div');
  const detail = h('div');
  view.append(h('h1', {}, 'Dead letters and retrying'), rules.ok ? '' : problem('The rules could not be read', rules.error), section('Per target', summary), detail);
  summary.append(table([
    { label: 'Rule', field: 'rule' },
    { label: 'Target', field: 'target' },
    { label: 'Dead letters', field: 'deadLettered', num: true, render: (p) => number(p.stats.deadLettered) },
    { label: 'Retrying', field: 'retrying', num: true, render: (p) => number(p.stats.retrying) },
    { label: '', field: 'open', render: (p) => h('a', { href: '#/deadletters?rule=' + encodeURIComponent(p.rule) + '&target=' + encodeURIComponent(p.target) }, 'Open') },
  ], pairs, (p) => p.rule + '/' + p.target, 'No rule targets'));

  if (!params.rule || !params.target) return {};
  const base = 'api/v1/rules/' + api.seg(params.rule);
  const counts = h('div', { dataset: { field: 'counts' } });
  const letters = h('div');
  const retrying = h('div');
  const buttons = h('div', { class: 'buttons' });
  detail.append(h('section', {}, h('h2', {}, params.rule + ' → ' + params.target), counts, buttons, h('h3', {}, 'Letters not yet redriven (first 20)'), letters),
    section('Still retrying', retrying));
  if (api.allowed('POST', '/api/v1/rules/x/deadletters/y/redrive')) {
    buttons.append(action('Redrive', async () => {
      const answer = await api.send('POST', base + '/deadletters/' + api.seg(params.target) + '/redrive');
      if (answer.ok) toast('Redriven: ' + answer.body.redriven + (answer.body.failedAgain ? ', failed again: ' + answer.body.failedAgain : ''), 'ok');
      else toast(answer.error, 'error');
      await refresh();
    }, { class: 'primary', id: 'redrive' }));
  }

  async function refresh() {
    const [summaryAnswer, peek, retry] = await Promise.all([
      api.get(base + '/deadletters'), api.get(base + '/deadletters/' + api.seg(params.target) + '?limit=20'),
      api.get(base + '/retrying/' + api.seg(params.target))]);
    if (summaryAnswer.ok) {
      const t = (summaryAnswer.body.targets || []).find((x) => x.target === params.target) || {};
      counts.replaceChildren(h('dl', { class: 'kv' },
        h('dt', {}, 'Topic'), h('dd', {}, text(t.topic)),
        h('dt', {}, 'Letters'), h('dd', { dataset: { field: 'letters' } }, number(t.letters)),
        h('dt', {}, 'Redriven'), h('dd', { dataset: { field: 'redriven' } }, number(t.redriven)),
        h('dt', {}, 'Waiting'), h('dd', { dataset: { field: 'waiting' } }, number(t.waiting))));
    } else counts.replaceChildren(problem(summaryAnswer.error));
    letters.replaceChildren(peek.ok ? table([
      { label: 'When', field: 'timestamp', render: (l) => when(l.timestamp) },
      { label: 'Partition/offset', field: 'at', render: (l) => l.partition + '/' + l.offset },
      { label: 'Why', field: 'why', render: (l) => text(l.headers && (l.headers['railyard.error.message'] || l.headers['__connect.errors.exception.message'])) },
      { label: 'Record', field: 'value', render: (l) => h('details', {}, h('summary', {}, 'value and headers'), h('pre', {}, l.value || ''), h('pre', {}, JSON.stringify(l.headers, null, 2))) },
    ], peek.body.letters || [], (l) => l.partition + '-' + l.offset, 'No letters waiting') : problem(peek.error));
    retrying.replaceChildren(retry.ok ? table([
      { label: 'Event', field: 'eventId' },
      { label: 'Attempts', field: 'attempts', num: true },
      { label: 'Last failure', field: 'lastFailure', render: (r) => when(r.lastFailure) },
      { label: 'Next attempt', field: 'due', render: (r) => when(r.due) },
      { label: 'Error', field: 'error', render: (r) => text((r.errorClass || '') + (r.errorMessage ? ': ' + r.errorMessage : '')) },
    ], retry.body.retrying || [], (r) => r.partition + '-' + r.offset, 'Nothing is being retried') : problem(retry.error));
  }
  await refresh();
  return { refresh, every: 5000 };
}
