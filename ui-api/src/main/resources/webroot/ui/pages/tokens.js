// Tokens (admins): who may call the API with which role and on which buses; create (the token is
// shown once) and revoke.
import * as api from '../api.js';
import { action, confirmed, h, problem, table, text, toast, when } from '../dom.js';

export async function render(view) {
  const listBox = h('div');
  const created = h('div');
  const name = h('input', { type: 'text', id: 'token-name', placeholder: 'ci-deployer', 'aria-label': 'Name' });
  const role = h('select', { id: 'token-role', 'aria-label': 'Role' }, ['viewer', 'publisher', 'editor', 'admin'].map((r) => h('option', { value: r }, r)));
  const buses = h('input', { type: 'text', placeholder: 'buses, comma-separated (empty: all)', 'aria-label': 'Buses' });
  view.append(h('h1', {}, 'Tokens'),
    h('div', { class: 'card' }, h('h2', {}, 'New token'), h('div', { class: 'toolbar' }, name, role, buses,
      action('Create', async () => {
        const body = { name: name.value.trim(), role: role.value };
        const list = buses.value.split(',').map((b) => b.trim()).filter(Boolean);
        if (list.length) body.buses = list;
        const answer = await api.send('POST', 'api/v1/tokens', body);
        if (!answer.ok) { created.replaceChildren(problem(answer.error)); return; }
        created.replaceChildren(h('div', { class: 'notice' }, h('p', {}, 'The token of ' + answer.body.name + ', shown this once; copy it now:'),
          h('pre', { dataset: { field: 'token' } }, answer.body.token)));
        name.value = '';
        refresh();
      }, { class: 'primary' })), created),
    listBox);

  async function refresh() {
    const answer = await api.get('api/v1/tokens');
    if (!answer.ok) { listBox.replaceChildren(problem('The tokens could not be listed', answer.error)); return; }
    listBox.replaceChildren(table([
      { label: 'Name', field: 'name' },
      { label: 'Role', field: 'role' },
      { label: 'Buses', field: 'buses', render: (t) => t.buses.length ? t.buses.join(', ') : 'all' },
      { label: 'Created', field: 'createdAt', render: (t) => when(t.createdAt) },
      { label: 'Id', field: 'id', render: (t) => text(t.id) },
      { label: '', field: 'actions', render: (t) => action('Revoke', async () => {
        if (!(await confirmed('Revoke the token ' + t.name + '? Its sessions end at once.', 'Revoke'))) return;
        const revoked = await api.send('DELETE', 'api/v1/tokens/' + api.seg(t.id));
        if (revoked.ok) toast('Revoked ' + t.name, 'ok'); else toast(revoked.error, 'error');
        refresh();
      }, { class: 'danger' }) },
    ], answer.body.tokens || answer.body, (t) => t.name, 'No tokens'));
  }
  await refresh();
}
