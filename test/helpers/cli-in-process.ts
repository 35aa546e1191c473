import { PassThrough } from 'node:stream';
import { runCli } from '../../src/cli.js';

// The CLI run inside the test process (no child, no tsx start-up): for what ends before or without a
// platform, such as help, configuration mistakes and commands on the sample. The bin's own steps (its .env,
// its Node check) are tested through runBin.

export interface InProcessResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCliInProcess(argv: string[], env: Record<string, string> = {}, options: { projectDir?: string; clock?: () => Date } = {}): Promise<InProcessResult> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const stdin = new PassThrough();
  stdin.end();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  // The feeds never reached from a test: a port that refuses at once.
  const code = await runCli(argv, { stdin, stdout, stderr, env: { REDDIT_FEED_BASE: 'http://127.0.0.1:9', LOG_LEVEL: 'silent', ...env }, ...options });
  return { code, stdout: out, stderr: err };
}
