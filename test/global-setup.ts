import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

// The tests spawn the compiled bin (dist/src/bin.js, plain node) rather than the sources through tsx: tsx's
// start-up cost 3 to 6 s more per process on a loaded 2-core machine, and the suite starts hundreds. So dist/
// is built here first (`npm run build`, the same `prepare` script an install runs), once per run, and only
// when a source changed since the last build: a test never runs a stale dist/.

const repo = new URL('../', import.meta.url).pathname;
/** Written by src/prepare.js after each build (an install's, `npm run build`'s or the one below). */
const stamp = join(repo, 'dist', '.built');
const inputs = ['src', 'commands', 'adapters', 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json'];

/** The newest modification time among the build's inputs (directories too: a deleted file changes its directory's). */
function newestInput(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestInput(join(path, entry)));
  return newest;
}

export function buildIfChanged(): void {
  const newest = Math.max(...inputs.map((p) => newestInput(join(repo, p))));
  if (existsSync(stamp) && statSync(stamp).mtimeMs >= newest) return;
  const build = spawnSync(process.execPath, [join(repo, 'src/prepare.js')], { cwd: repo, encoding: 'utf8' });
  if (build.status !== 0) {
    throw new Error(`The tests run the compiled bin, and \`npm run build\` failed (exit ${build.status}); fix what it says and run the tests again:\n${build.stdout}${build.stderr}`);
  }
}

export default function setup(project: TestProject): void {
  buildIfChanged();
  // In watch mode: rebuild before each rerun, as a changed source file starts one.
  project.onTestsRerun(() => buildIfChanged());
}
