import { defineConfig } from 'vitest/config';

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
  },
});
