// `npm run bench`: start-up of the command as installed (compiled by tsc, run by plain node) against the same
// code through tsx (what tests use), side by side in one run: `ai-trends report --sample` served from the
// store (built once before), RUNS runs each, alternating so both see the same machine load. Wall time from
// spawn to exit; peak RSS is the child's own getrusage maximum, written at its exit by a one-line preload.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const RUNS = 5;
const repo = new URL('../../', import.meta.url).pathname;
const launchers = { tsx: join(repo, 'src/bin-dev.js'), compiled: join(repo, 'dist/src/bin.js') };

// The build `npm install` does, so dist/ is the code as it is now.
execFileSync(process.execPath, [join(repo, 'src/prepare.js')], { stdio: 'inherit' });

const cwd = mkdtempSync(join(tmpdir(), 'ai-trends-startup-'));
const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', STORE_URL: `sqlite://${join(cwd, 'store.sqlite')}` };
const peakRss = `--import=data:text/javascript,${encodeURIComponent("import{writeSync}from'node:fs';process.on('exit',()=>writeSync(3,String(process.resourceUsage().maxRSS)))")}`;

function run(bin: string): { ms: number; rssMiB: number } {
  const started = performance.now();
  const child = spawnSync(process.execPath, [peakRss, bin, 'report', '--sample'], { cwd, env, stdio: ['ignore', 'pipe', 'pipe', 'pipe'], encoding: 'utf8' });
  const ms = performance.now() - started;
  if (child.status !== 0 || !/^# Reddit AI Trend Report/.test(child.stdout)) throw new Error(`${bin} report --sample failed (${child.status}): ${child.stderr}`);
  return { ms, rssMiB: Number(child.output[3]) / 1024 };
}

run(launchers.compiled); // builds and stores the sample report: every run below serves it from the store
const results = { tsx: [] as { ms: number; rssMiB: number }[], compiled: [] as { ms: number; rssMiB: number }[] };
for (let i = 0; i < RUNS; i++) for (const name of ['tsx', 'compiled'] as const) results[name].push(run(launchers[name]));

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const summary = (name: keyof typeof results) => ({ ms: median(results[name].map((r) => r.ms)), rss: Math.max(...results[name].map((r) => r.rssMiB)) });
const tsx = summary('tsx');
const compiled = summary('compiled');
console.log(`Start-up: \`ai-trends report --sample\` served from the store, ${RUNS} runs each, alternating (median wall, highest peak RSS)`);
console.log(`  through tsx (src/bin-dev.js)      ${(tsx.ms / 1000).toFixed(2)} s  ${tsx.rss.toFixed(0)} MiB   runs: ${results.tsx.map((r) => (r.ms / 1000).toFixed(2)).join(' ')} s`);
console.log(`  compiled, node (dist/src/bin.js) ${(compiled.ms / 1000).toFixed(2)} s  ${compiled.rss.toFixed(0)} MiB   runs: ${results.compiled.map((r) => (r.ms / 1000).toFixed(2)).join(' ')} s`);
console.log(`  compiled / tsx: ${(compiled.ms / tsx.ms).toFixed(2)}× the time, ${(compiled.rss / tsx.rss).toFixed(2)}× the memory`);
