import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { createDb, type EvidenceDb } from './schema';
import { createPassage, updatePassage } from './evidence';
import { createLearner, setLearnerArchived } from './learners';
import { closeAction, recordDecision } from './sampling';
import { addResponse, loadReferralRecords, responsesTo } from './responses';

let db: EvidenceDb;
let name: string;
const Q = 'edi-l2:500/9378/2';
let ann: string;
let ben: string;
beforeEach(async () => {
  name = `resp-${Math.random()}`;
  db = createDb(name);
  ann = (await createLearner(db, { name: 'Ann', qualificationIds: [Q] })).id;
  ben = (await createLearner(db, { name: 'Ben', qualificationIds: [Q] })).id;
});
afterEach(async () => {
  db.close();
  await Dexie.delete(name);
});

const t = (n: number) => new Date(Date.UTC(2026, 2, 1, 10, 0, n)).toISOString();
const passage = (passageId: string, learnerId: string, criterionId: string) => ({
  passageId, learnerId, url: `https://p.example/${passageId}`, title: `Page ${passageId}`, selectors: [], quote: `words of ${passageId}`, createdBy: 'Sam',
  mappings: [{ criterionId, method: 'Obs' as const, note: '' }],
});

async function referral(learnerId: string, passageId: string, at = t(5)) {
  const p = await createPassage(db, passage(passageId, learnerId, 'edi-l2:CU795:1.8'), t(1));
  return recordDecision(db, {
    learnerId, target: { type: 'mapping', id: p.mappings[0].id }, decision: 'refer', reason: 'Whose words?', feedback: 'Ask the witness',
    action: { text: 'Add a witness statement', due: '2026-03-20' }, verifier: 'Tom',
  }, at);
}

describe("the assessor's responses", () => {
  it('keeps each response as a record of its own, under its decision and learner, and leaves the decision as it was', async () => {
    const d = await referral(ann, 'p1');
    const reply = await addResponse(db, { decisionId: d.id, kind: 'reply', text: '  The witness was the supervisor.  ', by: 'Sam' }, t(6));
    const remapped = await addResponse(db, { decisionId: d.id, kind: 'remapped', text: '', by: 'Sam' }, t(7));
    expect(reply).toMatchObject({ decisionId: d.id, learnerId: ann, by: 'Sam', kind: 'reply', text: 'The witness was the supervisor.', createdAt: t(6), updatedAt: t(6) });
    expect(remapped).toMatchObject({ kind: 'remapped', text: '' });
    expect((await responsesTo(db, [d.id])).map((r) => r.kind)).toEqual(['reply', 'remapped']);
    expect(await db.decisions.get(d.id)).toEqual(d);
  });

  it('refuses an empty reply, a nameless assessor, an over-long note and a decision that is gone, each with the reason', async () => {
    const d = await referral(ann, 'p1');
    await expect(addResponse(db, { decisionId: d.id, kind: 'reply', text: '  ', by: 'Sam' })).rejects.toThrow(/Type a reply/);
    await expect(addResponse(db, { decisionId: d.id, kind: 'evidence-added', text: 'x', by: ' ' })).rejects.toThrow(/Set your name/);
    await expect(addResponse(db, { decisionId: d.id, kind: 'reply', text: 'x'.repeat(2001), by: 'Sam' })).rejects.toThrow(/under 2000 characters/);
    await expect(addResponse(db, { decisionId: 'nope', kind: 'reply', text: 'hi', by: 'Sam' })).rejects.toThrow(/no longer exists/);
    expect(await db.responses.count()).toBe(0);
  });

  it("reads one learner's decisions (or everyone's) with their responses and the evidence as it is now", async () => {
    const a = await referral(ann, 'p1');
    const b = await referral(ben, 'p2');
    await addResponse(db, { decisionId: b.id, kind: 'reply', text: 'Done', by: 'Sam' }, t(6));
    await closeAction(db, a.id, t(8));
    await updatePassage(db, 'p1', { add: [], removeMappingIds: [], notes: [], methods: [{ mappingId: a.target.id, method: 'Q' }] }, 'Sam', t(9));

    const mine = await loadReferralRecords(db, ann);
    expect(mine.decisions.map((d) => d.id)).toEqual([a.id]);
    expect(mine.decisions[0].action?.done).toBe(t(8));
    // Closing the action is the assessor's own record.
    expect(mine.responses.map((r) => [r.decisionId, r.kind, r.createdAt])).toEqual([[a.id, 'action-done', t(8)]]);
    expect(mine.learners.map((l) => l.name)).toEqual(['Ann']);
    const ev = mine.evidence.get(a.target.id)!;
    expect(ev.mapping.method).toBe('Q');
    expect(ev.passage.quote).toBe('words of p1');
    expect(ev.page?.title).toBe('Page p1');

    const all = await loadReferralRecords(db, null);
    expect(all.decisions.map((d) => d.id).sort()).toEqual([a.id, b.id].sort());
    expect(all.responses.map((r) => r.kind).sort()).toEqual(['action-done', 'reply']);
    // A mapping deleted since is absent (the list then says so).
    await updatePassage(db, 'p2', { add: [{ criterionId: 'edi-l2:CU795:1.7', method: 'Obs', note: '' }], removeMappingIds: [b.target.id], notes: [] }, 'Sam', t(10));
    expect((await loadReferralRecords(db, ben)).evidence.has(b.target.id)).toBe(false);
    // Everyone's list leaves an archived learner out; their own list still has them.
    await setLearnerArchived(db, ben, true);
    expect((await loadReferralRecords(db, null)).decisions.map((d) => d.id)).toEqual([a.id]);
    expect((await loadReferralRecords(db, ben)).decisions.map((d) => d.id)).toEqual([b.id]);
  });
});
