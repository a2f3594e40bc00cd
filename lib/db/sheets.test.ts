import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Dexie from 'dexie';
import { packSheets, sheetKey, specKeyRange, unitIndexKey } from './sheets';
import { createDb } from './schema';
import { loadUnitEvidence } from './coverage-queries';
import { putEvidence, readEvidence } from '../../test/fixtures/db';
import { mapping, passage } from '../../test/fixtures/coverage';

const names: string[] = [];
afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name);
});

// Ids as a backup or another tool may carry them: any text, separators included.
const tricky = fc.string({ unit: fc.constantFrom('L', '\u0000', '\u0001', '\u0002'), maxLength: 3 });
const runs = { numRuns: 5000 };

describe('sheet keys', () => {
  it('learner "LX" on page "PA\\u0000PB" and learner "LX\\u0000PA" on page "PB" have different sheet keys', () => {
    expect(sheetKey('LX', 'PA\u0000PB')).not.toBe(sheetKey('LX\u0000PA', 'PB'));
  });

  it('two different (learner, page) pairs never share a sheet key', () => {
    fc.assert(fc.property(tricky, tricky, tricky, tricky, (l1, p1, l2, p2) => (l1 === l2 && p1 === p2) || sheetKey(l1, p1) !== sheetKey(l2, p2)), runs);
  });

  it('packs those two learners\' passages into two sheets, each keeping its learner', () => {
    const sheets = packSheets(
      [passage('p1', 'LX', 'PA\u0000PB', 'one'), passage('p2', 'LX\u0000PA', 'PB', 'two')],
      [mapping('LX', 'p1', 'fx:M1000001:1.1'), mapping('LX\u0000PA', 'p2', 'fx:M1000001:1.1')],
    );
    expect(sheets.map((s) => [s.learnerId, s.pageId, s.passageIds, s.passages.map((p) => p.learnerId)])).toEqual([
      ['LX', 'PA\u0000PB', ['p1'], ['LX']],
      ['LX\u0000PA', 'PB', ['p2'], ['LX\u0000PA']],
    ]);
  });
});

describe('unit index keys', () => {
  it('learner "LX" on unit "PA\\u0001PB" and learner "LX\\u0001PA" on unit "PB" have different keys', () => {
    expect(unitIndexKey('LX', 'PA\u0001PB')).not.toBe(unitIndexKey('LX\u0001PA', 'PB'));
  });

  it('two different (learner, unit) pairs never share a key, and a spec\'s range holds only that learner\'s units of it', () => {
    fc.assert(fc.property(tricky, tricky, tricky, tricky, (l1, u1, l2, u2) => (l1 === l2 && u1 === u2) || unitIndexKey(l1, u1) !== unitIndexKey(l2, u2)), runs);
    fc.assert(
      fc.property(tricky, tricky, tricky, tricky, (l1, l2, spec, rest) => {
        const [lo, hi] = specKeyRange(l1, spec);
        const k = unitIndexKey(l2, `${spec}:${rest}`);
        return (k >= lo && k < hi) === (l1 === l2);
      }),
      runs,
    );
  });

  it('a unit\'s evidence is that learner\'s only, whatever the ids hold', async () => {
    const name = `sheets-${Math.random()}`;
    names.push(name);
    const db = createDb(name);
    await putEvidence(
      db,
      [passage('p1', 'LX', 'pg', 'one'), passage('p2', 'LX\u0001PA', 'pg', 'two')],
      [
        mapping('LX', 'p1', 'PA\u0001PB:1.1', 'Obs', { unitId: 'PA\u0001PB' }),
        mapping('LX', 'p1', 'PB:1.2', 'Obs', { unitId: 'PB' }),
        mapping('LX\u0001PA', 'p2', 'PB:1.1', 'Obs', { unitId: 'PB' }),
      ],
    );
    expect((await readEvidence(db)).passages).toHaveLength(2);
    const theirs = await loadUnitEvidence(db, 'LX\u0001PA', 'PB');
    expect(theirs.mappings.map((m) => [m.learnerId, m.passageId])).toEqual([['LX\u0001PA', 'p2']]);
    const mine = await loadUnitEvidence(db, 'LX', 'PA\u0001PB');
    expect(mine.mappings.map((m) => [m.learnerId, m.unitId])).toEqual([['LX', 'PA\u0001PB']]);
    db.close();
  });
});
