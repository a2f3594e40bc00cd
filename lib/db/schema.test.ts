import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { createDb, VERSIONS } from './schema';
import { contentHash, getSpecifications, installBuiltInCatalogue } from './catalogue';
import type { Catalogue } from '../catalogue/model';
import { readEvidence } from '../../test/fixtures/db';
import { unitIndexKey } from './sheets';
import v1Fixture from '../../test/fixtures/db/v1.json';

let n = 0;
const names: string[] = [];
function freshName() {
  const name = `test-db-${++n}-${Date.now()}`;
  names.push(name);
  return name;
}
afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name);
});

const spec = (id: string, title: string): Catalogue['specifications'][number] => ({
  id,
  source: `${id}.txt`,
  title,
  qualifications: [],
  units: [
    {
      ref: 'CU1',
      title: 'A unit',
      level: 2,
      credit: 4,
      glh: null,
      outcomes: [{ number: '1', title: 'Outcome', criteria: [{ id: `${id}:CU1:1.1`, number: '1.1', text: 'Do it' }] }],
    },
  ],
});

describe('database schema', () => {
  it('a store is dropped only after an earlier version has moved its records out (no silently lost data)', () => {
    for (let i = 1; i < VERSIONS.length; i++) {
      for (const [store, def] of Object.entries(VERSIONS[i].stores)) {
        if (def !== null) continue;
        expect(VERSIONS.slice(1, i).some((v) => v.upgrade), `a version before ${VERSIONS[i].version} moves ${store}'s records`).toBe(true);
      }
    }
  });

  it('moves version 1\'s passages and mappings into sheets, keeping every field, and finds them by unit', async () => {
    const name = freshName();
    const v1 = createDb(name, 1);
    await v1.open();
    const passage = { id: 'p1', learnerId: 'l1', pageId: 'pg1', selectors: [{ type: 'TextQuoteSelector', exact: 'she frowned' }], quote: 'she frowned', createdBy: 'A', createdAt: 't0', updatedAt: 't1' };
    const base = { method: 'Obs' as const, note: 'seen', createdBy: 'A', createdAt: 't', updatedAt: 't' };
    const mappings = [
      { id: 'm1', passageId: 'p1', learnerId: 'l1', criterionId: 'edi-l2:CU795:1.7', unitId: 'edi-l2:CU795', ...base },
      { id: 'm2', passageId: 'p1', learnerId: 'l1', criterionId: 'edi-l2:CU792:1.1', unitId: 'edi-l2:CU792', ...base },
      { id: 'm3', passageId: 'p2', learnerId: 'l2', criterionId: 'edi-l2:CU795:1.8', unitId: 'edi-l2:CU795', ...base },
    ];
    await v1.table('passages').bulkAdd([passage, { ...passage, id: 'p2', learnerId: 'l2' }]);
    await v1.table('mappings').bulkAdd(mappings);
    v1.close();
    const db = createDb(name);
    await db.open();
    expect(db.tables.map((t) => t.name)).not.toContain('mappings');
    expect(db.tables.map((t) => t.name)).not.toContain('passages');
    expect(await readEvidence(db)).toEqual({ passages: [passage, { ...passage, id: 'p2', learnerId: 'l2' }], mappings });
    const rows = await db.sheets.where('unitKeys').equals(unitIndexKey('l1', 'edi-l2:CU795')).toArray();
    expect(rows.map((r) => r.passageIds)).toEqual([['p1']]);
    db.close();
  });

  it('upgrades a version 1 database from a fixture file: every record placed or quarantined with its reason, no learner changed', async () => {
    const name = freshName();
    const v1 = createDb(name, 1);
    await v1.open();
    for (const [store, rows] of Object.entries(v1Fixture.stores)) await v1.table(store).bulkAdd(rows);
    v1.close();
    const db = createDb(name);
    await db.open();
    const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : 1);
    const unplaced = new Set(['m5', 'm6', 'm7', 'p5']);
    const { passages, mappings } = await readEvidence(db);
    expect(passages).toEqual([...v1Fixture.stores.passages].filter((p) => !unplaced.has(p.id)).sort(byId));
    expect(mappings).toEqual([...v1Fixture.stores.mappings].filter((m) => !unplaced.has(m.id)).sort(byId));
    // Every mapping kept in a sheet is under the learner it named.
    for (const m of mappings) expect(m.learnerId).toBe(v1Fixture.stores.mappings.find((x) => x.id === m.id)!.learnerId);
    const sheets = await db.sheets.toArray();
    expect(sheets.map((s) => [s.learnerId, s.pageId, s.passageIds, [...s.unitKeys].sort()])).toEqual([
      ['l1', 'pg1', ['p1', 'p2'], [unitIndexKey('l1', 'edi-l2:CU792'), unitIndexKey('l1', 'edi-l2:CU795')]],
      ['l1', 'pg2', ['p3'], []],
      ['l2', 'pg2', ['p4'], [unitIndexKey('l2', 'edi-l2:CU795')]],
    ]);
    expect(sheets[0].passages[0].mappings.map((m) => m.id)).toEqual(['m1', 'm3']);
    // What could not be placed is kept exactly as it was stored, with what it is and why.
    const quarantine = await db.quarantine.toArray();
    const original = (store: 'passages' | 'mappings', id: string) => (v1Fixture.stores[store] as { id: string }[]).find((r) => r.id === id);
    expect(quarantine.map((q) => [q.source, q.recordId, q.record])).toEqual([
      ['version 1 mappings', 'm5', original('mappings', 'm5')],
      ['version 1 mappings', 'm6', original('mappings', 'm6')],
      ['version 1 mappings', 'm7', original('mappings', 'm7')],
      ['version 1 passages', 'p5', original('passages', 'p5')],
    ]);
    const why = Object.fromEntries(quarantine.map((q) => [q.recordId, q.reason]));
    expect(why.m5).toMatch(/passage p9 is not in the database/);
    expect(why.m6).toMatch(/learner l2.*passage p1.*learner l1/);
    expect(why.m7).toMatch(/passage p5 could not be placed/);
    expect(why.p5).toMatch(/names no page/);
    for (const q of quarantine) expect(q.what).toBeTruthy();
    expect(await db.learners.toArray()).toEqual(v1Fixture.stores.learners);
    expect(await db.pages.toArray()).toEqual(v1Fixture.stores.pages);
    expect(await db.decisions.toArray()).toEqual(v1Fixture.stores.decisions);
    expect(await db.settings.toArray()).toEqual(v1Fixture.stores.settings);
    db.close();
  });

  it('adds the quarantine store to a database already upgraded to version 3 before it existed', async () => {
    const name = freshName();
    const old = new Dexie(name);
    old.version(1).stores(VERSIONS[0].stores as Record<string, string>);
    old.version(2).stores({ sheets: '[learnerId+pageId], *passageIds, *unitKeys' });
    old.version(3).stores({ passages: null, mappings: null });
    await old.open();
    expect(old.tables.map((t) => t.name)).not.toContain('quarantine');
    old.close();
    const db = createDb(name);
    await db.open();
    expect(await db.quarantine.count()).toBe(0);
    db.close();
  });

  it('adds the responses store to a version 5 database, keeping its decisions, and finds responses by decision and learner', async () => {
    const name = freshName();
    const v5 = createDb(name, 5);
    await v5.open();
    const decision = { id: 'd1', learnerId: 'l1', target: { type: 'mapping' as const, id: 'p1|edi-l2:CU795:1.8' }, decision: 'refer' as const, reason: 'Whose words?', verifier: 'Tom', createdAt: '2026-03-01T10:00:00.000Z', updatedAt: '2026-03-01T10:00:00.000Z' };
    await v5.decisions.add(decision);
    expect(v5.tables.map((t) => t.name)).not.toContain('responses');
    v5.close();
    const db = createDb(name);
    await db.open();
    expect(db.verno).toBe(VERSIONS[VERSIONS.length - 1].version);
    expect(await db.decisions.get('d1')).toEqual(decision);
    const response = { id: 'r1', decisionId: 'd1', learnerId: 'l1', by: 'Sam', kind: 'reply' as const, text: 'The supervisor', createdAt: '2026-03-02T10:00:00.000Z', updatedAt: '2026-03-02T10:00:00.000Z' };
    await db.responses.add(response);
    expect(await db.responses.where('decisionId').equals('d1').toArray()).toEqual([response]);
    expect(await db.responses.where('learnerId').equals('l1').count()).toBe(1);
    db.close();
  });

  it('opens a database written by each earlier version and keeps its records', async () => {
    for (const old of VERSIONS.slice(0, -1).concat(VERSIONS.length === 1 ? VERSIONS : [])) {
      const name = freshName();
      const before = createDb(name, old.version);
      await before.open();
      await before.learners.add({
        id: 'l1', name: 'Jordan Ellis', qualificationIds: ['edi-l2:500/9378/2'], unitChoices: {},
        archived: false, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z',
      });
      before.close();
      const after = createDb(name);
      await after.open();
      expect(after.verno).toBe(VERSIONS[VERSIONS.length - 1].version);
      expect((await after.learners.get('l1'))?.name).toBe('Jordan Ellis');
      after.close();
    }
  });

});

