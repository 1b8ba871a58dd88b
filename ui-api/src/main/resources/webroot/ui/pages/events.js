// Events explorer: the newest events of a bus that match a pattern, filtered on the server and
// bounded (at most 200 kept here, never the whole topic); live, polling with the server's cursor.
import * as api from '../api.js';
import { h, problem, table, when } from '../dom.js';

const KEEP = 200;

export async function render(view, params) {
  const bus = h('input', { type: 'text', id: 'tail-bus', value: params.bus || 'default', size: 16, 'aria-label': 'Bus' });
  const pattern = h('input', { type: 'text', id: 'tail-pattern', value: params.pattern || '', size: 60, placeholder: '{"type": ["order.paid"]} (empty: every event)', 'aria-label': 'Pattern' });
  const live = h('input', { type: 'checkbox', id: 'tail-live', checked: true });
  const status = h('div', { class: 'muted', 'aria-live': 'polite' });
  const listBox = h('div');
  view.append(h('h1', {}, 'Events'),
    h('form', { class: 'toolbar', onsubmit: (e) => { e.preventDefault(); restart(); } }, 'Bus', bus, 'Pattern', pattern,
      h('button', { type: 'submit', class: 'primary' }, 'Show'), h('label', {}, live, ' Live')),
    status, listBox);
  let cursor = null;
  let events = [];
  let failure = null;

  function restart() {
    cursor = null;
    events = [];
    return refresh();
  }

  async function refresh() {
    if (cursor && !live.checked) return;
    const query = new URLSearchParams({ limit: '50' });
    if (pattern.value.trim()) query.set('pattern', pattern.value.trim());
    if (cursor) query.set('after', cursor);
    const answer = await api.get('api/v1/buses/' + api.seg(bus.value.trim() || 'default') + '/events?' + query);
    if (!answer.ok) {
      failure = answer.error;
    } else {
      failure = null;
      cursor = answer.body.after;
      events = events.concat(answer.body.events).slice(-KEEP);
      status.textContent = events.length + ' event(s) shown (newest first); last read ' + answer.body.scanned + ' record(s)' + (live.checked ? '; live' : '');
    }
    draw();
  }

  function draw() {
    listBox.replaceChildren(failure ? problem(failure) : '', table([
      { label: 'When', field: 'timestamp', render: (e) => when(e.timestamp) },
      { label: 'Type', field: 'type', render: (e) => (e.event && (e.event.type || e.event['detail-type'])) || '—' },
      { label: 'Source', field: 'source', render: (e) => (e.event && e.event.source) || '—' },
      { label: 'Event', field: 'event', render: (e) => h('details', {}, h('summary', {}, (JSON.stringify(e.event) || '').slice(0, 100)), h('pre', {}, JSON.stringify(e.event, null, 2))) },
      { label: 'Where', field: 'where', render: (e) => e.partition + '/' + e.offset },
    ], events.slice().reverse(), (e) => e.partition + '-' + e.offset, 'No matching events yet'));
  }

  await restart();
  return { refresh, every: 2000 };
}
