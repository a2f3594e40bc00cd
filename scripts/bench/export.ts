/**
 * Export and import at scale: 100,000 mappings (50,000 passages, 2 criteria each, 20
 * learners). Prints the time and peak heap of the tag-set CSV export (in memory, and read
 * from the database), the backup export, and the import of each file back into an empty
 * database. The database is fake-indexeddb in Node, which is slower than a browser's
 * IndexedDB, so its figures are an upper bound.
 */
import 'fake-indexeddb/auto';
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import Dexie from 'dexie';
import { createDb, type EvidenceDb } from '../../lib/db/schema';
import { installBuiltInCatalogue } from '../../lib/db/catalogue';
import { applyImportPlan, backupSource, loadCatalogueIndex, tagsetBatches } from '../../lib/db/transfer';
import { tagsetCsv, type TagsetItem } from '../../lib/export/tagset';
import { backupChunks } from '../../lib/export/backup';
import { readImport, sniffFile } from '../../lib/export/read';
import { indexCatalogue } from '../../lib/export/catalogue-index';
import type { Dataset } from '../../lib/export/test-data';
import { SPEC_A } from '../../lib/export/test-catalogue';
import { METHODS } from '../../lib/db/records';

const MAPPINGS = 100_000;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function makeData(): Dataset {
  const t = (i: number) => new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
  const criteria = SPEC_A.units.flatMap((u) => u.outcomes.flatMap((o) => o.criteria.map((c) => c.id)));
  const ds: Dataset = { learners: [], pages: [], passages: [], mappings: [], decisions: [], signoffs: [] };
  for (let l = 0; l < 20; l++) {
    ds.learners.push({ id: `learner-${l}`, name: `Learner ${l}, "L${l}"`, qualificationIds: ['spec-a:600/0000/1'], unitChoices: {}, archived: false, createdAt: t(l), updatedAt: t(l) });
  }
  for (let p = 0; p < 200; p++) ds.pages.push({ id: `page-${p}`, url: `https://portfolio.example/evidence/${p}`, title: `Reflective account ${p}`, kind: 'web', createdAt: t(p), updatedAt: t(p) });
  for (let i = 0; i < MAPPINGS / 2; i++) {
    const quote = `I explained to the customer, "${i}", how =the returns policy works\nand checked they understood.`;
    const passage = {
      id: `passage-${String(i).padStart(6, '0')}`, learnerId: `learner-${i % 20}`, pageId: `page-${i % 200}`,
      selectors: [{ type: 'TextQuoteSelector', exact: quote, prefix: 'Yesterday ', suffix: ' Then I' }, { type: 'TextPositionSelector', start: i, end: i + quote.length }],
      quote, createdBy: 'Sam Assessor', createdAt: t(i), updatedAt: t(i),
    };
    ds.passages.push(passage);
    for (let k = 0; k < 2; k++) {
      const criterionId = criteria[(i + k) % criteria.length];
      ds.mappings.push({
        id: `${passage.id}|${criterionId}`, passageId: passage.id, learnerId: passage.learnerId, criterionId, unitId: criterionId.slice(0, criterionId.lastIndexOf(':')),
        method: METHODS[i % METHODS.length], note: i % 3 ? '' : 'Seen in person, see obs record', createdBy: 'Sam Assessor', createdAt: t(i), updatedAt: t(i),
      });
    }
  }
  return ds;
}

/** Consumes a stream of text chunks as a download would (keeping only the byte count), noting peak heap. */
async function drain(chunks: AsyncIterable<string>, keep = false): Promise<Figures & { text?: string }> {
  gc();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  let bytes = 0;
  const kept: string[] = [];
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for await (const c of chunks) {
    bytes += c.length;
    if (keep) kept.push(c);
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, bytes, peakMb: (peak - base) / 2 ** 20, ...(keep ? { text: kept.join('') } : {}) };
}

interface Figures {
  ms: number;
  cpuMs: number;
  bytes: number;
  peakMb: number;
}

async function fill(db: EvidenceDb, ds: Dataset) {
  await installBuiltInCatalogue(db, { formatVersion: 1, specifications: [SPEC_A] });
  await db.transaction('rw', [db.learners, db.pages, db.passages, db.mappings], async () => {
    await db.learners.bulkAdd(ds.learners);
    await db.pages.bulkAdd(ds.pages);
    await db.passages.bulkAdd(ds.passages);
    await db.mappings.bulkAdd(ds.mappings);
  });
}

// CPU time is printed beside wall time because the machine may be shared.
const fmt = (r: Figures) =>
  `${(r.ms / 1000).toFixed(2)} s (CPU ${(r.cpuMs / 1000).toFixed(2)} s), ${(r.bytes / 2 ** 20).toFixed(1)} MB of text, peak heap +${r.peakMb.toFixed(0)} MB (garbage included)`;

/** Prints the figures. */
export async function run(): Promise<void> {
  const ds = makeData();
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
  const mem = await drain(tagsetCsv(batches(), catalogue, { bom: true }));
  console.log(`tag-set CSV, ${MAPPINGS.toLocaleString('en-GB')} mappings from memory: ${fmt(mem)}`);

  const a = createDb(`bench-export-a-${Date.now()}`);
  let t0 = performance.now();
  await fill(a, ds);
  console.log(`(setting up: ${MAPPINGS.toLocaleString('en-GB')} mappings written to fake-indexeddb in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  const dbCatalogue = await loadCatalogueIndex(a);
  const csv = await drain(tagsetCsv(tagsetBatches(a, {}, dbCatalogue), dbCatalogue, { bom: true }), true);
  console.log(`tag-set CSV read from the database (fake-indexeddb): ${fmt(csv)}`);
  const backup = await drain(backupChunks(await backupSource(a)), true);
  console.log(`backup JSON read from the database (fake-indexeddb): ${fmt(backup)}`);
  a.close();

  for (const [name, text] of [['tag-set CSV', csv.text!], ['backup JSON', backup.text!]] as const) {
    const b = createDb(`bench-export-b-${Date.now()}`);
    await installBuiltInCatalogue(b, { formatVersion: 1, specifications: [SPEC_A] });
    t0 = performance.now();
    const plan = await readImport(sniffFile(text));
    const read = performance.now() - t0;
    const summary = await applyImportPlan(b, plan);
    const total = performance.now() - t0;
    console.log(
      `import ${name}: ${(total / 1000).toFixed(2)} s (reading and validating ${(read / 1000).toFixed(2)} s, writing one transaction ${((total - read) / 1000).toFixed(2)} s); ` +
        `${summary.mappings.added.toLocaleString('en-GB')} mappings, ${summary.passages.added.toLocaleString('en-GB')} passages added`,
    );
    t0 = performance.now();
    const again = await applyImportPlan(b, await readImport(sniffFile(text)));
    console.log(`  same file again: ${((performance.now() - t0) / 1000).toFixed(2)} s, ${again.mappings.added + again.mappings.updated} mappings changed`);
    b.close();
    await Dexie.delete(b.name);
  }
  await Dexie.delete(a.name);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
