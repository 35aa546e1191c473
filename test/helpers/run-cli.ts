import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Runs the real `ai-trends` bin in a child process, as a user would, with a clean environment: the compiled
// dist/src/bin.js (what `bin` and `npm start` run), which test/global-setup.ts builds from the current sources
// before the tests. Plain node starts 3 to 6 s sooner than tsx on a loaded 2-core machine.

const bin = new URL('../../dist/src/bin.js', import.meta.url).pathname;

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function tempStoreUrl(): string {
  return `sqlite://${join(mkdtempSync(join(tmpdir(), 'ai-trends-')), 'store.sqlite')}`;
}

/** Runs the bin to its end with `input` on stdin. */
export async function runBin(args: string[], env: Record<string, string> = {}, input?: string): Promise<CliResult> {
  const running = spawnBin(args, env);
  running.child.stdin.end(input ?? '');
  const { code } = await running.exited;
  return { code, stdout: running.stdout(), stderr: running.stderr() };
}

export interface RunningBin {
  child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Reddit as a test wants it, offline unless it says otherwise: the API when it gives credentials (pointed at
 * a fake), else the bundled sample; and a feeds base that refuses at once, so a test that picks the feeds
 * (REDDIT_SOURCE=auto or feeds) without its own fake never reaches www.reddit.com.
 */
export function offlineReddit(env: Record<string, string>): Record<string, string> {
  return { REDDIT_SOURCE: env.REDDIT_CLIENT_ID ? 'api' : 'sample', REDDIT_FEED_BASE: 'http://127.0.0.1:9' };
}

/** Starts the bin and leaves it running (a bot), for tests that talk to it and then stop it. */
export function spawnBin(args: string[], env: Record<string, string> = {}): RunningBin {
  const child = spawn(process.execPath, [bin, ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...offlineReddit(env), ...env },
    // A directory of its own, so a developer's .env or ./data never leaks into a test.
    cwd: mkdtempSync(join(tmpdir(), 'ai-trends-cwd-')),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal }));
  });
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}
