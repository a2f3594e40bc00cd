import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDb, type EvidenceDb } from '../db/schema';
import { createLearner } from '../db/learners';
import { chosenRefs } from '../coverage';
import { chooseUnits, tickUnit } from './unit-choices';
import { FX, FXQ } from '../../test/fixtures/coverage';

let db: EvidenceDb;
let n = 0;
beforeEach(async () => {
  db = createDb(`unit-ticks-${n++}`);
  await db.open();
});
afterEach(async () => {
  db.close();
  await db.delete();
});

const stored = async (id: string) => chosenRefs(FXQ, (await db.learners.get(id))?.unitChoices);

describe('ticking units in quick succession', () => {
  it('keeps every tick when many are fired at once', async () => {
    const l = await createLearner(db, { name: 'Priya Shah', qualificationIds: ['other:1', FXQ.id] });
    const optional = ['O/100/0003', 'O/100/0004', 'C/100/0006', 'C/100/0007'];
    const results = await Promise.all(optional.map((ref) => tickUnit(db, l.id, FX, FXQ, ref, true)));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(await stored(l.id)).toEqual(['M/100/0001', 'M/100/0002', ...optional]);
    // Unticking them all at once leaves only the mandatory units, none comes back.
    await Promise.all(optional.map((ref) => tickUnit(db, l.id, FX, FXQ, ref, false)));
    expect(await stored(l.id)).toEqual(['M/100/0001', 'M/100/0002']);
  });

  it('keeps a tick and an untick made at once', async () => {
    const l = await createLearner(db, { name: 'Priya Shah', qualificationIds: [FXQ.id] });
    await tickUnit(db, l.id, FX, FXQ, 'O/100/0003', true);
    await Promise.all([tickUnit(db, l.id, FX, FXQ, 'O/100/0003', false), tickUnit(db, l.id, FX, FXQ, 'C/100/0006', true)]);
    expect(await stored(l.id)).toEqual(['M/100/0001', 'M/100/0002', 'C/100/0006']);
  });

  it('lets only one of a barred pair in when both are ticked at once, and says why the other was refused', async () => {
    const l = await createLearner(db, { name: 'Priya Shah', qualificationIds: [FXQ.id] });
    const [first, second] = await Promise.all([tickUnit(db, l.id, FX, FXQ, 'O/100/0004', true), tickUnit(db, l.id, FX, FXQ, 'O/100/0005', true)]);
    expect(first.ok).toBe(true);
    expect(second).toMatchObject({ ok: false, reason: expect.stringContaining('barred with Handle queries') });
    expect(await stored(l.id)).toEqual(['M/100/0001', 'M/100/0002', 'O/100/0004']);
  });

  it('keeps the other qualifications’ choices', async () => {
    const l = await createLearner(db, { name: 'Priya Shah', qualificationIds: ['other:1', FXQ.id] });
    await db.learners.update(l.id, { unitChoices: { 'other:1': ['X'] } });
    await Promise.all(['O/100/0003', 'C/100/0006'].map((ref) => tickUnit(db, l.id, FX, FXQ, ref, true)));
    expect((await db.learners.get(l.id))?.unitChoices['other:1']).toEqual(['X']);
  });
});

describe('choosing several units at once', () => {
  it('adds them to a tick made at the same time, and names the barred one', async () => {
    const l = await createLearner(db, { name: 'Priya Shah', qualificationIds: [FXQ.id] });
    const [, refused] = await Promise.all([
      tickUnit(db, l.id, FX, FXQ, 'C/100/0006', true),
      chooseUnits(db, l.id, FX, FXQ, ['O/100/0004', 'O/100/0005', 'O/100/0003']),
    ]);
    expect(await stored(l.id)).toEqual(['M/100/0001', 'M/100/0002', 'O/100/0003', 'O/100/0004', 'C/100/0006']);
    expect(refused).toEqual([expect.stringMatching(/^O\/100\/0005: .*barred with Handle queries/)]);
  });
});
