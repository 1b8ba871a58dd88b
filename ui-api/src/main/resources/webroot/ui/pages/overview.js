// Overview: health per component, events in and out per bus per second, lag per target, and the
// workers and tasks over time with the autoscaler's decisions marked on the charts. Polls every 5 s.
import * as api from '../api.js';
import { h, number, pill, problem, section, table, text } from '../dom.js';
import { Series, counters, lineChart, rates } from '../chart.js';

export async function render(view) {
  const healthBox = h('div');
  const tiles = h('div', { class: 'tiles' });
  const charts = h('div', { class: 'grid' });
  const lagBox = h('div');
  const missing = h('div');
  view.append(h('h1', {}, 'Overview'), missing, tiles, section('Health', healthBox), charts, section('Lag per target', lagBox));

  const flowBox = h('div', { class: 'card chart', dataset: { chart: 'events' } });
  const scaleBox = h('div', { class: 'card chart', dataset: { chart: 'scaling' } });
  const lagChartBox = h('div', { class: 'card chart', dataset: { chart: 'lag' } });
  charts.append(flowBox, scaleBox, lagChartBox);

  let decisions = [];
  const marks = () => decisions.filter((d) => d.outcome !== 'held').map((d) => ({ at: Date.parse(d.at), label: d.reason }));
  let flow = null;
  let flowSeries = null;
  const scaleSeries = new Series(['workers', 'desired workers', 'tasks']);
  const scaleChart = lineChart(scaleBox, 'Workers and tasks (dashed: scaling decisions)', scaleSeries.names, marks);
  let lagSeries = null;
  let lagChart = null;
  let before = null;

  async function refresh() {
    const now = Date.now();
    const [health, rules, scaling, metrics, recent] = await Promise.all([
      api.get('health'), api.get('api/v1/rules'), api.get('api/v1/autoscale'), api.get('metrics'),
      api.get('api/v1/autoscale/decisions'),
    ]);
    const gaps = [];
    healthBox.replaceChildren(health.body && health.body.components
      ? table([
        { label: 'Component', field: 'name' },
        { label: 'Status', field: 'status', render: (r) => pill(r.status) },
        { label: 'Detail', field: 'detail', render: (r) => text(r.warning ? r.detail + ' — ' + r.warning : r.detail) },
      ], Object.entries(health.body.components).map(([name, c]) => Object.assign({ name }, c)), (r) => r.name)
      : problem('Health could not be read', health.error));

    const targets = [];
    if (rules.ok) {
      for (const rule of rules.body) {
        for (const t of rule.targets) targets.push({ rule: rule.name, bus: rule.bus, target: t.name, stats: t.stats || {} });
      }
    } else gaps.push('rules: ' + rules.error);
    const outByBus = {};
    targets.forEach((t) => { outByBus[t.bus] = (outByBus[t.bus] || 0) + (t.stats.delivered || 0); });
    let inByBus = {};
    if (metrics.ok) inByBus = counters(metrics.body, 'railyard_events_written_total', 'bus');
    else gaps.push('metrics: ' + metrics.error);
    const reading = { at: now, inByBus, outByBus };
    const seconds = before ? (now - before.at) / 1000 : 0;
    const inRates = rates(before && before.inByBus, inByBus, seconds);
    const outRates = rates(before && before.outByBus, outByBus, seconds);
    const buses = [...new Set([...Object.keys(inByBus), ...Object.keys(outByBus)])].sort();
    if (buses.length && (!flowSeries || buses.some((b) => !flowSeries.names.includes(b + ' in')))) {
      if (flow) flow.dispose();
      flowBox.replaceChildren();
      flowSeries = new Series(buses.flatMap((b) => [b + ' in', b + ' out']));
      flow = lineChart(flowBox, 'Events per second, per bus (in: put; out: delivered)', flowSeries.names, marks);
      flowBox.append(h('p', { class: 'muted', dataset: { field: 'collecting' } }, 'Rates show from the next reading, in 5 s.'));
    }
    if (flowSeries && before) {
      const values = {};
      buses.forEach((b) => { values[b + ' in'] = inRates[b] || 0; values[b + ' out'] = outRates[b] || 0; });
      flowSeries.add(now, values);
      flow.update(flowSeries);
      const note = flowBox.querySelector('[data-field=collecting]');
      if (note) note.remove();
    }
    if (!buses.length) flowBox.replaceChildren(h('p', { class: 'muted' }, 'No events yet: put some with POST /api/v1/events.'));
    before = reading;

    const top = targets.slice().sort((a, b) => (b.stats.lag || 0) - (a.stats.lag || 0)).slice(0, 6);
    const lagNames = top.map((t) => t.rule + '/' + t.target);
    if (lagNames.length && (!lagSeries || lagNames.some((n) => !lagSeries.names.includes(n)))) {
      if (lagChart) lagChart.dispose();
      lagChartBox.replaceChildren();
      lagSeries = new Series(lagNames);
      lagChart = lineChart(lagChartBox, 'Lag (records) of the most lagging targets', lagNames, marks);
    }
    if (lagSeries) {
      const values = {};
      top.forEach((t) => { values[t.rule + '/' + t.target] = t.stats.lag || 0; });
      lagSeries.add(now, values);
      lagChart.update(lagSeries);
    } else lagChartBox.replaceChildren(h('p', { class: 'muted' }, 'No rule targets yet.'));
    lagBox.replaceChildren(table([
      { label: 'Rule', field: 'rule', render: (r) => h('a', { href: '#/rules?q=' + encodeURIComponent(r.rule) }, r.rule) },
      { label: 'Bus', field: 'bus' },
      { label: 'Target', field: 'target' },
      { label: 'Delivered', field: 'delivered', num: true, render: (r) => number(r.stats.delivered) },
      { label: 'Lag', field: 'lag', num: true, render: (r) => number(r.stats.lag) },
      { label: 'Dead letters', field: 'deadLettered', num: true, render: (r) => number(r.stats.deadLettered) },
    ], targets, (r) => r.rule + '/' + r.target, 'No rule targets yet'));

    if (recent.ok) decisions = recent.body.decisions || [];
    if (scaling.ok) {
      const s = scaling.body;
      const tasks = (s.connectors || []).reduce((sum, c) => sum + (c.tasks || 0), 0);
      scaleSeries.add(now, { workers: s.workers.running, 'desired workers': s.workers.desired, tasks });
      scaleChart.update(scaleSeries);
      tiles.replaceChildren(
        tile('Workers', s.workers.running + (s.workers.desired !== s.workers.running ? ' → ' + s.workers.desired : ''), 'workers'),
        tile('Tasks (scaled connectors)', tasks, 'tasks'),
        tile('Buses', buses.length, 'buses'),
        tile('Rule targets', targets.length, 'targets'));
    } else gaps.push('autoscaler: ' + scaling.error);
    missing.replaceChildren(gaps.length ? problem('Some figures could not be read; showing what is known', gaps.join('\n')) : '');
  }

  await refresh();
  return {
    refresh,
    every: 5000,
    dispose() { scaleChart.dispose && scaleChart.dispose(); flow && flow.dispose(); lagChart && lagChart.dispose(); },
  };
}

function tile(label, value, field) {
  return h('div', { class: 'tile', dataset: { field } }, h('div', { class: 'value' }, text(value)), h('div', { class: 'label' }, label));
}
