// JSON to YAML for showing stored rule documents in the editor, and a line diff for the dry run.
// Strings that YAML would read as something else are quoted.

const PLAIN = /^[A-Za-z_/][A-Za-z0-9_ ./:@-]*$/;
const SPECIAL = /^(true|false|null|yes|no|on|off|~|-?\d.*)$/i;

function scalar(value) {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const s = String(value);
  if (PLAIN.test(s) && !SPECIAL.test(s) && !s.endsWith(' ') && !s.includes(': ') && !s.includes(' #')) return s;
  return JSON.stringify(s);
}

function emptyCollection(value) {
  return Array.isArray(value) ? value.length === 0 : value && typeof value === 'object' && Object.keys(value).length === 0;
}

export function toYaml(value, indent = '') {
  if (Array.isArray(value)) {
    if (!value.length) return indent + '[]\n';
    return value.map((item) => {
      if (item && typeof item === 'object' && !emptyCollection(item)) {
        const inner = toYaml(item, indent + '  ');
        return indent + '- ' + inner.slice(indent.length + 2);
      }
      return indent + '- ' + (emptyCollection(item) ? (Array.isArray(item) ? '[]' : '{}') : scalar(item)) + '\n';
    }).join('');
  }
  if (value && typeof value === 'object') {
    return Object.entries(value).map(([key, v]) => {
      const k = scalar(key);
      if (v && typeof v === 'object' && !emptyCollection(v)) return indent + k + ':\n' + toYaml(v, indent + '  ');
      return indent + k + ': ' + (emptyCollection(v) ? (Array.isArray(v) ? '[]' : '{}') : scalar(v)) + '\n';
    }).join('');
  }
  return indent + scalar(value) + '\n';
}

/** Lines of a and b, each marked ' ', '-' or '+' (longest common subsequence). */
export function lineDiff(a, b) {
  const x = a.split('\n');
  const y = b.split('\n');
  const n = x.length;
  const m = y.length;
  if (n * m > 4000000) return [...x.map((l) => ['-', l]), ...y.map((l) => ['+', l])];
  const lcs = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i][j] = x[i] === y[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const out = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (x[i] === y[j]) { out.push([' ', x[i]]); i++; j++; } else if (lcs[i + 1][j] >= lcs[i][j + 1]) out.push(['-', x[i++]]); else out.push(['+', y[j++]]);
  }
  while (i < n) out.push(['-', x[i++]]);
  while (j < m) out.push(['+', y[j++]]);
  return out;
}
