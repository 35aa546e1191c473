#!/usr/bin/env node
// The `ai-trends` command. TypeScript runs through tsx, so a fresh clone works after `npm ci` with no build step.
import { register } from 'tsx/esm/api';

// Settings from ./.env when there is one; variables already set in the environment win.
try {
  process.loadEnvFile();
} catch (error) {
  if (error?.code !== 'ENOENT') throw error;
}
register();
const { runCli } = await import('./cli.ts');
process.exitCode = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env });
// Everything is closed by now; a request still open (an answer cut by a stop, its model stream still
// coming) must not keep the process alive past the 10 s a service manager allows.
setTimeout(() => process.exit(), 1_000).unref();
