import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing';

// Unit tests: `x.test.ts` beside the code, plus test/unit. End-to-end tests in real
// Chromium have their own config (test/vitest.e2e.config.ts).
export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['lib/**/*.test.ts', 'components/**/*.test.ts', 'entrypoints/**/*.test.ts', 'test/unit/**/*.test.ts'],
    testTimeout: 30_000,
  },
});
