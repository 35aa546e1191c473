import type { ChartData } from '../analysis/chart-data.js';
import { escapeHtml } from '../render/html.js';
import { formatCount } from '../text/count.js';

// The week's chart (ChartData, the numbers every target draws) as an inline SVG: lines over the days for
// topic momentum, grouped bars for communities today against their average. Accessible: role="img" with
// the title and the chart's own alt text, a figcaption with the notes, and the numbers as a table for a
// screen reader or a reader who wants them. Colours come from /style.css (classes s0…s5, light and dark):
// the CSP allows no inline style, and SVG presentation attributes need none.

const WIDTH = 720;
const HEIGHT = 360;
const PAD = { left: 64, right: 16, top: 36, bottom: 64 };

export function chartFigure(chart: ChartData): string {
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const max = niceMax(Math.max(0, ...chart.series.flatMap((s) => s.values)));
  const y = (v: number) => PAD.top + plotH - (max === 0 ? 0 : (v / max) * plotH);
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * max);
  const n = chart.categories.length;
  const parts: string[] = [];
  for (const t of ticks) {
    parts.push(`<line class="grid" x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${r(y(t))}" y2="${r(y(t))}"/>`);
    parts.push(`<text class="tick" x="${PAD.left - 6}" y="${r(y(t) + 4)}" text-anchor="end">${escapeHtml(formatCount(Math.round(t * 10) / 10, { decimals: max < 10 ? 1 : 0 }))}</text>`);
  }
  const slot = plotW / Math.max(1, n);
  chart.categories.forEach((category, i) => {
    const x = PAD.left + slot * (i + 0.5);
    parts.push(`<text class="tick" x="${r(x)}" y="${HEIGHT - PAD.bottom + 18}" text-anchor="middle">${escapeHtml(short(category))}</text>`);
  });
  if (chart.kind === 'topic-momentum') {
    chart.series.forEach((series, s) => {
      const points = series.values.map((v, i) => `${r(PAD.left + slot * (i + 0.5))},${r(y(v))}`);
      parts.push(`<polyline class="line s${s % 6}${series.rising ? ' rising' : ''}" fill="none" points="${points.join(' ')}"><title>${escapeHtml(series.name)}</title></polyline>`);
      series.values.forEach((v, i) => parts.push(`<circle class="dot s${s % 6}" cx="${r(PAD.left + slot * (i + 0.5))}" cy="${r(y(v))}" r="3"><title>${escapeHtml(`${series.name}, ${chart.categories[i] ?? ''}: ${formatCount(v, { decimals: 1 })}`)}</title></circle>`));
    });
  } else {
    const groups = chart.series.length;
    const barW = (slot * 0.8) / Math.max(1, groups);
    chart.series.forEach((series, s) => {
      series.values.forEach((v, i) => {
        const x = PAD.left + slot * i + slot * 0.1 + barW * s;
        parts.push(`<rect class="bar s${s % 6}" x="${r(x)}" y="${r(y(v))}" width="${r(Math.max(1, barW - 2))}" height="${r(PAD.top + plotH - y(v))}"><title>${escapeHtml(`${series.name}, ${chart.categories[i] ?? ''}: ${formatCount(v, { decimals: 1 })}`)}</title></rect>`);
      });
    });
  }
  parts.push(`<line class="axis" x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${PAD.top + plotH}" y2="${PAD.top + plotH}"/>`);
  parts.push(`<text class="label" x="${PAD.left + plotW / 2}" y="${HEIGHT - 8}" text-anchor="middle">${escapeHtml(chart.xLabel)}</text>`);
  // The y axis's name above it, level: a rotated one collides with the ticks on a phone.
  parts.push(`<text class="label" x="4" y="18">${escapeHtml(chart.yLabel)}</text>`);
  const legend = chart.series
    .map((series, s) => `<li><span class="swatch s${s % 6}" aria-hidden="true"></span>${escapeHtml(series.name)}${series.rising ? ' <strong class="rising">▲ rising</strong>' : ''}</li>`)
    .join('');
  const svg = `<svg class="chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="chart-title chart-desc" xmlns="http://www.w3.org/2000/svg"><title id="chart-title">${escapeHtml(chart.title)}</title><desc id="chart-desc">${escapeHtml(chart.altText)}</desc>${parts.join('')}</svg>`;
  // The alt text usually says the notes already: each is added only when it does not.
  const notes = chart.notes.filter((note) => !chart.altText.includes(note)).map((note) => `<br><em>${escapeHtml(note)}</em>`).join('');
  return `<figure class="chart" id="chart">
<h2>${escapeHtml(chart.title)}</h2>
${svg}
<ul class="legend">${legend}</ul>
<figcaption>${escapeHtml(chart.altText)}${notes}</figcaption>
<details><summary>The chart's numbers</summary>${numbersTable(chart)}</details>
</figure>`;
}

function numbersTable(chart: ChartData): string {
  const head = `<tr><th scope="col">${escapeHtml(chart.kind === 'topic-momentum' ? 'Topic' : 'Series')}</th>${chart.categories.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('')}</tr>`;
  const rows = chart.series.map((s) => `<tr><th scope="row">${escapeHtml(s.name)}</th>${s.values.map((v) => `<td class="num">${escapeHtml(formatCount(v, { decimals: 1 }))}</td>`).join('')}</tr>`);
  return `<div class="table"><table class="numbers"><thead>${head}</thead><tbody>${rows.join('')}</tbody></table></div>`;
}

/** The axis labels of communities are long: "r/LocalLLaMA" stays, anything past 14 characters is cut. */
function short(label: string): string {
  return label.length > 14 ? `${label.slice(0, 13)}…` : label;
}

function niceMax(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

function r(value: number): string {
  return String(Math.round(value * 10) / 10);
}
