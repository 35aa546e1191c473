import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type * as NapiCanvas from '@napi-rs/canvas';
import type * as ChartJs from 'chart.js';
import type { ChartConfiguration, Plugin } from 'chart.js';
import type { ChartData } from '../analysis/chart-data.js';
import { formatCount } from '../text/count.js';

// The week's chart as a PNG (Discord's attachment, Slack's fallback, the CLI's --charts files): chart.js
// drawing on @napi-rs/canvas, offline. The canvas is transparent, so the background is filled: an
// opaque light card with dark text reads the same in a dark and a light chat theme. The font is bundled
// (DejaVu Sans, licence beside it) so text renders the same on every machine, and the colours are the
// Okabe–Ito palette, told apart with colour-blindness; each series also has its own point shape.

export const CHART_WIDTH = 800;
export const CHART_HEIGHT = 400;
const FONT = 'DejaVu Sans';

/** Okabe–Ito, in an order that keeps the first colours strongest on a light background (no yellow). */
const okabeIto = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9'] as const;
const pointStyles = ['circle', 'rect', 'triangle', 'rectRot', 'crossRot', 'star'] as const;
const colours = { background: '#FAFAF7', border: '#C8C8C8', text: '#1F1F1F', muted: '#555555', grid: '#E2E2E2' };

// The two libraries load on the first chart drawn, not when the bot starts: together about 29 MiB of RSS
// (the native canvas, chart.js) that a bot which has not posted a chart yet need not hold. require() keeps
// renderChartPng synchronous (@napi-rs/canvas is CommonJS; chart.js ships a CommonJS build beside its ESM).
let libraries: { canvas: typeof NapiCanvas; Chart: typeof ChartJs.Chart } | undefined;
function setUp(): NonNullable<typeof libraries> {
  if (libraries) return libraries;
  const require = createRequire(import.meta.url);
  const canvas = require('@napi-rs/canvas') as typeof NapiCanvas;
  const { Chart, registerables } = require('chart.js') as typeof ChartJs;
  Chart.register(...registerables);
  canvas.GlobalFonts.registerFromPath(fileURLToPath(new URL('./fonts/DejaVuSans.ttf', import.meta.url)), FONT);
  Chart.defaults.font.family = FONT;
  Chart.defaults.color = colours.text;
  return (libraries = { canvas, Chart });
}

/** Fills the canvas and frames it before anything is drawn (a PNG is otherwise transparent). */
const background: Plugin = {
  id: 'ait-background',
  beforeDraw(chart) {
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.fillStyle = colours.background;
    ctx.fillRect(0, 0, width, height);
    ctx.strokeStyle = colours.border;
    ctx.lineWidth = 1;
    ctx.strokeRect(0.5, 0.5, width - 1, height - 1);
    ctx.restore();
  },
};

/** A PNG cannot ping or link; the zero-width characters that defuse them would only draw as gaps. */
const drawn = (text: string) => text.replace(/[\u200b\u200d]/g, '');

function configuration(chart: ChartData): ChartConfiguration {
  const momentum = chart.kind === 'topic-momentum';
  const last = chart.categories.length - 1;
  const datasets = chart.series.map((series, i) => {
    const colour = okabeIto[i % okabeIto.length]!;
    const label = drawn(series.rising ? `${series.name} ▲ rising today` : series.name);
    return momentum
      ? {
          label,
          data: series.values,
          borderColor: colour,
          backgroundColor: colour,
          // Straight segments between the real values: no smoothing that would invent points.
          tension: 0,
          borderWidth: series.rising ? 4 : 2,
          pointStyle: pointStyles[i % pointStyles.length],
          // Today's value of a mover is drawn large: the marked point.
          pointRadius: series.values.map((_, day) => (series.rising && day === last ? 8 : 3.5)),
        }
      : { label, data: series.values, backgroundColor: colour, borderColor: colour, borderWidth: 1, pointStyle: 'rect' as const };
  });
  return {
    type: momentum ? 'line' : 'bar',
    data: { labels: chart.categories.map(drawn), datasets },
    options: {
      responsive: false,
      animation: false,
      devicePixelRatio: 1,
      layout: { padding: { top: 6, right: 28, bottom: 6, left: 10 } },
      plugins: {
        title: { display: true, text: drawn(chart.title), font: { size: 18, weight: 'bold' }, color: colours.text, padding: { top: 4, bottom: 6 } },
        subtitle: { display: chart.notes.length > 0, text: chart.notes.map(drawn), position: 'bottom', color: colours.muted, font: { size: 11 }, padding: { top: 6 } },
        legend: { position: 'top', labels: { usePointStyle: true, pointStyleWidth: 14, boxHeight: 9, color: colours.text, font: { size: 13 }, padding: 14 } },
      },
      scales: {
        x: { title: { display: true, text: drawn(chart.xLabel), color: colours.muted, font: { size: 12 } }, ticks: { color: colours.text, font: { size: 12 } }, grid: { color: colours.grid } },
        y: {
          beginAtZero: true,
          title: { display: true, text: drawn(chart.yLabel), color: colours.muted, font: { size: 12 } },
          ticks: { color: colours.text, font: { size: 12 }, precision: 0, callback: (value: number | string) => formatCount(Number(value)) },
          grid: { color: colours.grid },
        },
      },
    },
    plugins: [background],
  };
}

/** The chart as a PNG of `width`×`height` pixels (800×400 by default). Throws when it cannot draw. */
export function renderChartPng(chart: ChartData, size: { width?: number; height?: number } = {}): Buffer {
  const { canvas: napi, Chart } = setUp();
  const canvas = napi.createCanvas(size.width ?? CHART_WIDTH, size.height ?? CHART_HEIGHT);
  // chart.js takes any 2D context; @napi-rs/canvas's is the browser's API without the DOM types.
  const drawing = new Chart(canvas.getContext('2d') as unknown as ConstructorParameters<typeof ChartJs.Chart>[0], configuration(chart));
  try {
    return canvas.toBuffer('image/png');
  } finally {
    drawing.destroy();
  }
}

/** Renders a chart as a PNG for one chat target, here or apart (injectable, so a test can make it fail). */
export type ChartPngRenderer = (chart: ChartData) => Buffer | Promise<Buffer>;
