/**
 * Export and import at scale: 100,000 mappings (50,000 passages, 2 criteria each, 20
 * learners). In Node, the writers and readers alone: tag-set CSV and backup JSON streamed
 * from records in memory, then read and validated back. In real Chromium (headless, real
 * IndexedDB), the whole path the panels take: database to Blob, and file text to one
 * import transaction. Prints time, CPU time (the machine may be shared) and peak heap.
 */
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { TagsetItem } from '../../lib/export/tagset/rows';
import { tagsetCsv } from '../../lib/export/tagset/write';
import { backupChunks } from '../../lib/export/backup';
import { readImport, sniffFile } from '../../lib/export/sniff';
import { indexCatalogue } from '../../lib/catalogue/lookup';
import { SPEC_A } from '../../test/fixtures/catalogue';
import { benchData } from '../../test/fixtures/bench-data';
import { CHROMIUM, serveStatic } from '../../test/e2e/harness';
import { fixtureBundle } from '../../test/e2e/export-fixture/bundle';
import type * as Fixture from '../../test/e2e/export-fixture/main';

const MAPPINGS = 100_000;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

interface Figures {
  ms: number;
  cpuMs: number;
  chars: number;
  peakMb: number;
}

const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Consumes streamed chunks as a download would, keeping them only if asked; notes peak heap. */
async function drain(chunks: AsyncIterable<string>, keep: string[] | null = null): Promise<Figures> {
  gc();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  let chars = 0;
  const cpu0 = cpuNow();
  const t0 = performance.now();
  for await (const c of chunks) {
    chars += c.length;
    keep?.push(c);
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }
  return { ms: performance.now() - t0, cpuMs: cpuNow() - cpu0, chars, peakMb: (peak - base) / 2 ** 20 };
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mb = (chars: number) => `${(chars / 2 ** 20).toFixed(1)} MB`;
const fmt = (r: Figures) => `${s(r.ms)} (CPU ${s(r.cpuMs)}), ${mb(r.chars)} of text, peak heap +${r.peakMb.toFixed(0)} MB (garbage included)`;
const n = MAPPINGS.toLocaleString('en-GB');

async function inNode(): Promise<void> {
  const ds = benchData(MAPPINGS);
  const catalogue = indexCatalogue([SPEC_A]);
  const passages = new Map(ds.passages.map((p) => [p.id, p]));
  const pages = new Map(ds.pages.map((p) => [p.id, p]));
  const learners = new Map(ds.learners.map((l) => [l.id, l]));
  function* batches(): Generator<TagsetItem[]> {
    for (let i = 0; i < ds.mappings.length; i += 2000) {
      yield ds.mappings.slice(i, i + 2000).map((mapping) => {
        const passage = passages.get(mapping.passageId)!;
        return { mapping, passage, page: pages.get(passage.pageId)!, learner: learners.get(mapping.learnerId)! };
      });
    }
  }
  console.log(`Node, tag-set CSV of ${n} mappings streamed from memory: ${fmt(await drain(tagsetCsv(batches(), catalogue, { bom: true })))}`);
  // Written again, kept this time, for the import below (the figures above keep nothing).
  const csvParts: string[] = [];
  await drain(tagsetCsv(batches(), catalogue, { bom: true }), csvParts);
  const byPassage = new Map(ds.passages.map((p) => [p.id, { passage: p, mappings: [] as typeof ds.mappings }]));
  for (const m of ds.mappings) byPassage.get(m.passageId)!.mappings.push(m);
  const all = [...byPassage.values()];
  const source = () => ({ specifications: [], learners: ds.learners, pages: ds.pages, decisions: [], signoffs: [], passages: (function* () { for (let i = 0; i < all.length; i += 2000) yield all.slice(i, i + 2000); })() });
  console.log(`Node, backup JSON of ${n} mappings streamed from memory: ${fmt(await drain(backupChunks(source())))}`);
  const jsonParts: string[] = [];
  await drain(backupChunks(source()), jsonParts);
  for (const [name, parts] of [['tag-set CSV', csvParts], ['backup JSON', jsonParts]] as const) {
    const text = parts.join('');
    parts.length = 0;
    gc();
    const cpu0 = cpuNow();
    const t0 = performance.now();
    const plan = await readImport(sniffFile(text));
    console.log(`Node, reading and validating the ${name} (no database): ${s(performance.now() - t0)} (CPU ${s(cpuNow() - cpu0)}), ${plan.mappings.length.toLocaleString('en-GB')} mappings`);
  }
}

async function inChromium(): Promise<void> {
  const bundle = await fixtureBundle();
  const server = await serveStatic(mkdtempSync(join(tmpdir(), 'bench-export-')));
  const context = await chromium.launchPersistentContext('', {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--enable-precise-memory-info', '--js-flags=--expose-gc'],
  });
  try {
    await context.route(`${server.url}/bench.html`, (route) =>
      route.fulfill({ contentType: 'text/html', body: `<!doctype html><meta charset="utf-8"><title>bench</title><script>${bundle.replace(/<\/script/gi, '<\\/script')}</script>` }),
    );
    const page = await context.newPage();
    await page.goto(`${server.url}/bench.html`);
    type W = { ExportFixture: typeof Fixture };
    for (const request of [{ kind: 'tagset', filter: {}, bom: true }, { kind: 'backup' }] as const) {
      const seedMs = await page.evaluate((count) => (window as unknown as W).ExportFixture.benchSeed(count), MAPPINGS);
      const name = request.kind === 'tagset' ? 'tag-set CSV' : 'backup JSON';
      for (let run = 1; run <= 2; run++) {
        const read = await page.evaluate((kind) => (kind === 'tagset' ? (window as unknown as W).ExportFixture.benchRead() : (window as unknown as W).ExportFixture.benchReadBackup()), request.kind);
        console.log(`Chromium, reading the ${read.items.toLocaleString('en-GB')} ${request.kind === 'tagset' ? 'tag-set items' : 'passages of a backup'} from IndexedDB alone (run ${run}): ${s(read.ms)}`);
      }
      // The export alone twice, then once more with its heap and pauses measured (and the
      // import after it): a single run swings by ±20% on a shared 2-core machine, and the
      // first may meet the database still compacting what seeding wrote.
      const alone: number[] = [];
      for (let run = 0; run < 2; run++) alone.push(await page.evaluate((kind) => (window as unknown as W).ExportFixture.benchExportOnly(kind), request.kind));
      const r = await page.evaluate((req) => (window as unknown as W).ExportFixture.benchExportImport(req), request);
      const runs = [...alone, r.exported.ms];
      const median = [...runs].sort((a, b) => a - b)[1];
      console.log(
        `Chromium, ${name} of ${n} mappings, IndexedDB to Blob: median ${s(median)} of 3 runs (${runs.map(s).join(', ')}), ${mb(r.exported.chars)}, ` +
          `peak JS heap +${r.exported.peakMb.toFixed(0)} MB, longest the page was unresponsive ${r.exported.longestTaskMs.toFixed(0)} ms  (seeding took ${s(seedMs)})`,
      );
      console.log(
        `Chromium, import of that ${name} into an empty database: ${s(r.imported.ms)} (reading and validating ${s(r.imported.readMs)}, one transaction ${s(r.imported.ms - r.imported.readMs)}), ` +
          `${r.imported.mappings.toLocaleString('en-GB')} mappings added, peak JS heap +${r.imported.peakMb.toFixed(0)} MB, longest the page was unresponsive ${r.imported.longestTaskMs.toFixed(0)} ms`,
      );
    }
  } finally {
    await context.close();
    await server.close();
  }
}

/** Prints the figures. */
export async function run(): Promise<void> {
  if (!process.env.BENCH_BROWSER_ONLY) await inNode();
  await inChromium();
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
