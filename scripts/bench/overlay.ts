/**
 * Benchmark of the overlay in real Chromium with the built extension:
 * - the size of the overlay's first part (what every enabled page loads) and second part;
 * - a page load with 200 stored passages: time from navigation start until all are painted.
 * Builds the extension first when .output/chrome-mv3 is missing.
 * Run with `npm run bench -- overlay` or `npx tsx scripts/bench/overlay.ts`.
 */
import { existsSync, statSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';
import { seedPassages } from '../lib/bench-seed';
import { EXTENSION_DIR, ROOT, SHARED, launchWithExtension, serveStatic } from '../../test/e2e/harness';

const PASSAGES = 200;
const RUNS = 5;

function size(file: string): string {
  const bytes = statSync(file).size;
  const gz = gzipSync(readFileSync(file)).length;
  return `${(bytes / 1024).toFixed(1)} KB minified, ${(gz / 1024).toFixed(1)} KB gzipped`;
}

export async function run(): Promise<void> {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    const build = spawnSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('wxt build failed');
  }
  console.log(`overlay first part (overlay.js): ${size(join(EXTENSION_DIR, 'overlay.js'))}`);
  console.log(`overlay second part (content-scripts/overlay-ui.js): ${size(join(EXTENSION_DIR, 'content-scripts', 'overlay-ui.js'))}`);

  const server = await serveStatic(join(SHARED, 'fixtures', 'real-pages'), (_p, html) => html.replace(/<script\b[\s\S]*?<\/script\s*>/gi, ''));
  const { context } = await launchWithExtension();
  try {
    const sw = context.serviceWorkers()[0];
    const url = `${server.url}/wikipedia.html`;
    const page = await context.newPage();
    // tsx names functions with an `__name` helper that the page and worker lack.
    await page.addInitScript('globalThis.__name = (f) => f');
    await sw.evaluate('globalThis.__name = (f) => f');
    await page.goto(url);
    // Quotes from the page's own paragraphs, with their context, as describe() would store them.
    const quotes = await page.evaluate((n) => {
      const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
      const paras = [...document.querySelectorAll('p, li')].map((p) => norm(p.textContent ?? '')).filter((t) => t.length > 120);
      const out: { exact: string; prefix: string; suffix: string }[] = [];
      for (let i = 0; out.length < n; i++) {
        const t = paras[i % paras.length];
        const start = (i * 13) % Math.max(1, t.length - 100);
        const len = 30 + ((i * 29) % 70);
        out.push({ exact: t.slice(start, start + len), prefix: t.slice(Math.max(0, start - 32), start), suffix: t.slice(start + len, start + len + 32) });
      }
      return out;
    }, PASSAGES);
    // Seed the extension's database directly (a learner, the page, 200 passages with a mapping each).
    // tsx names functions with an `__name` helper that the worker lacks.
    await sw.evaluate('globalThis.__name = (f) => f');
    await sw.evaluate(seedPassages, { url, title: 'Bench', kind: 'web' as const, passages: quotes.map((q) => ({ quote: q.exact, selectors: [{ type: 'TextQuoteSelector', ...q }] })) });

    await page.addInitScript(() => {
      const w = window as unknown as { __painted?: number; __count?: number };
      const tick = () => {
        let n = 0;
        for (const [name, h] of CSS.highlights) if (name.startsWith('evidence-mapper-') && name !== 'evidence-mapper-active') n += h.size;
        w.__count = n;
        if (n >= 200) w.__painted = performance.now();
        else requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    const times: number[] = [];
    let painted = 0;
    for (let r = 0; r < RUNS; r++) {
      await page.goto(url);
      await page.waitForFunction(() => (window as unknown as { __painted?: number }).__painted !== undefined, undefined, { timeout: 30_000 }).catch(() => undefined);
      const res = await page.evaluate(() => {
        const w = window as unknown as { __painted?: number; __count?: number };
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
        return { painted: w.__painted ?? NaN, count: w.__count ?? 0, load: nav.loadEventEnd };
      });
      painted = res.count;
      times.push(res.painted);
      if (r === 0) console.log(`page load event at ${res.load.toFixed(0)} ms`);
    }
    times.sort((a, b) => a - b);
    console.log(`${PASSAGES} stored passages on wikipedia.html: ${painted} painted; all painted at median ${times[Math.floor(RUNS / 2)].toFixed(0)} ms after navigation start (min ${times[0].toFixed(0)}, max ${times[RUNS - 1].toFixed(0)}, ${RUNS} loads)`);
  } finally {
    await context.close();
    await server.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
