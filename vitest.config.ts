import { defineConfig } from 'vitest/config';
import { SlowFirst } from './test/slow-first.js';

export default defineConfig({
  test: {
    // Builds dist/ when the sources changed: the tests spawn the compiled bin, not tsx.
    globalSetup: ['test/global-setup.ts'],
    // What `npm test` passes, so that a file run on its own (npx vitest run test/x) gets the same limit.
    testTimeout: 30_000,
    // Vitest's default on 2 cores is one worker: the files ran one after another, most of the time waiting on
    // child processes (npm ci, the bin, redis-server) and fake servers rather than on the CPU. Three files at a
    // time overlap those waits; the slowest files (from the last run's timings) start first.
    maxWorkers: 3,
    // The files of one worker share its loaded modules instead of each importing discord.js, Bolt, the SDKs and
    // our sources again: importing was 134 s of a 376 s run (23 s without). So no test may change what a module
    // holds for the next file (the bundled sample hands out copies; a test restores process.env and fetch).
    isolate: false,
    // The minute-long files start first, also in a fresh clone with no timings cached (test/slow-first.ts).
    sequence: { sequencer: SlowFirst },
  },
});
