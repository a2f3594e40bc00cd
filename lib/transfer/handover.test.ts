import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { EvidenceDb } from '../db/schema';
import { createPassage, deletePassage, mappingId, restorePassage, updatePassage, type NewPassage } from '../db/evidence';
import { recordDecision } from '../db/sampling';
import { signOffUnit, withdrawSignoff } from '../db/signoffs';
import { readEvidence } from '../../test/fixtures/db';
import { collect, deleteDbs, freshDb, learner } from '../../test/fixtures/transfer';
import { readImport, sniffFile } from '../export/sniff';
import { exportFile } from './export-file';
import { applyImportPlan } from './import';
import { changeLists } from './changes';
import type { Method } from '../catalogue/methods';

afterEach(deleteDbs);

const at = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 1000).toISOString();
const URLS = ['https://portfolio.example/diary', 'https://portfolio.example/reflection'];
const CRITERIA = ['spec-a:CU1:1.1', 'spec-a:CU1:1.2', 'spec-a:CU2:1.1'];

/** A profile that knows learner l1 (as both do once a first pack went across). */
async function profile(): Promise<EvidenceDb> {
  const db = freshDb();
  await db.learners.put({ ...learner, qualificationIds: [], unitChoices: {} });
  return db;
}

/** The hand-over pack of learner l1, as the Export tab writes it. */
async function pack(db: EvidenceDb, n: number): Promise<string> {
  const file = await exportFile(db, { kind: 'handover', choice: { learnerIds: ['l1'] } }, new Date(at(n)));
  const text = await collect(file.chunks);
  expect(file.problems).toEqual([]);
  return text;
}

/** Imports a file as the Import tab does. */
async function take(db: EvidenceDb, text: string, n: number) {
  return applyImportPlan(db, await readImport(sniffFile(text)), undefined, at(n));
}

const passageInput = (id: string, criteria: string[], url = URLS[0], method: Method = 'Obs', quote = `words of ${id}`): NewPassage => ({
  passageId: id, learnerId: 'l1', url, title: `Page ${url.slice(-6)}`, selectors: [{ type: 'TextQuoteSelector', exact: quote }], quote,
  mappings: criteria.map((criterionId) => ({ criterionId, method, note: '' })), createdBy: 'Sam',
});

/** What a profile shows: its passages (by page address, not page id), mappings, decisions and sign-offs. */
async function shown(db: EvidenceDb) {
  const { passages, mappings } = await readEvidence(db);
  const pages = new Map((await db.pages.toArray()).map((p) => [p.id, p.url]));
  return {
    passages: passages.map(({ anchor: _a, pageId, ...p }) => ({ ...p, page: pages.get(pageId) })),
    mappings,
    decisions: (await db.decisions.toArray()).sort((a, b) => a.id.localeCompare(b.id)),
    signoffs: (await db.signoffs.toArray()).sort((a, b) => a.id.localeCompare(b.id)),
  };
}

/** Everything an import may write but the settings (which remember when packs came). */
async function everything(db: EvidenceDb) {
  const sort = <T extends object>(rows: T[]) => rows.map((r) => JSON.stringify(r)).sort();
  return {
    ...(await shown(db)),
    tombstones: sort(await db.tombstones.toArray()),
    deletedPassages: sort(await db.deletedPassages.toArray()),
    pages: sort(await db.pages.toArray()),
    learners: sort(await db.learners.toArray()),
  };
}

