import type { ChartData } from '../analysis/chart-data.js';
import { displayText } from '../text/clean.js';
import { formatCount } from '../text/count.js';

// The week's chart for a terminal, at most 80 columns: one sparkline per topic (a block per day, one
// scale for all, "·" for a day with no points, so nothing is drawn that is not there), or two bars per
// community. The numbers beside each line are the same as in the text and the PNG.

export const CHART_TEXT_WIDTH = 80;
const NAME_WIDTH = 20;
const BAR_WIDTH = 30;
const levels = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;

/** Whole numbers as they are; a daily average of a few posts keeps its one decimal (0.4 is not 0). */
const count = (n: number) => formatCount(n, { decimals: 1 });
const pad = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - [...text].length));
/** Labels are cleaned already; cleaned again, as every renderer does (a terminal shows no ping, but text is copied). */
const label = displayText;

function spark(values: number[], max: number): string {
  return values.map((v) => (v <= 0 ? '·' : levels[Math.min(levels.length - 1, Math.floor((v / max) * (levels.length - 1) + 0.5))])).join(' ');
}

function bar(value: number, max: number): string {
  return '█'.repeat(value > 0 ? Math.max(1, Math.round((value / max) * BAR_WIDTH)) : 0);
}

/** Lines of at most 80 columns, wrapped at spaces. */
function wrap(text: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && [...line].length + 1 + [...word].length > CHART_TEXT_WIDTH) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return line ? [...lines, line] : lines;
}

export function renderChartText(chart: ChartData): string {
  const lines = [`${label(chart.title)} (${label(chart.yLabel).toLowerCase()})`];
  const max = Math.max(1, ...chart.series.flatMap((s) => s.values));
  if (chart.kind === 'topic-momentum') {
    const first = chart.categories[0] ?? '';
    const last = chart.categories[chart.categories.length - 1] ?? '';
    const days = `${first} → ${last}`;
    lines.push(`${pad('', NAME_WIDTH + 1)}${days} · ${label(chart.xLabel)}`);
    for (const series of chart.series) {
      const week = series.values.reduce((a, b) => a + b, 0);
      const today = series.values[series.values.length - 1] ?? 0;
      lines.push(`${pad(label(series.name), NAME_WIDTH)} ${spark(series.values, max)}  ${count(week)} this week, ${count(today)} today${series.rising ? ' ▲' : ''}`);
    }
    if (chart.series.some((s) => s.rising)) lines.push('▲ rising today: above its own daily average of the 6 days before.');
  } else {
    const [today, average] = chart.series;
    chart.categories.forEach((community, i) => {
      lines.push(`${pad(label(community), NAME_WIDTH)} ${bar(today?.values[i] ?? 0, max)} ${count(today?.values[i] ?? 0)} in the last 24 h`);
      lines.push(`${pad('', NAME_WIDTH)} ${bar(average?.values[i] ?? 0, max)} ${count(average?.values[i] ?? 0)} a day on average`);
    });
  }
  for (const note of chart.notes) lines.push(...wrap(`Note: ${label(note)}`));
  return lines.join('\n');
}
