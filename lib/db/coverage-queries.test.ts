import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { createDb, type EvidenceDb } from './schema';
import { loadCoverageRecords, loadCriterionEvidence, loadEvidenceSources, loadPageRecords, loadUnitEvidence } from './coverage-queries';
import type { DecisionRecord, LearnerRecord, MappingRecord } from './records';
import { putEvidence } from '../../test/fixtures/db';
import { FX, FXQ, mapping, page, passage, signoff } from '../../test/fixtures/coverage';
import { coverageFromRecords, learnerCoverage } from '../coverage/learner';

/** Rows each store handed back, so a test can see that only one learner's records were read. */
const readRows = new Map<string, number>();
const cursorOpens = new Map<string, number>();

function countingDb(name: string): EvidenceDb {
  const db = createDb(name);
  db.use({
    stack: 'dbcore',
    name: 'count-reads',
    create(down) {
      return {
        ...down,
        table(tableName) {
          const t = down.table(tableName);
          const add = (n: number) => readRows.set(tableName, (readRows.get(tableName) ?? 0) + n);
          return {
            ...t,
            get: (req) => t.get(req).then((r) => (add(r === undefined ? 0 : 1), r)),
            getMany: (req) => t.getMany(req).then((r) => (add(r.filter((x) => x !== undefined).length), r)),
            query: (req) => t.query(req).then((r) => (add(r.result.length), r)),
            openCursor: (req) => {
              cursorOpens.set(tableName, (cursorOpens.get(tableName) ?? 0) + 1);
              return t.openCursor(req);
            },
          };
        },
      };
    },
  });
  return db;
}

const learner = (id: string, qualificationIds: string[], unitChoices: Record<string, string[]> = {}): LearnerRecord => ({
  id, name: id, qualificationIds, unitChoices, archived: false, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z',
});

