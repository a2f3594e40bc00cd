/**
 * Builds the browser-side anchoring lab (engine + page helpers) as one IIFE script with
 * the global `AnchorLab`, for the end-to-end test and the benchmark to inject into pages.
 */
import { build } from 'esbuild';
import { join } from 'node:path';
import { ROOT } from '../harness.ts';

/** The engine and the page helpers as one script for the page. */
export async function labBundle(): Promise<string> {
  const out = await build({
    entryPoints: [join(ROOT, 'test/e2e/anchoring/page.ts')],
    bundle: true,
    format: 'iife',
    globalName: 'AnchorLab',
    platform: 'browser',
    target: 'chrome120',
    write: false,
    logLevel: 'silent',
  });
  return out.outputFiles[0].text;
}

/**
 * Served pages keep their markup but lose their scripts, and with them the anti-flicker
 * style those scripts remove on load (seattletimes-1's ChartBeat snippet sets
 * `body { visibility: hidden !important }` until its script deletes the style element):
 * left in, it hides the whole page from a reader, and so from anchoring, which reads only
 * rendered text since issue 13.
 */
export const stripScripts = (_path: string, html: string): string =>
  html.replace(/<script\b[\s\S]*?<\/script\s*>/gi, '').replace(/<style\b[^>]*\bid=["'][^"']*flicker[^"']*["'][^>]*>[\s\S]*?<\/style\s*>/gi, '');
