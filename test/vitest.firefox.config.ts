import { defineConfig } from 'vitest/config';

// Firefox end-to-end tests: Debian's firefox-esr (/usr/bin/firefox-esr) driven by
// puppeteer-core over WebDriver BiDi, with the built add-on from .output/firefox-mv2
// installed as a temporary add-on. One file at a time: the machine has two cores.
export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['test/firefox/**/*.test.ts'],
    testTimeout: 240_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
