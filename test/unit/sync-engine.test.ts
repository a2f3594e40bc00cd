/**
 * Sync runs between profiles (Dexie in fake-indexeddb, a PouchDB in memory beside each)
 * through the CouchDB-protocol server, or the CouchDB COUCH_URL names.
 */
import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NodePouch, startTestCouch, type TestCouch } from '../sync/couch';
import { deleteDbs, freshDb } from '../fixtures/transfer';
import { createLearner } from '../../lib/db/learners';
import { createPassage, deletePassage, recordAnchorStatus, updatePassage } from '../../lib/db/evidence';
import { closeAction, recordDecision, reopenAction } from '../../lib/db/sampling';
import { readSyncRecords } from '../../lib/sync/records';
import { conflicts, pendingChanges, syncOnce, type PouchDatabase } from '../../lib/sync/engine';
import { withoutChangeLog } from '../../lib/db/change-log';
import { conflictOf, resolveConflict } from '../../lib/sync/conflicts';
import { renameLearner } from '../../lib/db/learners';
import type { EvidenceDb } from '../../lib/db/schema';
import type { Credentials } from '../../lib/sync/design';

let couch: TestCouch;
beforeAll(async () => {
  couch = await startTestCouch();
});
afterAll(() => couch?.stop());
afterEach(deleteDbs);

let n = 0;
interface Profile {
  db: EvidenceDb;
  local: PouchDatabase;
  user: Credentials;
  device: string;
  sync(): ReturnType<typeof syncOnce>;
}
function profile(team: string, user: Credentials): Profile {
  const db = freshDb();
  const local = new NodePouch(`profile-${++n}-${Date.now()}`, { adapter: 'memory' }) as PouchDatabase;
  const device = `device-${n}`;
  return { db, local, user, device, sync: () => syncOnce(db, local, couch.remote(team, user), { author: user.username, batchSize: 7, device }) };
}

const QUAL = 'spec-a:600/0000/1';
async function tag(p: Profile, learnerId: string, quote: string, at: string) {
  return createPassage(p.db, { passageId: `p-${quote}`, learnerId, url: 'https://portfolio.example/diary', title: 'Diary', selectors: [{ type: 'TextQuoteSelector', exact: quote }], quote, mappings: [{ criterionId: 'spec-a:CU1:1.1', method: 'Obs', note: '' }], createdBy: 'Ann' }, at);
}

/**
 * One user's passage changed on two machines before either synced: the laptop adds CU1 1.2,
 * the desktop CU1 2.1; both have synced since, so both hold the conflict.
 */
async function conflictOnTwoMachines(quote: string) {
  const team = await couch.teamDatabase();
  const user = await couch.user(['assessor']);
  const laptop = profile(team, user);
  const desktop = profile(team, user);
  const learner = await createLearner(laptop.db, { name: 'Jo', qualificationIds: [QUAL] });
  const passage = await tag(laptop, learner.id, quote, '2026-01-02T00:00:00.000Z');
  await laptop.sync();
  await desktop.sync();
  const method = { method: 'Obs' as const, note: '' };
  await updatePassage(laptop.db, passage.id, { add: [{ criterionId: 'spec-a:CU1:1.2', ...method }], removeMappingIds: [], notes: [] }, 'Ann', '2026-01-05T10:00:00.000Z');
  await updatePassage(desktop.db, passage.id, { add: [{ criterionId: 'spec-a:CU1:2.1', ...method }], removeMappingIds: [], notes: [] }, 'Ann', '2026-01-05T11:00:00.000Z');
  await laptop.sync();
  await desktop.sync();
  await laptop.sync();
  return { team, user, laptop, desktop, id: `passage:${passage.id}` };
}

