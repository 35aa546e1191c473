#!/usr/bin/env node
// The `ai-trends` command. `npm install` compiles it (with the rest of the program) to dist/src/bin.js, which
// `bin` and `npm start` run with plain node; src/bin-dev.js runs this same file through tsx for the tests.
import { checkNodeVersion } from './node-version.js';

// Before anything else: on an older Node the program would fail later with an error that names a missing
// function, not the version.
const tooOld = checkNodeVersion(process.versions.node);
if (tooOld) {
  process.stderr.write(`${tooOld}\n`);
  process.exit(1);
}

const { findProjectDir } = await import('./project-dir.js');
// Settings from the project's .env (the project found from the current directory upwards, so any of its
// subdirectories works), when there is one; variables already set in the environment win. Loaded before the
// program is imported, so nothing it reads at import time misses them.
const projectDir = findProjectDir(process.cwd());
try {
  process.loadEnvFile(`${projectDir ?? process.cwd()}/.env`);
} catch (error) {
  if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
}
const { runCli } = await import('./cli.js');
process.exitCode = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, projectDir });
// Everything is closed by now; a request still open (an answer cut by a stop, its model stream still
// coming) must not keep the process alive past the 10 s a service manager allows.
setTimeout(() => process.exit(), 1_000).unref();
