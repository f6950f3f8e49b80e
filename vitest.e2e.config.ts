import { defineConfig } from 'vitest/config';

// End-to-end tests: the built CLI's `web` mode driven in Debian's Chromium by playwright-core.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['test/support/temp-root.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // One file at a time: two at once (each with its own `trustlens web` and Chromium) took 220 s instead of 290 s
    // on a 2-core machine but timed out waiting for probe verdicts in a clean-clone run (5 of 145 tests).
    fileParallelism: false,
    // Probes of loopback servers go direct: a proxy this machine's environment names is not theirs to use
    // (an empty value is no proxy). Tests of the proxy start their own and name it.
    env: { HTTPS_PROXY: '', https_proxy: '', HTTP_PROXY: '', http_proxy: '', ALL_PROXY: '', all_proxy: '' },
  },
});