describe('a sync run', () => {
  it("brings an assessor's passage to the IV, the IV's referral back to her, and a deletion across", async () => {
    const team = await couch.teamDatabase();
    const ann = profile(team, await couch.user(['assessor']));
    const ivy = profile(team, await couch.user(['iv']));
    const learner = await createLearner(ann.db, { name: 'Jo', qualificationIds: [QUAL] }, '2026-01-01T00:00:00.000Z');
    const passage = await tag(ann, learner.id, 'wired the board', '2026-01-02T00:00:00.000Z');
    const first = await ann.sync();
    expect(first).toMatchObject({ refused: [], conflicts: [], problems: [] });
    expect(first.pushed).toBeGreaterThanOrEqual(3); // learner, page, passage
    await ivy.sync();
    expect((await readSyncRecords(ivy.db)).passages).toEqual((await readSyncRecords(ann.db)).passages);

    const referral = await recordDecision(ivy.db, { learnerId: learner.id, target: { type: 'mapping', id: passage.mappings[0].id }, decision: 'refer', reason: 'Say which board', verifier: 'Ivy' }, '2026-01-03T00:00:00.000Z');
    expect((await ivy.sync()).refused).toEqual([]);
    await ann.sync();
    expect((await readSyncRecords(ann.db)).decisions).toEqual([referral]);

    await deletePassage(ann.db, passage.id, '2026-01-04T00:00:00.000Z', 'Ann');
    await ann.sync();
    await ivy.sync();
    const atIv = await readSyncRecords(ivy.db);
    expect(atIv.passages).toEqual([]);
    expect(atIv.tombstones.map((t) => [t.id, t.deleted])).toEqual([[passage.id, true]]);
  });

  it('a second run with nothing new moves nothing', async () => {
    const team = await couch.teamDatabase();
    const ann = profile(team, await couch.user(['assessor']));
    const learner = await createLearner(ann.db, { name: 'Jo', qualificationIds: [QUAL] });
    await tag(ann, learner.id, 'one', '2026-01-02T00:00:00.000Z');
    await ann.sync();
    expect(await ann.sync()).toMatchObject({ staged: 0, pushed: 0, pulled: 0, refused: [] });
  });

  it('a run stages only what the change log names, and clears it once pushed', async () => {
    const team = await couch.teamDatabase();
    const ann = profile(team, await couch.user(['assessor']));
    const learner = await createLearner(ann.db, { name: 'Jo', qualificationIds: [QUAL] });
    for (let i = 0; i < 12; i++) await tag(ann, learner.id, `line ${i}`, '2026-01-02T00:00:00.000Z');
    expect((await ann.sync()).staged).toBe(14); // learner, page, 12 passages
    expect(await pendingChanges(ann.db)).toEqual([]);
    // A change the log does not name is not looked at: the run reads the log, not every record.
    await withoutChangeLog(ann.db, () => renameLearner(ann.db, learner.id, 'Unlogged'));
    await renameLearner(ann.db, learner.id, 'Joanne');
    await tag(ann, learner.id, 'line 12', '2026-01-03T00:00:00.000Z');
    expect((await pendingChanges(ann.db)).map((e) => e.store).sort()).toEqual(['learners', 'sheets']);
    const second = await ann.sync();
    // The learner and the new passage (its sheet's other 12 passages compared and unchanged).
    expect(second).toMatchObject({ staged: 2, pushed: 2, refused: [] });
    expect(await pendingChanges(ann.db)).toEqual([]);
  });

  it("what a run takes from the server is not sent back: the IV's next run stages nothing, even where the merge rewrote it", async () => {
    const team = await couch.teamDatabase();
    const ann = profile(team, await couch.user(['assessor']));
    const bob = profile(team, await couch.user(['assessor']));
    const learner = await createLearner(ann.db, { name: 'Jo', qualificationIds: [QUAL] }, '2026-01-01T00:00:00.000Z');
    await ann.sync();
    await bob.sync();
    // Both tag the same address before either has the other's page.
    await tag(ann, learner.id, 'ann saw', '2026-01-02T00:00:00.000Z');
    await tag(bob, learner.id, 'bob saw', '2026-01-02T00:00:00.000Z');
    await ann.sync();
    const bobs = await bob.sync();
    expect(bobs.refused).toEqual([]);
    expect(await pendingChanges(bob.db)).toEqual([]);
    // Nothing of Ann's goes back as Bob's; the one page both made is one document, its two
    // first versions settled (the settling goes up once).
    expect(await bob.sync()).toMatchObject({ staged: 0, refused: [], conflicts: [] });
    expect(await bob.sync()).toMatchObject({ staged: 0, pushed: 0, refused: [] });
    const atBob = await readSyncRecords(bob.db);
    expect(atBob.pages).toHaveLength(1);
    expect(atBob.passages.map((p) => p.quote).sort()).toEqual(['ann saw', 'bob saw']);
    const ivy = profile(team, await couch.user(['iv']));
    await ivy.sync();
    expect(await pendingChanges(ivy.db)).toEqual([]);
    expect(await ivy.sync()).toMatchObject({ staged: 0, pushed: 0, refused: [] });
    // The IV opens the page: how the passages anchored here is hers to know, not a change to Ann's passage.
    await recordAnchorStatus(ivy.db, (await readSyncRecords(ivy.db)).passages.map((p) => ({ passageId: p.id, status: 'fuzzy' as const })));
    expect(await ivy.sync()).toMatchObject({ staged: 0, pushed: 0, refused: [] });
  });

  it("the assessor marking the IV's action done is her own record: nothing refused, and the IV sees it done", async () => {
    const team = await couch.teamDatabase();
    const ann = profile(team, await couch.user(['assessor']));
    const ivy = profile(team, await couch.user(['iv']));
    const learner = await createLearner(ann.db, { name: 'Jo', qualificationIds: [QUAL] });
    const passage = await tag(ann, learner.id, 'six', '2026-01-02T00:00:00.000Z');
    await ann.sync();
    await ivy.sync();
    const d = await recordDecision(ivy.db, { learnerId: learner.id, target: { type: 'mapping', id: passage.mappings[0].id }, decision: 'refer', reason: 'Whose words?', verifier: 'Ivy', action: { text: 'Add a witness statement', due: '2026-02-01' } }, '2026-01-03T00:00:00.000Z');
    await ivy.sync();
    await ann.sync();
    await closeAction(ann.db, d.id, '2026-01-04T00:00:00.000Z', 'Ann');
    expect(await ann.sync()).toMatchObject({ refused: [] });
    await ivy.sync();
    expect((await ivy.db.decisions.get(d.id))?.action?.done).toBe('2026-01-04T00:00:00.000Z');
    expect(await ivy.sync()).toMatchObject({ staged: 0, refused: [] });
    // Undo: open again, everywhere.
    await reopenAction(ann.db, d.id, '2026-01-05T00:00:00.000Z', 'Ann');
    expect(await ann.sync()).toMatchObject({ refused: [] });
    await ivy.sync();
    expect((await ivy.db.decisions.get(d.id))?.action?.done).toBeUndefined();
  });

  it("reports what the server refused: an assessor's decision (say, from an old backup) is not hers to share", async () => {
    const team = await couch.teamDatabase();
    const ann = profile(team, await couch.user(['assessor']));
    const learner = await createLearner(ann.db, { name: 'Jo', qualificationIds: [QUAL] });
    const passage = await tag(ann, learner.id, 'two', '2026-01-02T00:00:00.000Z');
    const decision = await recordDecision(ann.db, { learnerId: learner.id, target: { type: 'mapping', id: passage.mappings[0].id }, decision: 'agree', reason: '', verifier: 'Ann' });
    const result = await ann.sync();
    expect(result.refused).toEqual([{ id: `decision:${decision.id}`, reason: `Only a user with role iv may write decision documents (decision:${decision.id}).` }]);
    expect(result.pushed).toBe(3);
  });

  it('keeps both sides of one passage changed offline on two machines: the conflict is listed, Dexie holds the later edit everywhere', async () => {
    const team = await couch.teamDatabase();
    const user = await couch.user(['assessor']);
    const laptop = profile(team, user);
    const desktop = profile(team, user);
    const learner = await createLearner(laptop.db, { name: 'Jo', qualificationIds: [QUAL] });
    const passage = await tag(laptop, learner.id, 'three', '2026-01-02T00:00:00.000Z');
    await laptop.sync();
    await desktop.sync();
    // Both change the same passage's note while offline.
    const mappingId = passage.mappings[0].id;
    await updatePassage(laptop.db, passage.id, { add: [], removeMappingIds: [], notes: [{ mappingId, note: 'laptop' }] }, 'Ann', '2026-01-05T10:00:00.000Z');
    await updatePassage(desktop.db, passage.id, { add: [], removeMappingIds: [], notes: [{ mappingId, note: 'desktop' }] }, 'Ann', '2026-01-05T11:00:00.000Z');
    await laptop.sync();
    const second = await desktop.sync();
    expect(second.conflicts).toEqual([`passage:${passage.id}`]);
    await laptop.sync();
    for (const p of [laptop, desktop]) {
      const listed = await conflicts(p.local);
      expect(listed.map((c) => c.id)).toEqual([`passage:${passage.id}`]);
      const notes = listed[0].versions.map((v) => (v.record as { mappings: { note: string }[] }).mappings[0].note).sort();
      expect(notes).toEqual(['desktop', 'laptop']);
      expect((await readSyncRecords(p.db)).passages[0].mappings[0].note).toBe('desktop');
    }
  });

  it('a conflict is listed with both versions, which is this machine\'s, until merged: then every machine has both criteria and no conflict', async () => {
    const { user, laptop, desktop, id } = await conflictOnTwoMachines('five');
    const seen = await conflictOf(laptop.local, id, laptop.device);
    expect(seen?.versions.map((v) => v.mine).sort()).toEqual([false, true]);
    const criteria = (v: { record?: unknown }) => (v.record as { mappings: { criterionId: string }[] }).mappings.map((m) => m.criterionId).sort();
    expect(criteria(seen!.versions.find((v) => v.mine)!)).toEqual(['spec-a:CU1:1.1', 'spec-a:CU1:1.2']);
    expect(criteria(seen!.versions.find((v) => !v.mine)!)).toEqual(['spec-a:CU1:1.1', 'spec-a:CU1:2.1']);
    await resolveConflict(laptop.db, laptop.local, id, { merge: true }, { author: user.username, device: laptop.device });
    await laptop.sync();
    await desktop.sync();
    for (const p of [laptop, desktop]) {
      expect(await conflictOf(p.local, id, p.device)).toBeNull();
      expect((await readSyncRecords(p.db)).passages[0].mappings.map((m) => m.criterionId).sort()).toEqual(['spec-a:CU1:1.1', 'spec-a:CU1:1.2', 'spec-a:CU1:2.1']);
    }
  });

  it("keeping one version takes the other's criterion off everywhere, on a third machine that had merged both too", async () => {
    const { team, user, laptop, desktop, id } = await conflictOnTwoMachines('six');
    const ivy = profile(team, await couch.user(['iv']));
    // The IV's machine takes both versions and, as every machine does, shows every criterion until someone chooses.
    await ivy.sync();
    const criteria = async (p: Profile) => (await readSyncRecords(p.db)).passages[0].mappings.map((m) => m.criterionId).sort();
    expect(await criteria(ivy)).toEqual(['spec-a:CU1:1.1', 'spec-a:CU1:1.2', 'spec-a:CU1:2.1']);
    const mine = (await conflictOf(laptop.local, id, laptop.device))!.versions.find((v) => v.mine)!;
    await resolveConflict(laptop.db, laptop.local, id, { keep: mine.rev }, { author: user.username, device: laptop.device });
    expect((await laptop.sync()).refused).toEqual([]);
    await desktop.sync();
    await ivy.sync();
    for (const p of [laptop, desktop, ivy]) {
      expect(await conflictOf(p.local, id, p.device)).toBeNull();
      expect(await criteria(p)).toEqual(['spec-a:CU1:1.1', 'spec-a:CU1:1.2']);
    }
  });

  it("an IV's next run after her first sync does not offer the server back what came down, and her own work still goes up", async () => {
    const team = await couch.teamDatabase();
    const ann = profile(team, await couch.user(['assessor']));
    const ivUser = await couch.user(['iv']);
    const ivy = profile(team, ivUser);
    const learner = await createLearner(ann.db, { name: 'Jo', qualificationIds: [QUAL] }, '2026-01-01T00:00:00.000Z');
    const passages = [];
    for (let i = 0; i < 30; i++) passages.push(await tag(ann, learner.id, `entry ${i}`, '2026-01-02T00:00:00.000Z'));
    await ann.sync();
    expect((await ivy.sync()).pulled).toBeGreaterThanOrEqual(32);
    // The IV refers one passage; her next run is counted: the ids it offers the server.
    await recordDecision(ivy.db, { learnerId: learner.id, target: { type: 'mapping', id: passages[3].mappings[0].id }, decision: 'refer', reason: 'Say more', verifier: 'Ivy' }, '2026-01-03T00:00:00.000Z');
    const offered: string[] = [];
    const counting = new NodePouch(`${couch.url}/${team}`, {
      auth: ivUser,
      skip_setup: true,
      fetch: async (url: string, opts: RequestInit) => {
        if (String(url).includes('_revs_diff')) offered.push(...Object.keys(JSON.parse(String(opts.body))));
        return NodePouch.fetch(url, opts);
      },
    });
    const next = await syncOnce(ivy.db, ivy.local, counting, { author: ivUser.username, batchSize: 7, device: ivy.device });
    expect(next.refused).toEqual([]);
    expect(offered.filter((id) => id.startsWith('decision:'))).toHaveLength(1);
    expect(offered.filter((id) => id.startsWith('passage:'))).toEqual([]);
    await ann.sync();
    expect((await readSyncRecords(ann.db)).decisions.map((d) => d.reason)).toEqual(['Say more']);
  });

  it('applies what came down a few documents at a time: a learner renamed after her passages arrives with them', async () => {
    const team = await couch.teamDatabase();
    const ann = profile(team, await couch.user(['assessor']));
    const ivUser = await couch.user(['iv']);
    const learner = await createLearner(ann.db, { name: 'Jo', qualificationIds: [QUAL] }, '2026-01-01T00:00:00.000Z');
    for (let i = 0; i < 5; i++) await tag(ann, learner.id, `note ${i}`, '2026-01-02T00:00:00.000Z');
    await ann.sync();
    // Renamed later: on the server the learner's document now comes after her passages.
    await renameLearner(ann.db, learner.id, 'Jo Bloggs', undefined, '2026-01-03T00:00:00.000Z');
    await ann.sync();
    const fresh = freshDb();
    const local = new NodePouch(`profile-${++n}-${Date.now()}`, { adapter: 'memory' }) as PouchDatabase;
    const first = await syncOnce(fresh, local, couch.remote(team, ivUser), { author: ivUser.username, applyBatch: 2, batchSize: 1 });
    expect(first.problems).toEqual([]);
    const got = await readSyncRecords(fresh);
    expect(got.passages.map((p) => p.quote).sort()).toEqual(['note 0', 'note 1', 'note 2', 'note 3', 'note 4']);
    expect(got.learners.map((l) => l.name)).toEqual(['Jo Bloggs']);
  });

  it('says what went wrong when the password is wrong or the server is gone, and keeps the work for the next run', async () => {
    const team = await couch.teamDatabase();
    const user = await couch.user(['assessor']);
    const ann = profile(team, { ...user, password: 'wrong' });
    const learner = await createLearner(ann.db, { name: 'Jo', qualificationIds: [QUAL] });
    await tag(ann, learner.id, 'four', '2026-01-02T00:00:00.000Z');
    await expect(ann.sync()).rejects.toThrow('The server did not accept your user name and password. Check them in Settings.');
    const gone = freshDb();
    const nowhere = new NodePouch('http://127.0.0.1:9/team', { skip_setup: true });
    await expect(syncOnce(gone, new NodePouch(`x-${++n}`, { adapter: 'memory' }) as PouchDatabase, nowhere, { author: 'ann' })).rejects.toThrow(/^The server did not answer/);
    // The right password later: everything goes up.
    const fixed = await syncOnce(ann.db, ann.local, couch.remote(team, user), { author: user.username });
    expect(fixed.pushed).toBe(3);
  });

  it('a run cut off half-way loses and duplicates nothing: the next run goes on and every passage arrives once', async () => {
    const team = await couch.teamDatabase();
    const user = await couch.user(['assessor']);
    const ann = profile(team, user);
    const learner = await createLearner(ann.db, { name: 'Jo', qualificationIds: [QUAL] }, '2026-01-01T00:00:00.000Z');
    for (let i = 0; i < 40; i++) await tag(ann, learner.id, `passage ${i}`, '2026-01-02T00:00:00.000Z');
    // The server stops answering after two batches of seven documents.
    let writes = 0;
    const failing = new NodePouch(`${couch.url}/${team}`, {
      auth: user,
      skip_setup: true,
      fetch: (url: string, opts: RequestInit) => (String(url).includes('_bulk_docs') && ++writes > 2 ? Promise.reject(new TypeError('fetch failed')) : NodePouch.fetch(url, opts)),
    });
    await expect(syncOnce(ann.db, ann.local, failing, { author: user.username, batchSize: 7 })).rejects.toThrow(/^The server did not answer/);
    const admin = couch.remote(team, couch.admin);
    // Two batches of seven went up before the cut.
    const before = (await admin.allDocs()).rows.filter((r: { id: string }) => !r.id.startsWith('_design/')).length;
    expect(before).toBe(14);
    const rest = await ann.sync();
    expect(rest.pushed).toBe(42 - before);
    const rows = (await admin.allDocs({ conflicts: true, include_docs: true })).rows.filter((r: { id: string }) => !r.id.startsWith('_design/'));
    expect(rows).toHaveLength(42);
    expect(rows.every((r: { value: { rev: string }; doc: { _conflicts?: string[] } }) => r.value.rev.startsWith('1-') && !r.doc._conflicts)).toBe(true);
    const other = profile(team, await couch.user(['iv']));
    await other.sync();
    expect((await readSyncRecords(other.db)).passages).toHaveLength(40);
  });
});
