// Time series kept in the browser for as long as a page is open, drawn with uPlot. Scaling
// decisions can be drawn as dashed vertical marks with their reason in the legend's title.

const KEEP = 360; // samples: 30 minutes at one per 5 s

export class Series {
  constructor(names) {
    this.names = names;
    this.times = [];
    this.values = names.map(() => []);
  }

  add(at, values) {
    this.times.push(at / 1000);
    this.names.forEach((name, i) => this.values[i].push(values[name] ?? null));
    if (this.times.length > KEEP) {
      this.times.shift();
      this.values.forEach((v) => v.shift());
    }
  }

  data() {
    return [this.times, ...this.values];
  }
}

const COLORS = ['#1f5fbf', '#17803d', '#b42318', '#8a5a00', '#6b3fa0', '#0e7490', '#9d174d', '#4d7c0f'];

/** A line chart in {@code container}; {@code marks()} gives [{at (ms), label}] to draw. */
export function lineChart(container, title, names, marks) {
  if (!window.uPlot) {
    container.textContent = 'The chart library did not load.';
    return { update() {} };
  }
  // the card's padding is inside clientWidth
  const width = () => Math.max(240, container.clientWidth - 32);
  const options = {
    title,
    width: width(),
    height: 190,
    // at least the last five minutes, so that the first samples do not stretch over years
    scales: { x: { time: true, auto: false }, y: { range: (u, min, max) => [0, Math.max(1, max ?? 1)] } },
    series: [{}, ...names.map((name, i) => ({ label: name, stroke: COLORS[i % COLORS.length], width: 2, spanGaps: true }))],
    axes: [{}, { size: 56 }],
    hooks: {
      draw: [
        (u) => {
          const ctx = u.ctx;
          ctx.save();
          ctx.strokeStyle = '#8a5a00';
          ctx.setLineDash([4, 4]);
          for (const mark of (marks ? marks() : [])) {
            const x = u.valToPos(mark.at / 1000, 'x', true);
            if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) continue;
            ctx.beginPath();
            ctx.moveTo(x, u.bbox.top);
            ctx.lineTo(x, u.bbox.top + u.bbox.height);
            ctx.stroke();
          }
          ctx.restore();
        },
      ],
    },
  };
  let plot = null;
  const resize = () => plot && plot.setSize({ width: width(), height: 190 });
  window.addEventListener('resize', resize);
  return {
    update(series) {
      const data = series.data();
      if (!plot) plot = new window.uPlot(options, data, container);
      else plot.setData(data);
      // at least the last five minutes, so that the first samples do not stretch over years
      const times = data[0];
      const max = times.length ? times[times.length - 1] : Date.now() / 1000;
      plot.setScale('x', { min: Math.min(times.length ? times[0] : max, max - 300), max });
    },
    dispose() { window.removeEventListener('resize', resize); if (plot) plot.destroy(); },
  };
}

/** The samples of one Prometheus counter, by the value of one label. */
export function counters(metricsText, name, label) {
  const totals = {};
  const pattern = new RegExp('^' + name + '\\{([^}]*)\\}\\s+([0-9.eE+-]+)');
  for (const line of metricsText.split('\n')) {
    const m = line.match(pattern);
    if (!m) continue;
    const labels = Object.fromEntries([...m[1].matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((x) => [x[1], x[2]]));
    const key = labels[label];
    if (key !== undefined) totals[key] = (totals[key] || 0) + Number(m[2]);
  }
  return totals;
}

/** Per-second rates between two readings of counters. */
export function rates(before, after, seconds) {
  const out = {};
  if (!before || seconds <= 0) return out;
  for (const [key, value] of Object.entries(after)) {
    out[key] = Math.max(0, (value - (before[key] || 0)) / seconds);
  }
  return out;
}
