// `npm run bench` (chart part): how long the week's chart PNG takes to draw (median of 20, after one
// warm-up that loads the font and chart.js) and how large it is, on the sample day and on a synthetic
// week of stored history. Goals: ≤ 100 ms and ≤ 150 kB (Discord's attachment, Slack's fallback upload).
import { chartData, type ChartData } from '../../src/analysis/chart-data.js';
import { renderChartPng } from '../../src/render/chart-png.js';
import { buildReport } from '../../src/report/build.js';
import { loadSample } from '../../src/sample/sample.js';
import { syntheticWeek } from '../helpers/synthetic-week.js';

const RUNS = 20;
const GOAL_MS = 100;
const GOAL_BYTES = 150_000;

const sample = loadSample();
const week = syntheticWeek();
const cases: Array<[string, ChartData]> = [
  ['sample day (no history)', chartData(buildReport(sample.posts, sample.now), [])!],
  ['synthetic week (7 days stored)', chartData(week.report, week.history)!],
];

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return (sorted[Math.floor((sorted.length - 1) / 2)]! + sorted[Math.ceil((sorted.length - 1) / 2)]!) / 2;
};

console.log(`\nWeek chart PNG, 800×400 (median of ${RUNS} runs after a warm-up; goals ≤ ${GOAL_MS} ms, ≤ ${GOAL_BYTES / 1000} kB)\n`);
console.log(`${'chart'.padEnd(34)} ${'first'.padStart(9)} ${'median'.padStart(9)} ${'size'.padStart(9)}   goals`);
for (const [name, chart] of cases) {
  const started = performance.now();
  const png = renderChartPng(chart);
  const first = performance.now() - started;
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    renderChartPng(chart);
    times.push(performance.now() - t);
  }
  const ms = median(times);
  const ok = ms <= GOAL_MS && png.length <= GOAL_BYTES;
  console.log(`${name.padEnd(34)} ${`${first.toFixed(0)} ms`.padStart(9)} ${`${ms.toFixed(1)} ms`.padStart(9)} ${`${(png.length / 1000).toFixed(1)} kB`.padStart(9)}   ${ok ? 'met' : 'MISSED'}`);
}
console.log('"first" includes loading the bundled font and registering chart.js (once per process).');
