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
    // expect.poll waits up to 5 s (vitest's default is 1 s): on a 2-core machine shared with
    // other work a frame's focus or a background round trip can take longer than a second.
    expect: { poll: { timeout: 5_000 } },
    pool: 'forks',
  },
});
