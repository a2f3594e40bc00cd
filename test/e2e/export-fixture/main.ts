/**
 * A test page for the export and import panels in real Chromium (bundled by
 * export-fixture/bundle.ts): mounts both panels when the page has #app, and exposes
 * helpers to seed, read and clear the database, to anchor stored passages on the page it
 * is injected into (same origin, so the same IndexedDB), and to time exports and imports
 * for scripts/bench/export.ts.
 */
import { mount } from 'svelte';
import ExportPanel from '../../../components/ExportPanel.svelte';
import ImportPanel from '../../../components/ImportPanel.svelte';
import Dexie from 'dexie';
import { getDb } from '../../../lib/db/open';
import { createDb } from '../../../lib/db/schema';
import { putEvidence, readEvidence } from '../../fixtures/db';
import type { MappingRecord, PassageRecord } from '../../../lib/db/records';
import { installBuiltInCatalogue } from '../../../lib/db/catalogue';
import { normalisePageUrl } from '../../../lib/util/page-url';
import { anchor } from '../../../lib/anchoring';
import type { Specification } from '../../../lib/catalogue/model';
import type { InputSelector } from '../../../lib/anchoring/types';
import { applyImportPlan } from '../../../lib/transfer/import';
import { backupSource, loadCatalogueIndex, tagsetBatches } from '../../../lib/transfer/sources';
import { exportFile, type ExportRequest } from '../../../lib/transfer/export-file';
import { toBlob } from '../../../lib/export/download';
import { readImport, sniffFileInSlices } from '../../../lib/export/sniff';
import { benchData } from '../../fixtures/bench-data';
import { SPEC_A } from '../../fixtures/catalogue';

const TABLES = ['learners', 'pages', 'decisions', 'signoffs'] as const;
type Records = Partial<Record<(typeof TABLES)[number] | 'passages' | 'mappings', unknown[]>>;

/** Writes a catalogue and records. */
export async function seed(specs: Specification[], records: Records): Promise<void> {
  const db = getDb();
  await installBuiltInCatalogue(db, { formatVersion: 1, specifications: specs });
  for (const t of TABLES) if (records[t]?.length) await db.table(t).bulkPut(records[t]!);
  await putEvidence(db, (records.passages ?? []) as PassageRecord[], (records.mappings ?? []) as MappingRecord[]);
}

/** Every record, sorted by id (passages and mappings as separate lists). */
export async function dump(): Promise<Records> {
  const db = getDb();
  const out: Records = {};
  for (const t of TABLES) out[t] = (await db.table(t).toArray()).sort((a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1));
  return { ...out, ...(await readEvidence(db)) };
}

/** Empties the user's records (the catalogue stays). */
export async function clear(): Promise<void> {
  const db = getDb();
  for (const t of [...TABLES, 'sheets'] as const) await db.table(t).clear();
}

/** Anchors every stored passage of this page on it; returns what each found. */
export async function anchorStored(): Promise<{ quote: string; found: string | null; status: string }[]> {
  const db = getDb();
  const page = await db.pages.where('url').equals(normalisePageUrl(location.href)).first();
  if (!page) return [];
  const passages = (await readEvidence(db)).passages.filter((p) => p.pageId === page.id);
  const out = [];
  for (const p of passages) {
    const r = await anchor(document.body, p.selectors as InputSelector[]);
    out.push({ quote: p.quote, found: r.range?.toString() ?? null, status: r.status });
  }
  return out;
}

/**
 * Writes passages and mappings as version 1 stored them (a record each) into a database
 * of that version, then opens it with the current schema, as an extension update does,
 * and returns what the current code reads back.
 */
export async function migrateFromVersion1(name: string, passages: PassageRecord[], mappings: MappingRecord[]): Promise<{ version: number; stores: string[]; evidence: Awaited<ReturnType<typeof readEvidence>> }> {
  const v1 = createDb(name, 1);
  await v1.open();
  await v1.table('passages').bulkAdd(passages);
  await v1.table('mappings').bulkAdd(mappings);
  v1.close();
  const db = createDb(name);
  await db.open();
  const result = { version: db.verno, stores: db.tables.map((t) => t.name).sort(), evidence: await readEvidence(db) };
  db.close();
  await Dexie.delete(name);
  return result;
}

