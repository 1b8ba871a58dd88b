// TestEventPattern: a pattern, or a rule, against an event pasted here or picked from what a bus
// saw recently; for a rule, what each of its targets would receive.
import * as api from '../api.js';
import { action, h, problem } from '../dom.js';

// events on a bus are CloudEvents; a pattern matches their attributes and data
const EVENT = `{
  "specversion": "1.0",
  "id": "1",
  "source": "shop",
  "type": "order.paid",
  "data": {"amount": 42, "currency": "EUR"}
}`;

export async function render(view, params) {
  const rules = await api.get('api/v1/rules');
  const all = rules.ok ? rules.body : [];
  const mode = h('select', { id: 'sandbox-mode', 'aria-label': 'Test against' }, h('option', { value: 'pattern' }, 'a pattern'), h('option', { value: 'rule' }, 'a rule'));
  const rule = h('select', { id: 'sandbox-rule', 'aria-label': 'Rule', hidden: true }, all.map((r) => h('option', { value: r.name }, r.name)));
  const pattern = h('textarea', { id: 'sandbox-pattern', rows: 6, 'aria-label': 'Pattern (JSON)' }, '{"type": ["order.paid"], "data": {"amount": [{"numeric": [">", 10]}]}}');
  const event = h('textarea', { id: 'sandbox-event', rows: 10, 'aria-label': 'Event (JSON)' }, EVENT);
  const recentBus = h('input', { type: 'text', value: params.bus || 'default', size: 14, 'aria-label': 'Bus' });
  const recent = h('select', { 'aria-label': 'A recent event' });
  const result = h('div', { 'aria-live': 'polite', dataset: { field: 'result' } });
  mode.addEventListener('change', () => { rule.hidden = mode.value !== 'rule'; pattern.hidden = mode.value === 'rule'; });
  if (params.rule && all.some((r) => r.name === params.rule)) { mode.value = 'rule'; rule.value = params.rule; rule.hidden = false; pattern.hidden = true; }

  let events = [];
  async function loadRecent() {
    const answer = await api.get('api/v1/buses/' + api.seg(recentBus.value.trim() || 'default') + '/events?limit=20');
    events = answer.ok ? answer.body.events.slice().reverse() : [];
    recent.replaceChildren(h('option', { value: '' }, answer.ok ? (events.length ? 'Pick one of ' + events.length + ' recent events' : 'No events on this bus yet') : answer.error),
      ...events.map((e, i) => h('option', { value: String(i) }, e.timestamp + ' ' + JSON.stringify(e.event).slice(0, 80))));
  }
  recent.addEventListener('change', () => { if (recent.value !== '') event.value = JSON.stringify(events[Number(recent.value)].event, null, 2); });

  const test = action('Test', async () => {
    let body;
    try {
      body = { event: JSON.parse(event.value) };
      if (mode.value === 'rule') body.rule = rule.value; else body.pattern = JSON.parse(pattern.value);
    } catch (e) {
      result.replaceChildren(problem('Not JSON: ' + e.message));
      return;
    }
    const answer = await api.send('POST', 'api/v1/rules:test', body);
    if (!answer.ok) {
      const details = answer.body && answer.body.error && answer.body.error.details;
      result.replaceChildren(problem(answer.error, details && details.problems ? details.problems.join('\n') : null));
      return;
    }
    const r = answer.body;
    result.replaceChildren(h('p', { class: r.matches ? 'notice' : 'problem', dataset: { matches: String(r.matches) } },
      r.matches ? 'The event matches.' : 'The event does not match.'),
    r.targets ? h('div', {}, Object.entries(r.targets).map(([target, output]) => h('div', {}, h('h3', {}, 'Target ' + target + ' would receive'), h('pre', {}, JSON.stringify(output, null, 2))))) : '');
  }, { class: 'primary', id: 'sandbox-test' });

  view.append(h('h1', {}, 'Pattern sandbox'),
    h('div', { class: 'split' },
      h('div', { class: 'card' }, h('h2', {}, 'Test against'), h('div', { class: 'toolbar' }, mode, rule), pattern),
      h('div', { class: 'card' }, h('h2', {}, 'Event'), h('div', { class: 'toolbar' }, 'From bus', recentBus, h('button', { type: 'button', onclick: loadRecent }, 'Load recent'), recent), event)),
    api.allowed('POST', '/api/v1/rules:test') ? h('div', { class: 'buttons' }, test) : h('p', { class: 'notice' }, 'Testing patterns needs the editor role.'),
    result);
  loadRecent();
}
