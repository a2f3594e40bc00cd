/**
 * Which IndexedDB adapter the extension's PouchDB uses (issue 15): PouchDB's `idb` adapter
 * (one IndexedDB database per PouchDB, its revision trees and sequences in stores of their
 * own) against its newer `indexeddb` adapter, measured in Chromium (Debian's /usr/bin/chromium
 * through playwright-core) on a page of the local server's origin: write N documents shaped
 * like passage documents, push them to the server, and pull them into an empty PouchDB.
 *
 *   npm run bench -- sync-adapters        (SYNC_ADAPTER_DOCS=10000)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { startCouchServer } from '../lib/couch-server';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

async function bundle(): Promise<string> {
  const out = await build({
    stdin: {
      contents: `import PouchDB from 'pouchdb-core'; import idb from 'pouchdb-adapter-idb'; import indexeddb from 'pouchdb-adapter-indexeddb'; import http from 'pouchdb-adapter-http'; import replication from 'pouchdb-replication';
        globalThis.Pouch = PouchDB.plugin(idb).plugin(indexeddb).plugin(http).plugin(replication);`,
      resolveDir: process.cwd(),
    },
    bundle: true,
    platform: 'browser',
    format: 'iife',
    write: false,
    logLevel: 'silent',
  });
  return out.outputFiles[0].text;
}

export async function run(): Promise<void> {
  const n = Number(process.env.SYNC_ADAPTER_DOCS ?? 10000);
  const dir = mkdtempSync(join(tmpdir(), 'em-bench-adapters-'));
  const server = await startCouchServer({ dir, admin: { username: 'admin', password: 'bench' } });
  const context = await chromium.launchPersistentContext('', { executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    await page.addScriptTag({ content: await bundle() });
    for (const adapter of ['idb', 'indexeddb']) {
      const figures = await page.evaluate(
        async ({ adapter, n, url }) => {
          const P = (globalThis as unknown as { Pouch: any }).Pouch;
          const auth = { username: 'admin', password: 'bench' };
          const at = '2026-01-02T00:00:00.000Z';
          const docs = Array.from({ length: n }, (_, i) => ({
            _id: `passage:p-${i}`, type: 'passage', author: 'ann',
            record: { id: `p-${i}`, learnerId: `l-${i % 50}`, pageId: `pg-${i % 200}`, quote: `words of passage ${i}`, selectors: [{ type: 'TextQuoteSelector', exact: `words of passage ${i}` }], createdBy: 'Ann', createdAt: at, updatedAt: at,
              mappings: ['1.1', '1.2', '2.1', '2.2', '3.1'].map((c) => ({ id: `p-${i}|spec-a:CU1:${c}`, criterionId: `spec-a:CU1:${c}`, unitId: 'spec-a:CU1', method: 'Obs', note: '', createdBy: 'Ann', createdAt: at, updatedAt: at })) },
          }));
          const local = new P(`bench-${adapter}`, { adapter });
          let t = performance.now();
          for (let i = 0; i < n; i += 500) await local.bulkDocs(docs.slice(i, i + 500));
          const write = performance.now() - t;
          const remote = new P(`${url}/bench-${adapter}`, { auth });
          t = performance.now();
          const up = await local.replicate.to(remote, { batch_size: 100, retry: false });
          const push = performance.now() - t;
          const empty = new P(`bench-${adapter}-empty`, { adapter });
          t = performance.now();
          const down = await empty.replicate.from(remote, { batch_size: 100, retry: false });
          const pull = performance.now() - t;
          t = performance.now();
          const feed = await empty.changes({ since: 0, include_docs: true });
          const read = performance.now() - t;
          return { write, push, pushed: up.docs_written, pull, pulled: down.docs_written, read, read_n: feed.results.length };
        },
        { adapter, n, url: server.url },
      );
      const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
      console.log(`${adapter}: write ${n} documents ${s(figures.write)}; push ${figures.pushed} ${s(figures.push)}; pull ${figures.pulled} into an empty PouchDB ${s(figures.pull)}; read its changes feed (${figures.read_n}) ${s(figures.read)}`);
    }
  } finally {
    await context.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
