// The rule editor: YAML in CodeMirror, checked by the server as it is typed (rules:validate), each
// problem marked at its line and column; a dry run shows what an apply would create, update or
// leave, and the lines changed, before anything is applied.
import * as api from '../api.js';
import { action, h, pill, problem, toast } from '../dom.js';
import { lineDiff, toYaml } from '../yaml.js';

const TEMPLATE = `apiVersion: railyard/v1
kind: Rule
metadata:
  name: paid-orders-to-file
spec:
  bus: default
  pattern:
    type: ["order.paid"]
  targets:
    - name: file
      config:
        connector.class: FileStreamSink
        file: paid.jsonl
`;

export async function render(view, params) {
  const mayEdit = api.allowed('POST', '/api/v1/rules:apply');
  const status = h('div', { 'aria-live': 'polite', dataset: { field: 'status' } });
  const diffBox = h('div');
  const host = h('div', { class: 'editor' });
  const picker = h('select', { 'aria-label': 'Load rules' });
  view.append(h('p', {}, h('a', { href: '#/rules' }, '‹ Rules')), h('h1', {}, 'Rule editor'),
    h('div', { class: 'toolbar' }, h('label', {}, 'Load ', picker)), host, status);
  const buttons = h('div', { class: 'buttons' });
  view.append(buttons, diffBox);

  const rules = await api.get('api/v1/rules');
  const all = rules.ok ? rules.body : [];
  picker.append(h('option', { value: '' }, 'A new rule (template)'), h('option', { value: '*' }, 'Every rule (' + all.length + ')'),
    ...all.map((r) => h('option', { value: r.name }, r.name + ' (bus ' + r.bus + ')')));
  let original = '';
  const load = (choice) => {
    if (choice === '*') original = all.map((r) => toYaml(r.document)).join('---\n');
    else if (choice) original = toYaml((all.find((r) => r.name === choice) || {}).document || {});
    else original = '';
    return original || TEMPLATE;
  };
  picker.value = params.rule && all.some((r) => r.name === params.rule) ? params.rule : '';

  let editor;
  let problems = [];
  let checked = null;
  if (!window.CodeMirror) {
    host.append(problem('The editor library did not load; showing a plain text area'));
    const area = h('textarea', { rows: 24 });
    host.append(area);
    editor = { getValue: () => area.value, setValue: (v) => { area.value = v; }, on: (e, f) => area.addEventListener('input', f), performLint() {} };
  } else {
    editor = window.CodeMirror(host, {
      value: '', mode: 'yaml', lineNumbers: true, tabSize: 2, indentWithTabs: false, readOnly: !mayEdit,
      gutters: ['CodeMirror-lint-markers'], screenReaderLabel: 'Rule YAML',
      extraKeys: { Tab: (cm) => cm.replaceSelection('  ') },
      lint: mayEdit ? { getAnnotations: lint, async: true, delay: 500 } : false,
    });
    window.railyardEditor = editor;
  }
  editor.setValue(load(picker.value));
  picker.addEventListener('change', () => { editor.setValue(load(picker.value)); diffBox.replaceChildren(); });
  editor.on('change', () => { checked = null; applyButton.disabled = true; });

  async function lint(text, update) {
    const answer = await api.send('POST', 'api/v1/rules:validate?file=rules.yaml', text, 'application/yaml');
    problems = [];
    if (answer.ok) {
      status.replaceChildren(h('span', { class: 'muted', dataset: { valid: 'true' } }, 'Valid: ' + (answer.body.rules || []).join(', ')));
    } else {
      const items = (answer.body && answer.body.error && answer.body.error.details && answer.body.error.details.items) || [];
      problems = items;
      status.replaceChildren(problem(answer.error, items.map((p) => 'line ' + p.line + ', column ' + p.column + (p.path ? ' (' + p.path + ')' : '') + ': ' + p.message).join('\n')));
    }
    const CM = window.CodeMirror;
    update(problems.map((p) => {
      const line = Math.max(0, (p.line || 1) - 1);
      const ch = Math.max(0, (p.column || 1) - 1);
      return { from: CM.Pos(line, ch), to: CM.Pos(line, ch + 1), message: (p.path ? p.path + ': ' : '') + p.message, severity: 'error' };
    }));
  }

  const dryRun = action('Dry run', async () => {
    const text = editor.getValue();
    const answer = await api.send('POST', 'api/v1/rules:apply?dryRun=true&file=rules.yaml', text, 'application/yaml');
    if (!answer.ok) { diffBox.replaceChildren(problem(answer.error)); editor.performLint && editor.performLint(); return; }
    checked = text;
    applyButton.disabled = false;
    diffBox.replaceChildren(h('section', { dataset: { field: 'diff' } }, h('h2', {}, 'What applying would do'),
      h('ul', {}, (answer.body.rules || []).map((r) => h('li', { dataset: { rule: r.name, action: r.action } }, pill(r.action), ' ', r.name))),
      original ? diffView(original, text) : h('p', { class: 'muted' }, 'A new file: every line is added.')));
  }, { id: 'dry-run' });
  const applyButton = action('Apply', async () => {
    const text = editor.getValue();
    if (text !== checked) { toast('Run the dry run again: the text changed', 'error'); return; }
    const answer = await api.send('POST', 'api/v1/rules:apply?file=rules.yaml', text, 'application/yaml');
    if (!answer.ok) { diffBox.replaceChildren(problem(answer.error)); return; }
    toast('Applied: ' + (answer.body.rules || []).map((r) => r.name + ' ' + r.action).join(', '), 'ok');
    original = text;
    diffBox.replaceChildren(h('p', { class: 'notice', dataset: { field: 'applied' } }, 'Applied. ', h('a', { href: '#/rules' }, 'See the rules and their figures')));
  }, { class: 'primary', id: 'apply', disabled: true });
  if (mayEdit) buttons.append(dryRun, applyButton);
  else status.replaceChildren(h('p', { class: 'notice' }, 'Your role may read rules but not change them.'));
  return { dispose() { delete window.railyardEditor; } };
}

function diffView(before, after) {
  const lines = lineDiff(before.trimEnd(), after.trimEnd());
  if (lines.every(([mark]) => mark === ' ')) return h('p', { class: 'muted' }, 'No line changed.');
  return h('div', { class: 'diff card', 'aria-label': 'Changed lines' },
    lines.filter(([mark], i) => mark !== ' ' || near(lines, i)).map(([mark, line]) => h('div', { class: mark === '+' ? 'add' : mark === '-' ? 'del' : '' }, mark + ' ' + line)));
}

function near(lines, i) {
  for (let d = -2; d <= 2; d++) if (lines[i + d] && lines[i + d][0] !== ' ') return true;
  return false;
}
