/**
 * Where an export's time goes in real Chromium: seeds 100,000 mappings into IndexedDB (the
 * export benchmark's data), profiles one export (`tagset` or `backup`, database to Blob)
 * with the DevTools sampling profiler, and prints the 25 functions with the most self
 * time. Run: `npx tsx scripts/profile-export.ts [tagset|backup]`; with TIME_READS=1 it first
 * times two raw reads (counting the passageIds index, and the sheets' keys).
 */
import { chromium } from 'playwright-core';
import { CHROMIUM } from '../test/e2e/harness';
import { fixtureBundle } from '../test/e2e/export-fixture/bundle';
const kind = process.argv[2] ?? 'tagset';
const bundle = await fixtureBundle();
const context = await chromium.launchPersistentContext('', { executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
await context.route('http://127.0.0.1:4999/b.html', (route) => route.fulfill({ contentType: 'text/html', body: `<!doctype html><meta charset="utf-8"><title>bench</title><script>${bundle.replace(/<\/script/gi, '<\\/script')}</script>` }));
const page = await context.newPage(); await page.addInitScript('window.__name = (f) => f;');
await page.goto('http://127.0.0.1:4999/b.html');
await page.evaluate(() => (window as any).ExportFixture.benchSeed(100000));
await page.evaluate(() => (window as any).ExportFixture.benchRead());
if (process.env.TIME_READS) {
  console.log(await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((ok) => { const q = indexedDB.open('evidence-mapper'); q.onsuccess = () => ok(q.result); });
    const req = <T,>(r: IDBRequest<T>) => new Promise<T>((ok) => { r.onsuccess = () => ok(r.result); });
    const t0 = performance.now();
    await req(db.transaction('sheets').objectStore('sheets').index('passageIds').count());
    const t1 = performance.now();
    await req(db.transaction('sheets').objectStore('sheets').getAllKeys());
    const t2 = performance.now();
    db.close();
    return { countPassageIds: t1 - t0, sheetKeys: t2 - t1 };
  }));
}
const cdp = await context.newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
await cdp.send('Profiler.start');
const t = await page.evaluate((k) => (window as any).ExportFixture.benchExportOnly(k), kind);
const { profile } = await cdp.send('Profiler.stop') as any;
console.log('export ms', t);
const self = new Map<string, number>();
const dt = new Map<number, number>();
const samples: number[] = profile.samples; const deltas: number[] = profile.timeDeltas;
for (let i = 0; i < samples.length; i++) dt.set(samples[i], (dt.get(samples[i]) ?? 0) + deltas[i] / 1000);
for (const n of profile.nodes) { const f = n.callFrame; const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`; self.set(key, (self.get(key) ?? 0) + (dt.get(n.id) ?? 0)); }
console.log([...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${v.toFixed(0).padStart(6)} ms  ${k}`).join('\n'));
await context.close();
