import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Builds dist/ when the sources changed: the tests spawn the compiled bin, not tsx.
    globalSetup: ['test/global-setup.ts'],
    // What `npm test` passes, so that a file run on its own (npx vitest run test/x) gets the same limit.
    testTimeout: 30_000,
  },
});
