import { defineConfig } from 'vitest/config';

// End-to-end tests: the built CLI's `web` mode driven in Debian's Chromium by playwright-core.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
