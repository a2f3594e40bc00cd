import { defineConfig } from 'vitest/config';

// End-to-end tests: real Chromium (/usr/bin/chromium) driven by playwright-core, with the
// built extension from .output/chrome-mv3 and pages served on 127.0.0.1. One file at a
// time: the machine has two cores.
export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['test/e2e/**/*.test.ts'],
    testTimeout: 240_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