describe('built-in catalogue install', () => {
  it('writes new specifications, skips unchanged ones, replaces changed ones, removes dropped ones', async () => {
    const db = createDb(freshName());
    const a = spec('a', 'Alpha');
    const b = spec('b', 'Beta');
    expect(await installBuiltInCatalogue(db, { formatVersion: 1, specifications: [a, b] })).toBe(2);
    expect(await installBuiltInCatalogue(db, { formatVersion: 1, specifications: [a, b] })).toBe(0);
    const a2 = { ...a, title: 'Alpha 2' };
    expect(await installBuiltInCatalogue(db, { formatVersion: 1, specifications: [a2] })).toBe(1);
    const specs = await getSpecifications(db);
    expect(specs.map((s) => s.title)).toEqual(['Alpha 2']);
    expect(specs[0]).toEqual(a2);
    db.close();
  });

  it('leaves imported specifications alone', async () => {
    const db = createDb(freshName());
    const imported = spec('mine', 'My import');
    await db.specifications.put({ ...imported, origin: 'imported', contentHash: contentHash(imported), updatedAt: 't' });
    await installBuiltInCatalogue(db, { formatVersion: 1, specifications: [spec('a', 'Alpha')] });
    expect((await getSpecifications(db)).map((s) => s.id)).toEqual(['a', 'mine']);
    db.close();
  });
});

