// Plugins: what is installed (classes and versions), upload with progress, install from Maven
// coordinates, the workers' rolling restart that loads a new plugin, and delete (refused while a
// connector uses it, saying which).
import * as api from '../api.js';
import { action, confirmed, h, pill, problem, section, table, text, toast, when } from '../dom.js';

export async function render(view) {
  const listBox = h('div');
  const rolloutBox = h('div', { dataset: { field: 'rollout' } });
  const installBox = h('div');
  view.append(h('h1', {}, 'Plugins'), installBox, section('Rolling restart of the workers', rolloutBox), section('Installed', listBox));
  const mayInstall = api.allowed('POST', '/api/v1/plugins');
  if (mayInstall) installBox.append(installForms(() => refresh()));

  async function refresh() {
    const [plugins, workers] = await Promise.all([api.get('api/v1/plugins'), api.get('api/v1/workers')]);
    if (plugins.ok) {
      const rows = [];
      for (const p of plugins.body.plugins || plugins.body) {
        for (const v of p.versions) rows.push({ name: p.name, version: v });
      }
      listBox.replaceChildren(table([
        { label: 'Plugin', field: 'name' },
        { label: 'Version', field: 'version', render: (r) => text(r.version.version) },
        { label: 'Classes', field: 'classes', render: (r) => h('ul', {}, r.version.classes.map((c) => h('li', {}, c.className || c.class, ' ', h('span', { class: 'muted' }, (c.type || '') + ' ' + (c.version || ''))))) },
        { label: 'Archive', field: 'archive', render: (r) => text(r.version.archiveType + ', ' + Math.round((r.version.archiveBytes || 0) / 1024) + ' KiB') },
        { label: 'Installed', field: 'installedAt', render: (r) => when(r.version.installedAt) },
        { label: '', field: 'actions', render: (r) => api.allowed('DELETE', '/api/v1/plugins/x') ? action('Delete', async () => {
          if (!(await confirmed('Delete ' + r.name + ' ' + r.version.version + '?', 'Delete'))) return;
          const deleted = await api.send('DELETE', 'api/v1/plugins/' + api.seg(r.name) + '?version=' + api.seg(r.version.version));
          if (deleted.ok) toast('Deleted ' + r.name + ' ' + r.version.version, 'ok'); else toast(deleted.error, 'error');
          refresh();
        }, { class: 'danger' }) : '' },
      ], rows, (r) => r.name + '@' + r.version.version, 'No plugins uploaded yet; the built-in connectors are always there'));
    } else listBox.replaceChildren(problem('The plugins could not be listed', plugins.error));
    if (workers.ok) {
      const r = workers.body.rollout;
      rolloutBox.replaceChildren(r ? h('div', {},
        h('p', {}, pill(r.state), ' ', text(r.reason), ' · ', r.replaced + ' of ' + r.total + ' workers replaced', r.message ? ' · ' + r.message : ''),
        h('div', { class: 'progress', role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': String(r.total), 'aria-valuenow': String(r.replaced) },
          h('div', { style: null, dataset: {} })),
        h('p', { class: 'muted' }, 'Started ' + when(r.startedAt) + (r.finishedAt ? ', finished ' + when(r.finishedAt) : ''))) : h('p', { class: 'muted' }, 'No rolling restart since Railyard started.'));
      const bar = rolloutBox.querySelector('.progress > div');
      if (bar && r) bar.style.width = (r.total ? Math.round(100 * r.replaced / r.total) : 0) + '%';
    } else rolloutBox.replaceChildren(problem('The workers could not be read', workers.error));
  }
  await refresh();
  return { refresh, every: 3000 };
}

function installForms(done) {
  const coordinates = h('input', { type: 'text', id: 'maven', name: 'maven', placeholder: 'group:artifact:version', size: 48 });
  const mavenName = h('input', { type: 'text', name: 'maven-name', placeholder: 'name (optional)', 'aria-label': 'Plugin name' });
  const file = h('input', { type: 'file', name: 'file', accept: '.jar,.zip,.tgz,.tar.gz', 'aria-label': 'Plugin archive' });
  const progress = h('progress', { max: 100, value: 0, hidden: true, 'aria-label': 'Upload' });
  const result = h('div');
  const report = (answer) => {
    if (answer.ok) {
      toast('Installed ' + answer.body.name + ' ' + answer.body.version + (answer.body.alreadyPresent ? ' (already there)' : '; the workers restart one by one to load it'), 'ok');
      result.replaceChildren();
      done();
    } else result.replaceChildren(problem(answer.error));
  };
  return h('div', { class: 'split' },
    h('div', { class: 'card' }, h('h2', {}, 'Install from Maven'),
      h('p', { class: 'muted' }, 'Railyard fetches the artifact and its runtime dependencies from the configured repositories.'),
      h('label', { for: 'maven' }, 'Coordinates'), h('div', { class: 'toolbar' }, coordinates, mavenName),
      action('Install', async () => report(await api.send('POST', 'api/v1/plugins', { maven: coordinates.value.trim(), ...(mavenName.value.trim() ? { name: mavenName.value.trim() } : {}) })), { class: 'primary', id: 'install-maven' })),
    h('div', { class: 'card' }, h('h2', {}, 'Upload an archive'),
      h('p', { class: 'muted' }, 'A .jar, .zip or .tar.gz of a Kafka Connect plugin.'), file, progress,
      action('Upload', () => upload(file, progress).then(report), { class: 'primary' })),
    result);
}

// fetch cannot report upload progress; XMLHttpRequest can
function upload(file, progress) {
  return new Promise((resolve) => {
    if (!file.files.length) { resolve({ ok: false, error: 'Choose a file first' }); return; }
    const data = new FormData();
    data.append('file', file.files[0]);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', 'api/v1/plugins');
    const who = api.who();
    if (who && who.csrf) xhr.setRequestHeader(who.csrfHeader || 'X-Railyard-CSRF', who.csrf);
    xhr.setRequestHeader('Accept', 'application/json');
    progress.hidden = false;
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) progress.value = Math.round(100 * e.loaded / e.total); };
    xhr.onload = () => {
      progress.hidden = true;
      let body = null;
      try { body = JSON.parse(xhr.responseText); } catch (e) { body = null; }
      const ok = xhr.status >= 200 && xhr.status < 300;
      resolve({ ok, status: xhr.status, body, error: ok ? null : (body && body.error ? body.error.message : 'HTTP ' + xhr.status) });
    };
    xhr.onerror = () => { progress.hidden = true; resolve({ ok: false, error: 'The upload did not reach Railyard' }); };
    xhr.send(data);
  });
}
