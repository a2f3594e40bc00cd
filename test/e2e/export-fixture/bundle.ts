/**
 * Bundles a fixture for a plain web page as one IIFE script, using Vite and the Svelte
 * plugin: by default export-fixture/main.ts (the export and import panels with test
 * helpers) with the global `ExportFixture`.
 */
import { build, type Rollup } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { join } from 'node:path';
import { ROOT } from '../harness';

/** The fixture script's text; `entry` is relative to the project's root. */
export async function fixtureBundle(entry = 'test/e2e/export-fixture/main.ts', name = 'ExportFixture'): Promise<string> {
  const result = await build({
    configFile: false,
    root: ROOT,
    logLevel: 'silent',
    plugins: [svelte({ configFile: false, compilerOptions: { css: 'injected' } })],
    define: { 'process.env.NODE_ENV': '"production"' },
    build: {
      write: false,
      minify: false,
      lib: { entry: join(ROOT, entry), formats: ['iife'], name, fileName: () => 'fixture.js' },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rollup.RollupOutput[];
  const chunk = outputs.flatMap((o) => o.output).find((o) => o.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk') throw new Error('The fixture bundle has no script');
  return chunk.code;
}
