/**
 * Bundles export-fixture/main.ts (the export and import panels with test helpers) as one
 * IIFE script with the global `ExportFixture`, using Vite and the Svelte plugin.
 */
import { build, type Rollup } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { join } from 'node:path';
import { ROOT } from '../harness';

/** The fixture script's text. */
export async function fixtureBundle(): Promise<string> {
  const result = await build({
    configFile: false,
    root: ROOT,
    logLevel: 'silent',
    plugins: [svelte({ configFile: false, compilerOptions: { css: 'injected' } })],
    define: { 'process.env.NODE_ENV': '"production"' },
    build: {
      write: false,
      minify: false,
      lib: { entry: join(ROOT, 'test/e2e/export-fixture/main.ts'), formats: ['iife'], name: 'ExportFixture', fileName: () => 'fixture.js' },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rollup.RollupOutput[];
  const chunk = outputs.flatMap((o) => o.output).find((o) => o.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk') throw new Error('The fixture bundle has no script');
  return chunk.code;
}
