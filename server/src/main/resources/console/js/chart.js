// Message-rate charts with uPlot (loaded from its WebJar as the global uPlot).
import { h } from './dom.js';

/** Rates per second from a counter's samples (newest first, as the API gives them). */
export function ratesOf(details) {
  const s = (details && details.samples ? details.samples : []).slice().reverse();
  const out = [];
  for (let i = 1; i < s.length; i++) {
    const dt = (s[i].timestamp - s[i - 1].timestamp) / 1000;
    out.push([s[i].timestamp / 1000, dt > 0 ? Math.max(0, s[i].sample - s[i - 1].sample) / dt : 0]);
  }
  return out;
}

/** A chart of several rate series, [label, color, [[t, v]...]]; update() redraws it with new data. */
export function rateChart(title) {
  const el = h('div', { class: 'chart', role: 'img', 'aria-label': title });
  let plot = null;
  return {
    el,
    update(series) {
      if (!window.uPlot || !series.length) return;
      const xs = series[0][2].map(([t]) => t);
      const data = [xs, ...series.map(([, , points]) => xs.map((_, i) => (points[i] ? points[i][1] : null)))];
      const width = Math.max(280, el.clientWidth || 600);
      if (!plot) {
        plot = new window.uPlot({
          title, width, height: 240,
          series: [{}, ...series.map(([label, stroke]) => ({ label, stroke, width: 2, value: (u, v) => (v === null ? '–' : `${v.toFixed(1)}/s`) }))],
          axes: [{}, { label: 'msg/s' }],
        }, data, el);
      } else {
        if (Math.abs(plot.width - width) > 20) plot.setSize({ width, height: 240 });
        plot.setData(data);
      }
    },
    dispose() {
      if (plot) plot.destroy();
    },
  };
}
