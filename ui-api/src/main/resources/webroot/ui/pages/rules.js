// Rules: a row per target with its figures (matched, routed, delivered, lag, retrying, dead
// letters); the server filters the rules (name, bus or target; one bus) and pages them, 20 rules a
// page, kept in the URL (#/rules?q=paid&bus=orders&page=2). Delete; replay of a time window; links
// to the editor and dead letters.
import * as api from '../api.js';
import { action, confirmed, debounce, h, keepInHash, number, pageOf, pager, pill, problem, table, toast } from '../dom.js';

const PAGE = 20;

export async function render(view, params) {
  // #/rules?rule=x is what older links say
  const shown = { q: params.q || params.rule || '', bus: params.bus || '', page: pageOf(params.page) };
  const filter = h('input', { type: 'search', placeholder: 'Filter by rule, bus or target', 'aria-label': 'Filter rules', size: 28, maxlength: 200, value: shown.q });
  const busFilter = h('input', { type: 'search', placeholder: 'Bus', 'aria-label': 'Bus', size: 12, value: shown.bus });
  const listBox = h('div');
  const replayBox = h('div');
  const tools = h('div', { class: 'toolbar' }, filter, busFilter);
  if (api.allowed('POST', '/api/v1/rules:apply')) tools.append(h('a', { class: 'button primary', href: '#/rules/edit' }, 'Edit rules (YAML)'));
  view.append(h('h1', {}, 'Rules'), tools, replayBox, listBox);
  let rules = [];
  let total = 0;
  let failure = null;
  const fetchPage = api.pages('api/v1/rules', PAGE);

  function draw() {
    const rows = [];
    for (const rule of rules) {
      for (const t of rule.targets) rows.push({ rule, target: t, stats: t.stats || {} });
    }
    const mayEdit = api.allowed('DELETE', '/api/v1/rules/x');
    listBox.replaceChildren(failure ? problem('The rules could not be read', failure) : '', table([
      { label: 'Bus', field: 'bus', render: (r) => r.rule.bus },
      { label: 'Rule', field: 'rule', render: (r) => h('span', {}, h('a', { href: '#/rules/edit?rule=' + encodeURIComponent(r.rule.name) }, r.rule.name), r.rule.enabled ? '' : [' ', pill('DISABLED')]) },
      { label: 'Target', field: 'target', render: (r) => r.target.asleep ? h('span', { title: 'Asleep: no connector runs; events routed to it wait in its delivery topic, and it wakes within seconds of the first' }, r.target.name, ' ', pill('ASLEEP')) : r.target.name },
      { label: 'CloudEvents', field: 'cloudEvents', render: (r) => mode(r.rule, r.target) },
      { label: 'Matched', field: 'matched', num: true, render: (r) => number(r.stats.matched) },
      { label: 'Routed', field: 'routed', num: true, render: (r) => number(r.stats.routed) },
      { label: 'Delivered', field: 'delivered', num: true, render: (r) => number(r.stats.delivered) },
      { label: 'Lag', field: 'lag', num: true, render: (r) => number(r.stats.lag) },
      { label: 'Retrying', field: 'retrying', num: true, render: (r) => number(r.stats.retrying) },
      { label: 'Dead letters', field: 'deadLettered', num: true, render: (r) => r.target.deadLetterTopic ? h('a', { href: '#/deadletters?rule=' + encodeURIComponent(r.rule.name) + '&target=' + encodeURIComponent(r.target.name) }, number(r.stats.deadLettered)) : number(r.stats.deadLettered) },
      { label: '', field: 'actions', render: (r) => mayEdit ? h('span', { class: 'buttons' },
        h('button', { type: 'button', onclick: () => replayForm(r.rule) }, 'Replay'),
        action('Delete rule', async () => {
          if (!(await confirmed('Delete the rule ' + r.rule.name + ' and its target connectors?', 'Delete'))) return;
          const deleted = await api.send('DELETE', 'api/v1/rules/' + api.seg(r.rule.name));
          if (deleted.ok) toast('Deleted ' + r.rule.name, 'ok'); else toast(deleted.error, 'error');
          refresh();
        }, { class: 'danger' })) : '' },
    ], rows, (r) => r.rule.name + '/' + r.target.name, shown.q || shown.bus ? 'No rule matches' : 'No rules yet'),
    pager(total, (shown.page - 1) * PAGE, PAGE, (o) => move(o / PAGE + 1, true), 'rules'));
  }

  function replayForm(rule) {
    const hour = new Date(Date.now() - 3600 * 1000);
    const from = h('input', { type: 'datetime-local', value: local(hour), 'aria-label': 'From' });
    const to = h('input', { type: 'datetime-local', value: local(new Date()), 'aria-label': 'To' });
    const boxes = rule.targets.map((t) => h('label', {}, h('input', { type: 'checkbox', checked: true, value: t.name }), ' ', t.name));
    const status = h('div');
    replayBox.replaceChildren(h('div', { class: 'card' }, h('h2', {}, 'Replay ' + rule.name),
      h('p', { class: 'muted' }, 'Sends the events of the bus in the window that match the rule to the chosen targets again.'),
      h('div', { class: 'toolbar' }, 'From', from, 'to', to), h('div', { class: 'toolbar' }, boxes),
      h('div', { class: 'buttons' }, action('Start replay', async () => {
        const targets = boxes.map((b) => b.querySelector('input')).filter((i) => i.checked).map((i) => i.value);
        const answer = await api.send('POST', 'api/v1/rules/' + api.seg(rule.name) + '/replay',
          { from: new Date(from.value).toISOString(), to: new Date(to.value).toISOString(), targets });
        if (!answer.ok) { status.replaceChildren(problem(answer.error)); return; }
        follow(answer.body.id, status);
      }, { class: 'primary' }), h('button', { type: 'button', onclick: () => replayBox.replaceChildren() }, 'Close')), status));
  }

  async function follow(id, status) {
    const answer = await api.get('api/v1/replays/' + api.seg(id));
    if (!answer.ok) { status.replaceChildren(problem(answer.error)); return; }
    const r = answer.body;
    status.replaceChildren(h('p', { dataset: { field: 'replay' } }, pill(r.state), ' scanned ' + number(r.scanned) + ', matched ' + number(r.matched) + ', delivered ' + number(r.delivered), r.message ? ' · ' + r.message : ''));
    if (r.state === 'RUNNING' && status.isConnected) setTimeout(() => follow(id, status), 1000);
  }

  async function refresh() {
    const got = await fetchPage({ q: shown.q, bus: shown.bus }, shown.page);
    if (!got) return; // a newer filter or page was asked for meanwhile
    if (got.beyond) { move(got.beyond, false); return; }
    if (got.error) failure = got.error;
    else {
      rules = got.items;
      total = got.total;
      failure = null;
    }
    draw();
  }

  function move(page, push) {
    if (!listBox.isConnected) return; // the person moved on to another page meanwhile
    shown.page = page;
    keepInHash('rules', api.query({ q: shown.q, bus: shown.bus, page: page > 1 ? page : '' }), push);
    return refresh();
  }

  const filtered = debounce(() => { shown.q = filter.value.trim(); shown.bus = busFilter.value.trim(); move(1, false); }, 250);
  filter.addEventListener('input', filtered);
  busFilter.addEventListener('input', filtered);
  await refresh();
  return { refresh, every: 5000 };
}

function local(date) {
  const d = new Date(date.getTime() - date.getTimezoneOffset() * 60000);
  return d.toISOString().slice(0, 16);
}

// The CloudEvents mode a target's records are delivered in: the one its rule asks for
// (`cloudEvents: structured | binary`), or each event's own mode when it asks for none
function mode(rule, target) {
  const spec = rule.document && rule.document.spec;
  const asked = spec && Array.isArray(spec.targets) ? spec.targets.find((t) => t && t.name === target.name) : null;
  const value = asked && asked.cloudEvents;
  return value ? h('span', { title: 'Every event is delivered ' + value + ', converted where it came in the other mode' }, value)
    : h('span', { class: 'muted', title: 'Each event is delivered in the mode it came in: binary (ce_ headers) or structured' }, 'as received');
}