/** Times and peak JS heap (Chrome's performance.memory) of one export or import. */
export interface BenchFigures {
  ms: number;
  peakMb: number;
  chars: number;
}

const heap = () => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0;

async function timed(work: (sample: () => void) => Promise<number>): Promise<BenchFigures> {
  (globalThis as { gc?: () => void }).gc?.();
  const base = heap();
  let peak = base;
  // Precise heap figures are costly to take: at most one every 10 ms, so the
  // measuring does not weigh on what is measured.
  let last = 0;
  const sample = () => {
    const now = performance.now();
    if (now - last < 10) return;
    last = now;
    peak = Math.max(peak, heap());
  };
  const t0 = performance.now();
  const chars = await work(sample);
  const ms = performance.now() - t0;
  peak = Math.max(peak, heap());
  return { ms, peakMb: (peak - base) / 2 ** 20, chars };
}

/** Seeds `mappings` mappings into real IndexedDB; returns how long the writing took. */
export async function benchSeed(mappings: number): Promise<number> {
  await clear();
  const t0 = performance.now();
  await seed([SPEC_A], benchData(mappings));
  return performance.now() - t0;
}

/** Times reading a full tag set from IndexedDB alone (no CSV written): where an export's time goes. */
export async function benchRead(): Promise<{ ms: number; items: number }> {
  const db = getDb();
  const t0 = performance.now();
  let items = 0;
  for await (const batch of tagsetBatches(db, {}, await loadCatalogueIndex(db))) items += batch.length;
  return { ms: performance.now() - t0, items };
}

/** Times reading every passage for a backup from IndexedDB alone (no JSON written). */
export async function benchReadBackup(): Promise<{ ms: number; items: number }> {
  const db = getDb();
  const t0 = performance.now();
  let items = 0;
  for await (const batch of (await backupSource(db)).passages) items += batch.length;
  return { ms: performance.now() - t0, items };
}

/** Times one export alone, as the export panel makes it (database to Blob). */
export async function benchExportOnly(kind: 'tagset' | 'backup'): Promise<number> {
  const t0 = performance.now();
  const file = await exportFile(getDb(), kind === 'tagset' ? { kind, filter: {}, bom: true } : { kind });
  await toBlob(file.chunks, file.type);
  return performance.now() - t0;
}

/** Exports as the export panel does (database to Blob), then imports the text into an emptied database. */
export async function benchExportImport(
  request: ExportRequest,
): Promise<{ exported: BenchFigures & { longestTaskMs: number }; imported: BenchFigures & { readMs: number; mappings: number; longestTaskMs: number } }> {
  const db = getDb();
  // The longest the page could not respond (Chrome's long tasks: over 50 ms of script).
  let longestTaskMs = 0;
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longestTaskMs = Math.max(longestTaskMs, e.duration);
  });
  observer.observe({ type: 'longtask' });
  const settle = async () => {
    await new Promise((ok) => setTimeout(ok, 100));
    const ms = longestTaskMs;
    longestTaskMs = 0;
    return ms;
  };
  let blob: Blob | undefined;
  const exported = await timed(async (sample) => {
    const file = await exportFile(db, request);
    blob = await toBlob(file.chunks, file.type, sample);
    return blob.size;
  });
  const exportTaskMs = await settle();
  const text = await blob!.text();
  await clear();
  await settle();
  let readMs = 0;
  let added = 0;
  const imported = await timed(async (sample) => {
    const t0 = performance.now();
    const plan = await readImport(await sniffFileInSlices(text, sample), { onProgress: sample });
    readMs = performance.now() - t0;
    sample();
    added = (await applyImportPlan(db, plan, sample)).mappings.added;
    return text.length;
  });
  const importTaskMs = await settle();
  observer.disconnect();
  return { exported: { ...exported, longestTaskMs: exportTaskMs }, imported: { ...imported, readMs, mappings: added, longestTaskMs: importTaskMs } };
}

const app = document.getElementById('app');
if (app) {
  mount(ExportPanel, { target: app });
  mount(ImportPanel, { target: app });
}
