/**
 * Anchoring benchmark in real Chromium: describe and anchor times for 500 random passages
 * on the largest saved real page, and the worst fuzzy search for orphans on a page of
 * about 1 MB of visible text. Prints figures; asserts nothing (speed is reported, not tested).
 * Run alone with `npx tsx scripts/bench/anchoring.ts`, or through `npm run bench`.
 */
import { readdirSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchBrowser, serveStatic, SHARED } from '../../test/e2e/harness.ts';
import { labBundle, stripScripts } from '../../test/e2e/anchoring/bundle.ts';
import type * as Lab from '../../test/e2e/anchoring/page.ts';

declare global {
  interface Window {
    AnchorLab: typeof Lab;
  }
}

const REAL = join(SHARED, 'fixtures', 'real-pages');
const PASSAGES = 500;

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

const ms = (x: number) => `${x.toFixed(x < 1 ? 3 : 1)} ms`;

/** Runs the benchmark and prints its figures. */
export async function run(): Promise<void> {
  const bundle = await labBundle();
  const server = await serveStatic(REAL, stripScripts);
  const context = await launchBrowser();
  try {
    const page = await context.newPage();
    const largest = readdirSync(REAL)
      .filter((f) => f.endsWith('.html'))
      .sort((a, b) => statSync(join(REAL, b)).size - statSync(join(REAL, a)).size)[0];
    await page.goto(`${server.url}/${largest}`, { waitUntil: 'domcontentloaded' });
    await page.addScriptTag({ content: bundle });
    const t = await page.evaluate((n) => window.AnchorLab.timeExact(7, n), PASSAGES);
    console.log(`anchoring: wall-clock times in Chromium; machine load average ${loadavg()[0].toFixed(1)} (shared cores inflate them)`);
    console.log(`anchoring: ${largest} (${(statSync(join(REAL, largest)).size / 1e6).toFixed(2)} MB HTML, ${t.chars} visible chars), ${PASSAGES} random passages`);
    console.log(`  text index build (first call after a change): ${ms(t.coldMs)}`);
    console.log(`  describe: median ${ms(quantile(t.describeMs, 0.5))}, p95 ${ms(quantile(t.describeMs, 0.95))}`);
    console.log(`  anchor:   median ${ms(quantile(t.anchorMs, 0.5))}, p95 ${ms(quantile(t.anchorMs, 0.95))}`);
    console.log(`  all ${PASSAGES} anchors together: ${ms(t.totalAnchorMs)}, fastest of 3 rounds (${t.exact}/${PASSAGES} exact; target < 100 ms)`);

    // A page of about 1 MB of visible text, built from the saved pages' paragraphs.
    const urls = readdirSync(REAL).filter((f) => f.endsWith('.html')).map((f) => `${server.url}/${f}`);
    const o = await page.evaluate(([u]) => window.AnchorLab.timeOrphans(11, 1_000_000, u), [urls] as const);
    console.log(`anchoring: orphans (quote and context only, so the whole-page filtered search runs) on a page of ${(o.chars / 1e6).toFixed(2)} M visible chars`);
    console.log(`  text index build (once per page change, not part of the times below): ${ms(o.indexMs)}`);
    for (const r of o.rows) {
      console.log(`  ${r.kind.padEnd(34)} quote ${String(r.length).padStart(5)} chars: worst ${ms(r.worstMs)}, median ${ms(r.medianMs)} (${r.orphans}/${r.n} orphans)`);
    }
    console.log(`  (each time is the fastest of 5 runs of the same search; slowest single run seen: ${ms(o.slowestRun)})`);
    console.log(`  worst fuzzy anchor overall: ${ms(Math.max(...o.rows.map((r) => r.worstMs)))} (target < 50 ms)`);
  } finally {
    await context.close();
    await server.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  run().catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
