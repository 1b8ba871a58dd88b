// Create or edit a connector through a form built from its plugin's ConfigDef, as Connect's
// validate endpoint describes it (groups, order, importance, docs, defaults, recommended values,
// secret fields). Each change is validated on the server while the form is filled in, so a key's
// error shows at the key before anything is submitted. A raw JSON view edits the same config.
import * as api from '../api.js';
import { action, h, problem, toast } from '../dom.js';

const DEBOUNCE_MS = 400;

export async function render(view, params) {
  const editing = params.name || null;
  const values = {};
  const touched = new Set();
  let form = null;
  let timer = null;
  let asked = 0;

  const title = h('h1', {}, editing ? 'Edit ' + editing : 'New connector');
  const top = h('div', { class: 'card' });
  const status = h('div', { 'aria-live': 'polite' });
  const fields = h('div', { class: 'fields' });
  const raw = h('textarea', { rows: 14, 'aria-label': 'Config as JSON', dataset: { field: 'raw' } });
  const rawBox = h('details', { class: 'card' }, h('summary', {}, 'Raw JSON'), raw,
    h('div', { class: 'buttons' }, h('button', { type: 'button', onclick: fromRaw }, 'Use this JSON')));
  const submit = action(editing ? 'Save' : 'Create', save, { class: 'primary', id: 'submit' });
  view.append(h('p', {}, h('a', { href: editing ? '#/connectors/' + encodeURIComponent(editing) : '#/connectors' }, '‹ Back')),
    title, top, status, fields, rawBox, h('div', { class: 'buttons' }, submit));

  const nameInput = h('input', { type: 'text', id: 'connector-name', name: 'name', required: true, autocomplete: 'off', placeholder: 'e.g. orders-to-s3' });
  const classSelect = h('select', { id: 'connector-class', name: 'connector.class' });

  if (editing) {
    const current = await api.get('api/v1/connectors/' + api.seg(editing));
    if (!current.ok) { top.replaceChildren(problem('The connector could not be read', current.error)); return; }
    Object.assign(values, current.body.config);
    top.replaceChildren(h('dl', { class: 'kv' }, h('dt', {}, 'Name'), h('dd', {}, editing), h('dt', {}, 'Class'), h('dd', {}, values['connector.class'])));
  } else {
    const plugins = await api.get('connect/connector-plugins');
    const classes = plugins.ok ? plugins.body : [];
    classSelect.append(h('option', { value: '' }, 'Choose a plugin…'),
      ...classes.map((p) => h('option', { value: p.class }, p.class.replace(/^.*\./, '') + ' (' + p.type + ', ' + p.version + ')')));
    top.replaceChildren(
      h('div', { class: 'field' }, h('label', { for: 'connector-name' }, 'Name', h('span', { class: 'meta' }, 'required · unique')), nameInput),
      h('div', { class: 'field' }, h('label', { for: 'connector-class' }, 'Plugin', h('span', { class: 'meta' }, 'connector.class')), classSelect),
      plugins.ok ? '' : problem('The installed plugins could not be listed', plugins.error));
    nameInput.addEventListener('input', () => { values.name = nameInput.value.trim(); touched.add('name'); schedule(); });
    classSelect.addEventListener('change', () => {
      for (const key of Object.keys(values)) if (key !== 'name') delete values[key];
      touched.clear();
      if (nameInput.value.trim()) { values.name = nameInput.value.trim(); touched.add('name'); }
      if (classSelect.value) { values['connector.class'] = classSelect.value; validate(); } else fields.replaceChildren();
    });
  }
  if (!api.allowed('PUT', '/api/v1/connectors/x')) {
    submit.remove();
    status.replaceChildren(h('p', { class: 'notice' }, 'Your role may read connectors but not change them.'));
  }
  if (editing) await validate();

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(validate, DEBOUNCE_MS);
  }

  function configToSend() {
    const config = {};
    for (const [key, value] of Object.entries(values)) if (value !== '' && value !== null && value !== undefined) config[key] = value;
    return config;
  }

  async function validate() {
    if (!values['connector.class'] || !api.allowed('POST', '/api/v1/connectors:validate')) return;
    const mine = ++asked;
    status.replaceChildren(h('span', { class: 'muted' }, 'Checking with the plugin…'));
    const answer = await api.send('POST', 'api/v1/connectors:validate' + (editing ? '?name=' + api.seg(editing) : ''), configToSend());
    if (mine !== asked) return;
    if (!answer.ok) {
      const details = answer.body && answer.body.error && answer.body.error.details;
      status.replaceChildren(problem(answer.error, details && details.field ? 'At ' + details.field : null));
      return;
    }
    form = answer.body;
    draw();
    const shown = form.configs.filter((c) => touched.has(c.name) && c.errors.length).length;
    status.replaceChildren(h('span', { class: 'muted', dataset: { field: 'errorCount' } },
      form.errorCount ? form.errorCount + ' problem(s) in the config' + (shown ? '' : ' (shown as you fill the fields in)') : 'The plugin accepts this config'));
  }

  function draw() {
    raw.value = JSON.stringify(configToSend(), null, 2);
    const focused = document.activeElement && document.activeElement.name;
    const groups = new Map();
    for (const key of form.configs) {
      if (key.name === 'connector.class' || key.name === 'name') continue;
      if (!groups.has(key.group)) groups.set(key.group, []);
      groups.get(key.group).push(key);
    }
    const existing = new Map([...fields.querySelectorAll('.field[data-key]')].map((f) => [f.dataset.key, f]));
    const nodes = [];
    for (const [group, keys] of groups) {
      keys.sort((a, b) => rank(a) - rank(b) || a.orderInGroup - b.orderInGroup || a.name.localeCompare(b.name));
      const open = group === form.groups[0] || keys.some((k) => k.required || (touched.has(k.name) && k.errors.length) || values[k.name] !== undefined);
      nodes.push(h('details', { class: 'group card', open, dataset: { group } }, h('summary', {}, group + ' (' + keys.length + ')'),
        keys.map((key) => field(key, existing.get(key.name)))));
    }
    fields.replaceChildren(...nodes);
    if (focused) { const again = fields.querySelector('[name="' + CSS.escape(focused) + '"]'); if (again) again.focus(); }
  }

  function field(key, old) {
    const id = 'f-' + key.name.replace(/[^A-Za-z0-9_-]/g, '_');
    const showErrors = touched.has(key.name) && key.errors.length > 0;
    let input = old && old.querySelector('input, select');
    if (!input || input.dataset.kind !== kind(key)) input = makeInput(key, id);
    const value = values[key.name] !== undefined ? values[key.name] : '';
    if (document.activeElement !== input) input.value = value;
    let list = null;
    if (input.tagName === 'INPUT' && key.recommendedValues.length) {
      list = h('datalist', { id: id + '-list' }, key.recommendedValues.map((v) => h('option', { value: v })));
      input.setAttribute('list', id + '-list');
    }
    input.setAttribute('aria-invalid', String(showErrors));
    const errors = h('div', { class: 'errors', id: id + '-errors', role: showErrors ? 'alert' : null }, showErrors ? key.errors.join('; ') : '');
    input.setAttribute('aria-describedby', id + '-errors ' + id + '-doc');
    const meta = [key.importance.toLowerCase(), key.type.toLowerCase(), key.required ? 'required' : null,
      key.default !== null && key.default !== '' ? 'default ' + key.default : null].filter(Boolean).join(' · ');
    return h('div', { class: 'field' + (showErrors ? ' invalid' : ''), dataset: { key: key.name }, hidden: !key.visible },
      h('label', { for: id }, key.displayName || key.name, h('span', { class: 'meta' }, key.name + ' · ' + meta)),
      h('div', {}, input, list),
      h('div', { class: 'doc', id: id + '-doc' }, key.documentation),
      errors);
  }

  function makeInput(key, id) {
    const k = kind(key);
    let input;
    if (k === 'boolean') {
      input = h('select', { id, name: key.name }, h('option', { value: '' }, 'default (' + (key.default ?? 'none') + ')'), h('option', { value: 'true' }, 'true'), h('option', { value: 'false' }, 'false'));
    } else if (k === 'choice') {
      input = h('select', { id, name: key.name }, h('option', { value: '' }, key.default ? 'default (' + key.default + ')' : '—'), key.recommendedValues.map((v) => h('option', { value: v }, v)));
    } else {
      input = h('input', { id, name: key.name, type: k === 'secret' ? 'password' : 'text', autocomplete: k === 'secret' ? 'new-password' : 'off',
        placeholder: key.default !== null && key.default !== '' ? key.default : '', inputmode: k === 'number' ? 'numeric' : null });
    }
    input.dataset.kind = k;
    const changed = () => {
      values[key.name] = input.value;
      if (input.value === '') delete values[key.name];
      touched.add(key.name);
      schedule();
    };
    input.addEventListener(input.tagName === 'SELECT' ? 'change' : 'input', changed);
    input.addEventListener('blur', () => { if (!touched.has(key.name)) { touched.add(key.name); validate(); } });
    return input;
  }

  function fromRaw() {
    let parsed;
    try { parsed = JSON.parse(raw.value); } catch (e) { toast('Not JSON: ' + e.message, 'error'); return; }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) { toast('The config is a JSON object of keys and values', 'error'); return; }
    for (const key of Object.keys(values)) delete values[key];
    for (const [key, value] of Object.entries(parsed)) { values[key] = String(value); touched.add(key); }
    if (!editing) { nameInput.value = values.name || ''; classSelect.value = values['connector.class'] || ''; }
    validate();
  }

  async function save() {
    const name = editing || nameInput.value.trim();
    if (!name) { toast('Give the connector a name', 'error'); nameInput.focus(); return; }
    values.name = name;
    const answer = await api.send('PUT', 'api/v1/connectors/' + api.seg(name), { config: configToSend() });
    if (answer.ok) {
      toast((answer.status === 201 ? 'Created ' : 'Saved ') + name, 'ok');
      window.location.hash = '#/connectors/' + encodeURIComponent(name);
      return;
    }
    const errors = answer.body && answer.body.error && answer.body.error.details && answer.body.error.details.errors;
    if (errors) Object.keys(errors).forEach((k) => touched.add(k));
    status.replaceChildren(problem(answer.error));
    await validate();
    const first = fields.querySelector('.field.invalid input, .field.invalid select');
    if (first) first.focus();
  }

  return { dispose() { clearTimeout(timer); } };
}

const IMPORTANCE = { HIGH: 0, MEDIUM: 1, LOW: 2 };

function rank(key) {
  return (key.required ? 0 : 1) * 10 + (IMPORTANCE[key.importance] ?? 3);
}

function kind(key) {
  if (key.secret || key.type === 'PASSWORD') return 'secret';
  if (key.type === 'BOOLEAN') return 'boolean';
  if (key.recommendedValues.length && key.type !== 'LIST' && key.recommendedValues.length <= 30) return 'choice';
  if (['INT', 'SHORT', 'LONG', 'DOUBLE'].includes(key.type)) return 'number';
  return 'text';
}
