#!/usr/bin/env node
// The `ai-trends` command. `npm install` compiles it (with the rest of the program) to dist/src/bin.js, which
// `bin` and `npm start` run with plain node; src/bin-dev.js runs this same file through tsx for the tests.

// Settings from ./.env when there is one; variables already set in the environment win. Loaded before the
// program is imported, so nothing it reads at import time misses them.
try {
  process.loadEnvFile();
} catch (error) {
  if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
}
const { runCli } = await import('./cli.js');
process.exitCode = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env });
// Everything is closed by now; a request still open (an answer cut by a stop, its model stream still
// coming) must not keep the process alive past the 10 s a service manager allows.
setTimeout(() => process.exit(), 1_000).unref();
