import { spawn } from 'node:child_process';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChartData } from '../analysis/chart-data.js';
import { renderChartPng } from './chart-png.js';

// The week's chart PNG drawn in a short-lived child process. Drawing it in the bot cost a stall of the
// event loop (50 ms on an idle machine, hundreds under load, a second the first time: the fonts and the
// native canvas load) in the middle of a morning pass, and about 29 MiB of RSS held for good (chart.js and
// @napi-rs/canvas, once loaded). Apart, the bot only waits for the bytes. A chart is drawn once for every
// process on the store (stored-chart-png.ts); should the child fail to run (no process may be started
// here), the chart is drawn in process.

/** Longer than any drawing takes, even on a machine under load. */
const CHILD_TIMEOUT_MS = 60_000;
/** The child's exit code when the chart itself could not be drawn. */
export const DRAWING_FAILED = 3;

class DrawingFailed extends Error {
  override name = 'DrawingFailed';
}

export async function renderChartPngApart(chart: ChartData): Promise<Buffer> {
  try {
    return await inChild(chart);
  } catch (error) {
    if (error instanceof DrawingFailed) throw error;
    return renderChartPng(chart);
  }
}

function inChild(chart: ChartData): Promise<Buffer> {
  // Beside this module: .js when compiled, .ts under tsx and the tests (then with tsx's loader).
  const extension = extname(fileURLToPath(import.meta.url));
  const script = fileURLToPath(new URL(`./chart-png-child${extension}`, import.meta.url));
  const loader = extension === '.ts' ? ['--import', import.meta.resolve('tsx')] : [];
  return new Promise<Buffer>((resolve, reject) => {
    const child = spawn(process.execPath, [...loader, script], { stdio: ['pipe', 'pipe', 'pipe'], timeout: CHILD_TIMEOUT_MS });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0 && out.length > 0) resolve(Buffer.concat(out));
      else reject(code === DRAWING_FAILED ? new DrawingFailed(`the chart could not be drawn: ${err.slice(0, 300)}`) : new Error(`the chart process ended with ${signal ?? code}: ${err.slice(0, 300)}`));
    });
    child.stdin.end(JSON.stringify(chart));
  });
}