describe('the hand-over between an assessor and an IV', () => {
  it('a passage the assessor deleted disappears from the IV copy, and does not come back from the IV file', async () => {
    const assessor = await profile();
    const iv = await profile();
    await createPassage(assessor, passageInput('p1', [CRITERIA[0]]), at(1));
    await createPassage(assessor, passageInput('p2', [CRITERIA[1]]), at(2));
    await take(iv, await pack(assessor, 3), 4);
    expect((await readEvidence(iv)).passages.map((p) => p.id)).toEqual(['p1', 'p2']);
    const ivFileBefore = await pack(iv, 5);

    await deletePassage(assessor, 'p1', at(6), 'Sam');
    const summary = await take(iv, await pack(assessor, 7), 8);
    expect((await readEvidence(iv)).passages.map((p) => p.id)).toEqual(['p2']);
    expect(summary.changes?.passagesDeleted.map((p) => p.id)).toEqual(['p1']);

    // The IV's file made before it heard of the deletion, and one made after: neither brings p1 back.
    await take(assessor, ivFileBefore, 9);
    await take(assessor, await pack(iv, 10), 11);
    expect((await readEvidence(assessor)).passages.map((p) => p.id)).toEqual(['p2']);
  });

  it('an Undo made after the deletion travels too: the passage comes back on the other profile', async () => {
    const assessor = await profile();
    const iv = await profile();
    await createPassage(assessor, passageInput('p1', [CRITERIA[0], CRITERIA[1]]), at(1));
    await take(iv, await pack(assessor, 2), 3);
    await deletePassage(assessor, 'p1', at(4), 'Sam');
    await take(iv, await pack(assessor, 5), 6);
    expect((await readEvidence(iv)).passages).toEqual([]);
    await restorePassage(assessor, 'p1', passageInput('p1', []), at(7));
    const summary = await take(iv, await pack(assessor, 8), 9);
    expect((await readEvidence(iv)).mappings.map((m) => m.criterionId)).toEqual([CRITERIA[0], CRITERIA[1]]);
    expect(summary.changes?.passagesAdded).toMatchObject([{ id: 'p1', restored: true }]);
  });

  it("an Undo gives back the criteria the other profile had added before it heard of the deletion", async () => {
    const assessor = await profile();
    const iv = await profile();
    await createPassage(assessor, passageInput('p1', [CRITERIA[0]]), at(1));
    await take(iv, await pack(assessor, 2), 3);
    await updatePassage(iv, 'p1', { add: [{ criterionId: CRITERIA[1], method: 'Q', note: '' }], removeMappingIds: [], notes: [] }, 'Jane', at(4));
    await deletePassage(assessor, 'p1', at(5), 'Sam');
    await take(iv, await pack(assessor, 6), 7);
    expect((await readEvidence(iv)).passages).toEqual([]);
    await restorePassage(assessor, 'p1', passageInput('p1', []), at(8));
    await take(iv, await pack(assessor, 9), 10);
    await take(assessor, await pack(iv, 11), 12);
    for (const db of [assessor, iv]) expect((await readEvidence(db)).mappings.map((m) => m.criterionId)).toEqual([CRITERIA[0], CRITERIA[1]]);
  });

  it('an Undo does not put back a criterion the other profile took off before the deletion', async () => {
    const assessor = await profile();
    const iv = await profile();
    await createPassage(assessor, passageInput('p1', [CRITERIA[0], CRITERIA[1]]), at(1));
    await take(iv, await pack(assessor, 2), 3);
    await updatePassage(iv, 'p1', { add: [], removeMappingIds: [mappingId('p1', CRITERIA[1])], notes: [] }, 'Jane', at(4));
    await deletePassage(assessor, 'p1', at(5), 'Sam');
    await take(assessor, await pack(iv, 6), 7);
    await restorePassage(assessor, 'p1', passageInput('p1', []), at(8));
    expect((await readEvidence(assessor)).mappings.map((m) => m.criterionId)).toEqual([CRITERIA[0]]);
  });

  it("the IV's decisions come back as records of their own and change none of the assessor's later work", async () => {
    const assessor = await profile();
    const iv = await profile();
    await createPassage(assessor, passageInput('p1', [CRITERIA[0]]), at(1));
    await take(iv, await pack(assessor, 2), 3);
    const m1 = mappingId('p1', CRITERIA[0]);
    await recordDecision(iv, { learnerId: 'l1', target: { type: 'mapping', id: m1 }, decision: 'refer', reason: 'Say what was observed', verifier: 'Jane' }, at(4));
    // Meanwhile the assessor re-maps the passage (a later change than the IV's copy).
    await updatePassage(assessor, 'p1', { add: [], removeMappingIds: [], notes: [{ mappingId: m1, note: 'observed on site' }], methods: [{ mappingId: m1, method: 'Q' }] }, 'Sam', at(5));
    const before = (await readEvidence(assessor)).mappings;
    const summary = await take(assessor, await pack(iv, 6), 7);
    expect((await readEvidence(assessor)).mappings).toEqual(before);
    expect(await assessor.decisions.toArray()).toMatchObject([{ target: { id: m1 }, decision: 'refer', verifier: 'Jane' }]);
    expect(summary.mappings).toEqual({ added: 0, updated: 0, unchanged: 1 });
    expect(changeLists(summary.changes!)).toEqual([{ heading: 'IV decisions', lines: ['Referred by Jane on CU1 1.1 (Jordan Ellis): Say what was observed'], total: 1 }]);
  });

  it("remembers when the last pack from a profile came, for the next import's summary", async () => {
    const assessor = await profile();
    const iv = await profile();
    await createPassage(assessor, passageInput('p1', [CRITERIA[0]]), at(1));
    const first = await take(iv, await pack(assessor, 2), 3);
    expect(first.handover).toEqual({ from: '', label: 'Jordan Ellis', importedAt: at(3) });
    await updatePassage(assessor, 'p1', { add: [{ criterionId: CRITERIA[2], method: 'Pe', note: '' }], removeMappingIds: [mappingId('p1', CRITERIA[0])], notes: [] }, 'Sam', at(4));
    const second = await take(iv, await pack(assessor, 5), 6);
    expect(second.handover).toEqual({ from: '', label: 'Jordan Ellis', importedAt: at(6), previous: at(3) });
    expect(changeLists(second.changes!)).toEqual([
      { heading: 'Criteria mapped', lines: ['CU2 1.1 (Pe) on “words of p1”, Page /diary (Jordan Ellis)'], total: 1 },
      { heading: 'Criteria taken off', lines: ['CU1 1.1 (Obs) on “words of p1”, Page /diary (Jordan Ellis)'], total: 1 },
    ]);
  });

  it('a decision withdrawn on one profile (its tombstone) is withdrawn on the other and not brought back', async () => {
    const assessor = await profile();
    const iv = await profile();
    await createPassage(assessor, passageInput('p1', [CRITERIA[0]]), at(1));
    await take(iv, await pack(assessor, 2), 3);
    const d = await recordDecision(iv, { learnerId: 'l1', target: { type: 'mapping', id: mappingId('p1', CRITERIA[0]) }, decision: 'agree', reason: '', verifier: 'Jane' }, at(4));
    await take(assessor, await pack(iv, 5), 6);
    const ivBefore = await pack(iv, 7);
    // The IV withdraws it (as the decision's own deletion, recorded like any other).
    await iv.transaction('rw', iv.decisions, iv.tombstones, async () => {
      await iv.decisions.delete(d.id);
      await iv.tombstones.put({ id: d.id, kind: 'decision', learnerId: 'l1', deleted: true, at: at(8), by: 'Jane' });
    });
    const summary = await take(assessor, await pack(iv, 9), 10);
    expect(await assessor.decisions.count()).toBe(0);
    expect(changeLists(summary.changes!)).toEqual([{ heading: 'IV decisions withdrawn', lines: ['Agreed by Jane on CU1 1.1 (Jordan Ellis)'], total: 1 }]);
    await take(assessor, ivBefore, 11);
    expect(await assessor.decisions.count()).toBe(0);
  });

  it('refuses a pack whose deletions are damaged, naming where, and changes nothing', async () => {
    const assessor = await profile();
    await createPassage(assessor, passageInput('p1', [CRITERIA[0]]), at(1));
    await deletePassage(assessor, 'p1', at(2), 'Sam');
    const json = JSON.parse(await pack(assessor, 3));
    expect(json.tombstones).toMatchObject([{ id: 'p1', kind: 'passage', deleted: true, at: at(2), by: 'Sam' }]);
    expect(json.handover).toMatchObject({ learnerIds: ['l1'], label: 'Jordan Ellis' });
    json.tombstones[0].at = 'yesterday';
    await expect(readImport(sniffFile(JSON.stringify(json)))).rejects.toThrow('$.tombstones[0].at: not a date and time');
    json.tombstones[0] = { ...json.tombstones[0], at: at(2), kind: 'page' };
    await expect(readImport(sniffFile(JSON.stringify(json)))).rejects.toThrow(/^\$\.tombstones\[0\]\.kind: /);
  });

  it('a pack of a sampling plan holds the plan and only its learners', async () => {
    const db = await profile();
    await db.learners.put({ ...learner, id: 'l2', name: 'Priya Shah', qualificationIds: [], unitChoices: {} });
    await createPassage(db, passageInput('p1', [CRITERIA[0]]), at(1));
    await createPassage(db, { ...passageInput('p2', [CRITERIA[0]]), learnerId: 'l2' }, at(2));
    const cell = { learnerId: 'l2', unitId: 'spec-a:CU1', stage: 'interim' as const, reasons: ['chosen'], addedAt: at(3) };
    await db.samplingPlans.put({ id: 'plan1', qualificationId: 'spec-a:600/0000/1', title: 'Spring sample', verifier: 'Jane', rule: null, cells: [cell], createdAt: at(3), updatedAt: at(3) });
    const file = await exportFile(db, { kind: 'handover', choice: { planId: 'plan1' } }, new Date(at(4)));
    expect(file.filename).toBe('hand-over-plan-spring-sample-2026-01-01.json');
    const other = freshDb();
    const summary = await take(other, await collect(file.chunks), 5);
    expect((await other.learners.toArray()).map((l) => l.id)).toEqual(['l2']);
    expect((await readEvidence(other)).passages.map((p) => p.id)).toEqual(['p2']);
    expect(await other.samplingPlans.get('plan1')).toMatchObject({ title: 'Spring sample', cells: [cell] });
    expect(summary.handover?.label).toBe('Plan: Spring sample');
    await expect(exportFile(db, { kind: 'handover', choice: { learnerIds: [] } })).rejects.toThrow('Choose at least one learner.');
  });

  // Two profiles make random changes and exchange packs now and then, in either direction.
  type Who = 0 | 1;
  type Op =
    | { kind: 'tag'; who: Who; p: number; c: number; method: Method }
    | { kind: 'untag'; who: Who; p: number; c: number }
    | { kind: 'delete'; who: Who; p: number }
    | { kind: 'undo'; who: Who; p: number }
    | { kind: 'decide'; who: Who; p: number; c: number; refer: boolean }
    | { kind: 'sign'; who: Who; u: number; withdraw: boolean }
    | { kind: 'send'; from: Who };
  const who = fc.constantFrom(0 as const, 1 as const);
  const p = fc.integer({ min: 0, max: 1 });
  const c = fc.integer({ min: 0, max: CRITERIA.length - 1 });
  const op: fc.Arbitrary<Op> = fc.oneof(
    { arbitrary: fc.record({ kind: fc.constant('tag' as const), who, p, c, method: fc.constantFrom<Method>('Obs', 'Q', 'Pe') }), weight: 4 },
    { arbitrary: fc.record({ kind: fc.constant('untag' as const), who, p, c }), weight: 2 },
    { arbitrary: fc.record({ kind: fc.constant('delete' as const), who, p }), weight: 2 },
    { arbitrary: fc.record({ kind: fc.constant('undo' as const), who, p }), weight: 2 },
    { arbitrary: fc.record({ kind: fc.constant('decide' as const), who, p, c, refer: fc.boolean() }), weight: 2 },
    { arbitrary: fc.record({ kind: fc.constant('sign' as const), who, u: fc.integer({ min: 0, max: 1 }), withdraw: fc.boolean() }), weight: 1 },
    { arbitrary: fc.record({ kind: fc.constant('send' as const), from: who }), weight: 3 },
  );

  it('loses and resurrects no mapping, decision or deletion, whatever order packs cross in; importing a pack twice changes nothing (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 24 }), async (ops) => {
        await deleteDbs();
        const dbs = [await profile(), await profile()];
        // The truth: per record, its last event in time, whichever profile made it.
        const passageAlive = new Map<string, boolean>();
        const mappingTruth = new Map<string, { alive: boolean; method: Method }>();
        const signTruth = new Map<string, boolean>();
        const decisions = new Set<string>();
        let clock = 0;
        const stored = async (db: EvidenceDb, id: string) => (await readEvidence(db)).passages.some((x) => x.id === id);
        for (const o of ops) {
          clock += 10;
          if (o.kind === 'send') {
            const to = dbs[o.from === 0 ? 1 : 0];
            const text = await pack(dbs[o.from], clock);
            await take(to, text, clock + 1);
            const once = await everything(to);
            const again = await take(to, text, clock + 2);
            expect(await everything(to)).toEqual(once);
            for (const k of ['passages', 'mappings', 'decisions', 'signoffs', 'tombstones'] as const) expect(again[k].added + again[k].updated).toBe(0);
            continue;
          }
          const db = dbs[o.who];
          const now = at(clock);
          if (o.kind === 'sign') {
            const unit = ['spec-a:CU1', 'spec-a:CU2'][o.u];
            if (o.withdraw) {
              if (await withdrawSignoff(db, 'l1', unit, 'Sam', now)) signTruth.set(unit, false);
            } else {
              await signOffUnit(db, 'l1', unit, 'Sam', now);
              signTruth.set(unit, true);
            }
            continue;
          }
          const id = `p${o.p}`;
          const here = await stored(db, id);
          if (o.kind === 'tag') {
            const mid = mappingId(id, CRITERIA[o.c]);
            const input = { criterionId: CRITERIA[o.c], method: o.method, note: '' };
            if (here) await updatePassage(db, id, { add: [input], removeMappingIds: [], notes: [] }, 'Sam', now);
            else if (!passageAlive.has(id)) await createPassage(db, passageInput(id, [CRITERIA[o.c]], URLS[o.p % 2], o.method), now);
            else continue;
            passageAlive.set(id, true);
            mappingTruth.set(mid, { alive: true, method: o.method });
          } else if (o.kind === 'untag') {
            const mid = mappingId(id, CRITERIA[o.c]);
            const mine = (await readEvidence(db)).mappings.filter((m) => m.passageId === id);
            if (!here || !mine.some((m) => m.id === mid) || mine.length < 2) continue;
            await updatePassage(db, id, { add: [], removeMappingIds: [mid], notes: [] }, 'Sam', now);
            passageAlive.set(id, true);
            mappingTruth.set(mid, { ...mappingTruth.get(mid)!, alive: false });
          } else if (o.kind === 'delete') {
            if (!here) continue;
            await deletePassage(db, id, now, 'Sam');
            passageAlive.set(id, false);
          } else if (o.kind === 'undo') {
            if (here || !(await db.deletedPassages.get(id))) continue;
            await restorePassage(db, id, passageInput(id, []), now);
            passageAlive.set(id, true);
          } else {
            const mid = mappingId(id, CRITERIA[o.c]);
            if (!(await readEvidence(db)).mappings.some((m) => m.id === mid)) continue;
            const d = await recordDecision(db, { learnerId: 'l1', target: { type: 'mapping', id: mid }, decision: o.refer ? 'refer' : 'agree', reason: o.refer ? 'more' : '', verifier: 'Jane' }, now);
            decisions.add(d.id);
          }
        }
        // A full exchange: each profile's pack to the other.
        clock += 10;
        await take(dbs[1], await pack(dbs[0], clock), clock + 1);
        await take(dbs[0], await pack(dbs[1], clock + 2), clock + 3);
        const a = await shown(dbs[0]);
        expect(await shown(dbs[1])).toEqual(a);
        expect(a.passages.map((x) => x.id).sort()).toEqual([...passageAlive].filter(([, alive]) => alive).map(([id]) => id).sort());
        const expected = [...mappingTruth].filter(([mid, t]) => t.alive && passageAlive.get(mid.slice(0, mid.indexOf('|')))).map(([mid, t]) => `${mid} ${t.method}`).sort();
        expect(a.mappings.map((m) => `${m.id} ${m.method}`).sort()).toEqual(expected);
        expect(a.decisions.map((d) => d.id).sort()).toEqual([...decisions].sort());
        expect(a.signoffs.map((s) => s.unitId).sort()).toEqual([...signTruth].filter(([, alive]) => alive).map(([u]) => u).sort());
      }),
      { numRuns: 200 },
    );
  }, 600_000);
});
