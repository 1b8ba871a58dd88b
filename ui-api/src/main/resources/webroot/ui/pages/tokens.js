// Tokens (admins): who may call the API with which role and on which buses; create a bearer token
// or an AWS key pair for the EventBridge API (the secret is shown once) and revoke.
import * as api from '../api.js';
import { action, confirmed, h, problem, table, text, toast, when } from '../dom.js';

export async function render(view) {
  const listBox = h('div');
  const created = h('div');
  const name = h('input', { type: 'text', id: 'token-name', placeholder: 'ci-deployer', 'aria-label': 'Name' });
  const role = h('select', { id: 'token-role', 'aria-label': 'Role' }, ['viewer', 'publisher', 'editor', 'admin'].map((r) => h('option', { value: r }, r)));
  const buses = h('input', { type: 'text', placeholder: 'buses, comma-separated (empty: all)', 'aria-label': 'Buses' });
  const kind = h('select', { id: 'token-kind', 'aria-label': 'Kind' },
    [['bearer', 'Bearer token'], ['aws', 'AWS key pair (EventBridge API)']].map(([v, label]) => h('option', { value: v }, label)));
  view.append(h('h1', {}, 'Tokens'),
    h('div', { class: 'card' }, h('h2', {}, 'New token'), h('div', { class: 'toolbar' }, name, role, kind, buses,
      action('Create', async () => {
        const body = { name: name.value.trim(), role: role.value };
        if (kind.value === 'aws') body.kind = 'aws';
        const list = buses.value.split(',').map((b) => b.trim()).filter(Boolean);
        if (list.length) body.buses = list;
        const answer = await api.send('POST', 'api/v1/tokens', body);
        if (!answer.ok) { created.replaceChildren(problem(answer.error)); return; }
        created.replaceChildren(issued(answer.body));
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
      { label: 'Kind', field: 'kind', render: (t) => t.kind === 'aws' ? text('AWS key pair ' + t.accessKeyId) : 'bearer' },
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

// What was issued, shown this once: a bearer token, or a key pair as the lines an AWS SDK or CLI
// reads from the environment (the same lines `railyard tokens create --kind aws` prints)
function issued(token) {
  if (token.kind === 'aws') {
    return h('div', { class: 'notice' },
      h('p', {}, 'The key pair of ' + token.name + ', its secret shown this once; copy it now:'),
      h('pre', { dataset: { field: 'key-pair' } },
        'AWS_ACCESS_KEY_ID=' + token.accessKeyId + '\nAWS_SECRET_ACCESS_KEY=' + token.secretAccessKey));
  }
  return h('div', { class: 'notice' }, h('p', {}, 'The token of ' + token.name + ', shown this once; copy it now:'),
    h('pre', { dataset: { field: 'token' } }, token.token));
}
