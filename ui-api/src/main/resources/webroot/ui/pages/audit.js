// Audit (admins): the most recent state-changing calls, refused ones included.
import * as api from '../api.js';
import { h, problem, table, text, when } from '../dom.js';

export async function render(view) {
  const listBox = h('div');
  view.append(h('h1', {}, 'Audit'), h('p', { class: 'muted' }, 'Every call that changes something, and every refused one, newest first.'), listBox);
  async function refresh() {
    const answer = await api.get('api/v1/audit');
    if (!answer.ok) { listBox.replaceChildren(problem('The audit trail could not be read', answer.error)); return; }
    listBox.replaceChildren(table([
      { label: 'When', field: 'time', render: (e) => when(e.time) },
      { label: 'Who', field: 'tokenName', render: (e) => text(e.tokenName ? e.tokenName + ' (' + e.role + ')' : 'no token') },
      { label: 'Call', field: 'route', render: (e) => e.method + ' ' + e.route },
      { label: 'On', field: 'target' },
      { label: 'Status', field: 'status', num: true },
      { label: 'From', field: 'remote' },
    ], (answer.body.entries || []).slice().reverse(), null, 'Nothing yet'));
  }
  await refresh();
  return { refresh, every: 10000 };
}
