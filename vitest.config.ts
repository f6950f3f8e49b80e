import { defineConfig } from 'vitest/config';

// Unit and integration tests in plain Node: no Electron, no browser.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    globalSetup: ['test/support/temp-root.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: one, on our 2-core machines. Most tests wait on
    // child processes (keytool, openssl, java) and loopback servers, so two at a time nearly halve the run.
    maxWorkers: 2,
    // Probes of loopback servers go direct: a proxy this machine's environment names is not theirs to use
    // (an empty value is no proxy). Tests of the proxy start their own and name it.
    env: { HTTPS_PROXY: '', https_proxy: '', HTTP_PROXY: '', http_proxy: '', ALL_PROXY: '', all_proxy: '' },
  },
});
