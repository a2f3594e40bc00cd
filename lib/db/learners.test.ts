import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDb, type EvidenceDb } from './schema';
import {
  addQualification,
  chooseLearner,
  createLearner,
  lastLearner,
  learnerForSite,
  renameLearner,
  setLearnerArchived,
  setUnitChoices,
} from './learners';
import { signOffUnit, withdrawSignoff } from './signoffs';
import { loadCoverageRecords } from './coverage-queries';
import { coverageFromRecords } from '../coverage/learner';
import { addUnit } from '../coverage/units';
import { unitIdOf } from '../catalogue/ids';
import { evidenceEverything, FX, FXQ, passage } from '../../test/fixtures/coverage';
import { putEvidence } from '../../test/fixtures/db';

let db: EvidenceDb;
let n = 0;
beforeEach(async () => {
  db = createDb(`learner-edits-${n++}`);
  await db.open();
});
afterEach(async () => {
  db.close();
  await db.delete();
});

describe('learner edits', () => {
  it('renames a learner, keeps the reference unless given, refuses a blank name', async () => {
    const l = await createLearner(db, { name: 'Jordan Ellis', reference: 'ULN 1', qualificationIds: [FXQ.id] }, '2026-01-01T00:00:00.000Z');
    const renamed = await renameLearner(db, l.id, '  Jordan Ellis-Smith ', undefined, '2026-01-02T00:00:00.000Z');
    expect(renamed).toMatchObject({ name: 'Jordan Ellis-Smith', reference: 'ULN 1', updatedAt: '2026-01-02T00:00:00.000Z' });
    expect((await db.learners.get(l.id))?.name).toBe('Jordan Ellis-Smith');
    await renameLearner(db, l.id, 'Jordan Ellis-Smith', '');
    expect((await db.learners.get(l.id))?.reference).toBeUndefined();
    await expect(renameLearner(db, l.id, '   ')).rejects.toThrow('needs a name');
    await expect(renameLearner(db, 'nobody', 'X')).rejects.toThrow('no longer exists');
  });

  it('archives a learner out of the site choice, and undo brings them back with their records', async () => {
    const a = await createLearner(db, { name: 'Ana', qualificationIds: [FXQ.id] });
    const b = await createLearner(db, { name: 'Ben', qualificationIds: [FXQ.id] });
    await chooseLearner(db, a.id, 'http://127.0.0.1:8080/portfolio.html');
    expect((await learnerForSite(db, 'http://127.0.0.1:8080/other.html'))?.id).toBe(a.id);
    await setLearnerArchived(db, a.id, true);
    // Ana is archived: the site falls back to the only active learner.
    expect((await learnerForSite(db, 'http://127.0.0.1:8080/other.html'))?.id).toBe(b.id);
    expect((await lastLearner(db))?.id).toBe(b.id);
    await expect(chooseLearner(db, a.id)).rejects.toThrow();
    await setLearnerArchived(db, a.id, false);
    expect((await learnerForSite(db, 'http://127.0.0.1:8080/other.html'))?.id).toBe(a.id);
    expect(await db.learners.count()).toBe(2);
  });

  it('remembers the last learner chosen without a page', async () => {
    const a = await createLearner(db, { name: 'Ana', qualificationIds: [FXQ.id] });
    const b = await createLearner(db, { name: 'Ben', qualificationIds: [FXQ.id] });
    expect(await lastLearner(db)).toBeNull();
    await chooseLearner(db, b.id);
    expect((await lastLearner(db))?.id).toBe(b.id);
    await chooseLearner(db, a.id, null);
    expect((await lastLearner(db))?.id).toBe(a.id);
  });

  it('adds a qualification once and stores unit choices per qualification', async () => {
    const l = await createLearner(db, { name: 'Ana', qualificationIds: ['other:1'] });
    await expect(setUnitChoices(db, l.id, FXQ.id, ['O/100/0003'])).rejects.toThrow('not on that qualification');
    await addQualification(db, l.id, FXQ.id);
    await addQualification(db, l.id, FXQ.id);
    expect((await db.learners.get(l.id))?.qualificationIds).toEqual(['other:1', FXQ.id]);
    await setUnitChoices(db, l.id, 'other:1', ['X']);
    const chosen = addUnit(FX, FXQ, [], 'O/100/0004');
    expect(chosen.ok).toBe(true);
    await setUnitChoices(db, l.id, FXQ.id, chosen.units);
    expect((await db.learners.get(l.id))?.unitChoices).toEqual({ 'other:1': ['X'], [FXQ.id]: chosen.units });
    // The barred partner is refused by lib/coverage before anything is stored.
    const refused = addUnit(FX, FXQ, chosen.units, 'O/100/0005');
    expect(refused.ok).toBe(false);
  });

  it('a unit is achieved once every criterion is evidenced and it is signed off; withdrawing undoes it', async () => {
    const l = await createLearner(db, { name: 'Ana', qualificationIds: [FXQ.id] });
    const mappings = evidenceEverything(FX, l.id, ['M/100/0002']);
    const passageIds = [...new Set(mappings.map((m) => m.passageId))];
    await putEvidence(db, passageIds.map((id, i) => passage(id, l.id, 'pg1', `quote ${i}`, i)), mappings);
    const unitId = unitIdOf('fx', 'M/100/0002');
    const coverage = async () => coverageFromRecords((await loadCoverageRecords(db, l.id, FXQ.id, [FX]))!, FXQ.id)!.units.find((u) => u.unitId === unitId)!;
    expect(await coverage()).toMatchObject({ allEvidenced: true, achieved: false, signoff: null });

    await expect(signOffUnit(db, l.id, unitId, '  ')).rejects.toThrow('Set your name');
    await signOffUnit(db, l.id, unitId, 'Sam Assessor', '2026-03-01T09:00:00.000Z');
    await signOffUnit(db, l.id, unitId, 'Sam Assessor', '2026-03-02T09:00:00.000Z');
    expect(await db.signoffs.count()).toBe(1);
    expect(await coverage()).toMatchObject({ achieved: true, signoff: { assessor: 'Sam Assessor', signedAt: '2026-03-02T09:00:00.000Z' } });

    expect(await withdrawSignoff(db, l.id, unitId)).toBe(1);
    expect(await coverage()).toMatchObject({ achieved: false, signoff: null });
  });
});
