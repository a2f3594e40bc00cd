import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { fakeBrowser } from 'wxt/testing';
import { createDb, type EvidenceDb } from '../../lib/db/schema';
import { createLearner } from '../../lib/db/learners';
import { setAssessorName, setUserIdentity } from '../../lib/db/settings';
import { dispatch, type Handlers } from '../../lib/messaging/server';
import { CHANNEL } from '../../lib/messaging/envelope';
import type { IvInfo, PassageView } from '../../lib/messaging/protocol';
import { createHandlers } from './handlers';

const OWN = fakeBrowser.runtime.id;
const sender = { id: OWN, tab: { id: 7 } as never, frameId: 0, url: 'https://p.example/l?id=1' };
const base = { url: 'https://p.example/l?id=1', title: 'Portfolio' };

let db: EvidenceDb;
let name: string;
let handlers: Handlers;
let learnerId: string;
beforeEach(async () => {
  name = `sampling-handlers-${Math.random()}`;
  db = createDb(name);
  handlers = createHandlers(db, Promise.resolve());
  learnerId = (await createLearner(db, { name: 'Jordan Ellis', qualificationIds: ['edi-l2:500/9378/2'] })).id;
});
afterEach(async () => {
  db.close();
  await Dexie.delete(name);
});

async function send(type: string, payload: unknown) {
  return dispatch({ channel: CHANNEL, type, payload }, sender, handlers, OWN);
}
async function ask(type: string, payload: unknown) {
  const reply = await send(type, payload);
  if (!reply?.ok) throw new Error(reply ? reply.error : 'no reply');
  return reply.data as Record<string, unknown>;
}

/** A passage tagged by `by`, with one mapping; returns its view. */
async function tag(by: string, quote: string): Promise<PassageView> {
  await setAssessorName(db, by);
  const selectors = [{ type: 'TextQuoteSelector', exact: quote, prefix: '', suffix: '' }];
  const { passage } = (await ask('passage/create', { ...base, learnerId, passageId: crypto.randomUUID(), selectors, quote, mappings: [{ criterionId: 'edi-l2:CU795:1.8', method: 'Obs', note: '' }] })) as { passage: PassageView };
  return passage;
}

describe('decisions from the evidence page', () => {
  it('records the words on the page now with the decision, the verifier and initials from Settings', async () => {
    const p = await tag('Amy Assessor', 'I watched her face');
    await setUserIdentity(db, { name: 'Vera Verifier', initials: '', role: 'verifier' });
    const { decision } = (await ask('sampling/decide', {
      learnerId, mappingId: p.mappings[0].id, decision: 'refer', reason: 'No date', feedback: 'Add the date', action: { text: 'Date the observation', due: '2026-12-20' }, pageText: 'I watched her  face closely',
    })) as { decision: { verifier: string; verifierInitials: string; snapshot: { quote: string } } };
    expect(decision.verifier).toBe('Vera Verifier');
    expect(decision.verifierInitials).toBe('VV');
    expect(decision.snapshot.quote).toBe('I watched her  face closely');
    const stored = await db.decisions.toArray();
    expect(stored).toHaveLength(1);
    expect(stored[0].snapshot?.quote).toBe('I watched her  face closely');
    expect(stored[0].action).toEqual({ text: 'Date the observation', due: '2026-12-20' });

    const info = (await ask('sampling/for-page', { learnerId, mappingIds: [p.mappings[0].id] })) as unknown as IvInfo;
    expect(info).toMatchObject({ name: 'Vera Verifier', role: 'verifier', ivMode: true, assessors: ['Amy Assessor'] });
    expect(info.decisions[p.mappings[0].id].decision).toBe('refer');
  });

  it('refuses, with the reason, a verifier who made the mapping or assesses the learner, and a user not in IV mode', async () => {
    const mine = await tag('Vera Verifier', 'I asked open questions');
    const amys = await tag('Amy Assessor', 'I watched her face');
    await setUserIdentity(db, { name: 'Vera Verifier', initials: 'VV', role: 'both' });
    const off = await send('sampling/decide', { learnerId, mappingId: amys.mappings[0].id, decision: 'agree', reason: '' });
    expect(off).toMatchObject({ ok: false, error: expect.stringContaining('Only an internal verifier decides') });
    expect(await ask('sampling/iv-mode', { on: true })).toEqual({ ivMode: true });
    const own = await send('sampling/decide', { learnerId, mappingId: mine.mappings[0].id, decision: 'agree', reason: '' });
    expect(own).toMatchObject({ ok: false, error: expect.stringContaining('You mapped this evidence yourself') });
    const other = await send('sampling/decide', { learnerId, mappingId: amys.mappings[0].id, decision: 'agree', reason: '' });
    expect(other).toMatchObject({ ok: false, error: expect.stringContaining('You assess this learner') });
    expect(await db.decisions.count()).toBe(0);
  });

  it('validates the message: a referral needs a reason, an action a real date', async () => {
    const p = await tag('Amy Assessor', 'I watched her face');
    await setUserIdentity(db, { name: 'Vera Verifier', initials: 'VV', role: 'verifier' });
    const noReason = await send('sampling/decide', { learnerId, mappingId: p.mappings[0].id, decision: 'refer', reason: ' ' });
    expect(noReason).toMatchObject({ ok: false, error: expect.stringContaining('Give a reason to refer') });
    const badDate = await send('sampling/decide', { learnerId, mappingId: p.mappings[0].id, decision: 'agree', reason: '', action: { text: 'x', due: 'next week' } });
    expect(badDate).toMatchObject({ ok: false });
    expect(await db.decisions.count()).toBe(0);
  });

  it('keeps the IV mode switch only for a user who both assesses and verifies', async () => {
    await setUserIdentity(db, { name: 'Amy Assessor', initials: 'AA', role: 'assessor' });
    expect(await send('sampling/iv-mode', { on: true })).toMatchObject({ ok: false, error: expect.stringContaining('IV mode is for internal verifiers') });
    await setUserIdentity(db, { name: 'Amy Assessor', initials: 'AA', role: 'both' });
    expect(((await ask('sampling/for-page', { learnerId, mappingIds: [] })) as unknown as IvInfo).ivMode).toBe(false);
    await ask('sampling/iv-mode', { on: true });
    expect(((await ask('sampling/for-page', { learnerId, mappingIds: [] })) as unknown as IvInfo).ivMode).toBe(true);
    await ask('sampling/iv-mode', { on: false });
    expect(((await ask('sampling/for-page', { learnerId, mappingIds: [] })) as unknown as IvInfo).ivMode).toBe(false);
  });
});
