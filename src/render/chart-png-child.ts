import { DRAWING_FAILED } from './chart-png-apart.js';
import { renderChartPng } from './chart-png.js';
import type { ChartData } from '../analysis/chart-data.js';

// The process chart-png-apart.ts starts to draw one chart: the chart's data as JSON on stdin, the PNG on
// stdout, and an exit. It loads chart.js and the native canvas; the bot does not (see chart-png-apart.ts).

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk: string) => (input += chunk));
process.stdin.on('end', () => {
  try {
    process.stdout.end(renderChartPng(JSON.parse(input) as ChartData));
  } catch (error) {
    // Drawn and failed (not a process that could not run): said apart, so the bot does not draw it again.
    process.stderr.write(error instanceof Error ? error.message : String(error));
    process.exitCode = DRAWING_FAILED;
  }
});
