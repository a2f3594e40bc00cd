import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// Unit tests: `x.test.ts` beside the code, plus test/unit. The Svelte plugin compiles
// the runes of lib/state/*.svelte.ts so their classes can be tested too. End-to-end tests in real
// Chromium have their own config (test/vitest.e2e.config.ts).
export default defineConfig({
  plugins: [WxtVitest(), svelte()],
  test: {
    include: ['lib/**/*.test.ts', 'components/**/*.test.ts', 'entrypoints/**/*.test.ts', 'test/unit/**/*.test.ts'],
    testTimeout: 30_000,
  },
});