let db: EvidenceDb;
let n = 0;
beforeEach(async () => {
  db = countingDb(`coverage-queries-${++n}-${Date.now()}`);
  await db.open();
  // A spec whose id starts with the fixture's, to prove the range stops at "fx:".
  const fxx = { ...FX, id: 'fxx', qualifications: [] };
  await db.specifications.bulkPut([FX, fxx].map((s) => ({ ...s, origin: 'built-in' as const, contentHash: 'x', updatedAt: '2026-01-01T00:00:00Z' })));
  await db.learners.bulkPut([learner('L1', [FXQ.id], { [FXQ.id]: ['O/100/0003'] }), learner('L2', [FXQ.id])]);
  await db.pages.bulkPut([page('pg1', 'https://p.example/one', 'One'), page('pg2', 'https://p.example/two', 'Two')]);
  const passages = [
    passage('a', 'L1', 'pg1', 'alpha', 1),
    passage('b', 'L1', 'pg1', 'beta', 2),
    passage('c', 'L1', 'pg2', 'gamma', 3),
    passage('z', 'L2', 'pg1', 'other learner', 4),
  ];
  const mine: MappingRecord[] = [
    mapping('L1', 'a', 'fx:M1000001:1.1', 'Obs'),
    mapping('L1', 'b', 'fx:M1000001:1.1', 'Wt'),
    mapping('L1', 'b', 'fx:M1000001:1.2', 'Wt'),
    mapping('L1', 'c', 'fx:O1000003:1.1', 'D'),
    mapping('L1', 'c', 'fxx:M1000001:1.1', 'D'),
  ];
  const others: MappingRecord[] = [];
  for (let i = 0; i < 300; i++) others.push(mapping('L2', 'z', `fx:M1000001:1.${(i % 2) + 1}`, 'Obs'));
  await putEvidence(db, passages, [...mine, ...others]);
  await db.signoffs.bulkPut([signoff('L1', 'fx', 'M/100/0002'), signoff('L2', 'fx', 'M/100/0001'), signoff('L1', 'fxx', 'M/100/0001')]);
  const decision: DecisionRecord = {
    id: 'd1', learnerId: 'L1', target: { type: 'mapping', id: mine[0].id }, decision: 'agree', reason: '', verifier: 'Iris', createdAt: '2026-04-01T00:00:00Z', updatedAt: '2026-04-01T00:00:00Z',
  };
  // A decision on a mapping of another unit, and one on a unit: neither belongs to a unit's evidence.
  await db.decisions.bulkPut([
    decision,
    { ...decision, id: 'd2', target: { type: 'mapping', id: mine[3].id } },
    { ...decision, id: 'd3', target: { type: 'unit', id: 'fx:M1000001' } },
  ]);
  readRows.clear();
  cursorOpens.clear();
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

describe('coverage queries', () => {
  it('reads one learner\'s mappings and sign-offs of one specification, and nothing else', async () => {
    const rec = await loadCoverageRecords(db, 'L1', FXQ.id);
    expect(rec).toBeDefined();
    expect(rec!.learner.id).toBe('L1');
    expect(rec!.spec.id).toBe('fx');
    expect(rec!.mappings.map((m) => m.criterionId).sort()).toEqual(['fx:M1000001:1.1', 'fx:M1000001:1.1', 'fx:M1000001:1.2', 'fx:O1000003:1.1']);
    expect(rec!.signoffs.map((s) => s.unitId)).toEqual(['fx:M1000002']);
    // Another learner's sheet with 300 mappings sits in the same store: it was not read.
    // The learner's two sheets (pages) were read once each.
    expect(readRows.get('sheets')).toBe(2);
    expect(readRows.get('signoffs')).toBe(1);
    expect(cursorOpens.get('sheets') ?? 0).toBe(0);
  });

  it('feeds lib/coverage directly', async () => {
    const rec = (await loadCoverageRecords(db, 'L1', FXQ.id, [FX]))!;
    expect(readRows.get('specifications') ?? 0).toBe(0); // the catalogue passed in is used
    const cov = learnerCoverage({ spec: rec.spec, qualification: FXQ, unitChoices: rec.learner.unitChoices, mappings: rec.mappings, signoffs: rec.signoffs });
    expect(cov.units.map((u) => [u.ref, u.evidenced, u.total])).toEqual([
      ['M/100/0001', 2, 3],
      ['M/100/0002', 0, 3],
      ['O/100/0003', 1, 2],
    ]);
    expect(cov.units[1].signoff).not.toBeNull();
    expect(coverageFromRecords(rec, FXQ.id)).toEqual(cov);
    expect(coverageFromRecords(rec, 'fx:999/9999/9')).toBeUndefined();
  });

  it('gives undefined for an unknown learner or specification', async () => {
    expect(await loadCoverageRecords(db, 'nobody', FXQ.id)).toBeUndefined();
    expect(await loadCoverageRecords(db, 'L1', 'nospec:1/2/3')).toBeUndefined();
  });

  it('loads a unit\'s evidence with its passages, pages and decisions', async () => {
    const ev = await loadUnitEvidence(db, 'L1', 'fx:M1000001');
    expect(ev.mappings).toHaveLength(3);
    expect([...ev.passages.keys()].sort()).toEqual(['a', 'b']);
    expect([...ev.pages.keys()]).toEqual(['pg1']);
    expect(ev.decisions.map((d) => d.id)).toEqual(['d1']);
    expect(readRows.get('sheets')).toBe(1);
  });

  it('loads the evidence behind mappings already in hand without reading mappings again', async () => {
    const rec = (await loadCoverageRecords(db, 'L1', FXQ.id, [FX]))!;
    readRows.clear();
    const ev = await loadEvidenceSources(db, 'L1', rec.mappings.filter((m) => m.unitId === 'fx:O1000003'));
    expect([...ev.passages.keys()]).toEqual(['c']);
    expect([...ev.pages.keys()]).toEqual(['pg2']);
    expect(ev.decisions.map((d) => d.id)).toEqual(['d2']);
    expect(readRows.get('sheets')).toBe(1);
  });

  it('loads a criterion\'s evidence', async () => {
    const ev = await loadCriterionEvidence(db, 'L1', 'fx:M1000001:1.1');
    expect(ev.mappings.map((m) => m.passageId).sort()).toEqual(['a', 'b']);
    expect(ev.passages.get('a')?.quote).toBe('alpha');
    const none = await loadCriterionEvidence(db, 'L1', 'fx:C1000007:1.1');
    expect(none).toEqual({ mappings: [], passages: new Map(), pages: new Map(), decisions: [], responses: [] });
  });

  it('loads a learner\'s passages on one page and their mappings', async () => {
    const rec = await loadPageRecords(db, 'L1', 'https://p.example/one');
    expect(rec!.page.id).toBe('pg1');
    expect(rec!.passages.map((p) => p.id).sort()).toEqual(['a', 'b']);
    expect(rec!.mappings).toHaveLength(3);
    expect(await loadPageRecords(db, 'L1', 'https://p.example/none')).toBeUndefined();
    const l2 = await loadPageRecords(db, 'L2', 'https://p.example/two');
    expect(l2!.passages).toEqual([]);
  });
});