describe('keys that joined ids with a separator', () => {
  const base = { selectors: [], createdBy: 'A', createdAt: 't', updatedAt: 't' };
  const m = (id: string, passageId: string, learnerId: string, unitId: string) => ({ id, passageId, learnerId, criterionId: `${unitId}:1.1`, unitId, method: 'Obs', note: '', createdBy: 'A', createdAt: 't', updatedAt: 't' });

  it('upgrades version 1 passages of learner "LX" on page "PA\\u0000PB" and "LX\\u0000PA" on "PB" into two sheets, each keeping its learner', async () => {
    const name = freshName();
    const v1 = createDb(name, 1);
    await v1.open();
    await v1.table('passages').bulkAdd([
      { id: 'p1', learnerId: 'LX', pageId: 'PA\u0000PB', quote: 'one', ...base },
      { id: 'p2', learnerId: 'LX\u0000PA', pageId: 'PB', quote: 'two', ...base },
    ]);
    await v1.table('mappings').bulkAdd([m('m1', 'p1', 'LX', 'PB'), m('m2', 'p2', 'LX\u0000PA', 'PB')]);
    v1.close();
    const db = createDb(name);
    await db.open();
    const sheets = await db.sheets.toArray();
    expect(sheets.map((s) => [s.learnerId, s.pageId, s.passageIds, s.passages.map((p) => p.learnerId)]).sort()).toEqual([
      ['LX', 'PA\u0000PB', ['p1'], ['LX']],
      ['LX\u0000PA', 'PB', ['p2'], ['LX\u0000PA']],
    ].sort());
    expect((await readEvidence(db)).mappings.map((x) => [x.id, x.learnerId])).toEqual([['m1', 'LX'], ['m2', 'LX\u0000PA']]);
    expect((await db.sheets.where('unitKeys').equals(unitIndexKey('LX', 'PB')).toArray()).map((s) => s.passageIds)).toEqual([['p1']]);
    db.close();
  });

  it('re-keys version 3 sheets whose learner id holds a separator, and splits a sheet the old upgrade merged', async () => {
    const name = freshName();
    const v3 = createDb(name, 3);
    await v3.open();
    const p = (id: string, learnerId: string, pageId: string, unitId: string) => ({
      id, learnerId, pageId, quote: id, ...base, mappings: [{ id: `m-${id}`, criterionId: `${unitId}:1.1`, unitId, method: 'Obs', note: '', createdBy: 'A', createdAt: 't', updatedAt: 't' }],
    });
    // As the old v1 upgrade wrote them: one sheet under the first learner, keys joined with \u0001.
    await v3.table('sheets').bulkAdd([
      { learnerId: 'LX', pageId: 'PA\u0000PB', passages: [p('p1', 'LX', 'PA\u0000PB', 'U1'), p('p2', 'LX\u0000PA', 'PB', 'U2')], passageIds: ['p1', 'p2'], unitKeys: ['LX\u0001U1', 'LX\u0001U2'] },
      { learnerId: 'LY\u0001PA', pageId: 'pg', passages: [p('p3', 'LY\u0001PA', 'pg', 'PB')], passageIds: ['p3'], unitKeys: ['LY\u0001PA\u0001PB'] },
      { learnerId: 'plain', pageId: 'pg', passages: [p('p4', 'plain', 'pg', 'U1')], passageIds: ['p4'], unitKeys: ['plain\u0001U1'] },
    ]);
    v3.close();
    const db = createDb(name);
    await db.open();
    const sheets = await db.sheets.toArray();
    expect(sheets.map((s) => [s.learnerId, s.pageId, s.passageIds, s.unitKeys]).sort()).toEqual([
      ['LX', 'PA\u0000PB', ['p1'], [unitIndexKey('LX', 'U1')]],
      ['LX\u0000PA', 'PB', ['p2'], [unitIndexKey('LX\u0000PA', 'U2')]],
      ['LY\u0001PA', 'pg', ['p3'], [unitIndexKey('LY\u0001PA', 'PB')]],
      ['plain', 'pg', ['p4'], ['plain\u0001U1']],
    ].sort());
    expect(await db.sheets.where('unitKeys').equals(unitIndexKey('LY', 'PA\u0001PB')).count()).toBe(0);
    expect(await db.sheets.where('unitKeys').equals(unitIndexKey('LY\u0001PA', 'PB')).count()).toBe(1);
    db.close();
  });
});
