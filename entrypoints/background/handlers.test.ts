import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { fakeBrowser } from 'wxt/testing';
import { createDb, type EvidenceDb } from '../../lib/db/schema';
import { createLearner } from '../../lib/db/learners';
import { setAssessorName } from '../../lib/db/settings';
import { recordAnchorStatus } from '../../lib/db/evidence';
import { dispatch, type Handlers } from '../../lib/messaging/server';
import { CHANNEL } from '../../lib/messaging/envelope';
import type { PassageView } from '../../lib/messaging/protocol';
import { createHandlers } from './handlers';

const OWN = fakeBrowser.runtime.id;
const sender = { id: OWN, tab: { id: 7 } as never, frameId: 0, url: 'https://p.example/l?id=1' };

let db: EvidenceDb;
let name: string;
let handlers: Handlers;
let learnerId: string;
beforeEach(async () => {
  name = `handlers-${Math.random()}`;
  db = createDb(name);
  handlers = createHandlers(db, Promise.resolve());
  learnerId = (await createLearner(db, { name: 'Jordan Ellis', qualificationIds: ['edi-l2:500/9378/2'] })).id;
});
afterEach(async () => {
  db.close();
  await Dexie.delete(name);
});

async function ask(type: string, payload: unknown) {
  const reply = await dispatch({ channel: CHANNEL, type, payload }, sender, handlers, OWN);
  if (!reply?.ok) throw new Error(reply ? reply.error : 'no reply');
  return reply.data as Record<string, unknown>;
}

describe('the background answers with passage views', () => {
  it('sends no database fields, lists mappings oldest first, and its view passes the protocol coming back (undo)', async () => {
    const passageId = crypto.randomUUID();
    const base = { url: 'https://p.example/l?id=1', title: 'Portfolio', learnerId };
    const quote = { type: 'TextQuoteSelector', exact: 'I watched her face', prefix: '', suffix: '' };
    await ask('passage/create', { ...base, passageId, selectors: [quote], quote: 'I watched her face', mappings: [{ criterionId: 'edi-l2:CU795:1.8', method: 'Obs', note: '' }] });
    await new Promise((r) => setTimeout(r, 5));
    await ask('passage/update', { passageId, add: [{ criterionId: 'edi-l2:CU795:1.1', method: 'Q', note: 'asked' }] });

    const { passages } = (await ask('passages/for-page', { url: base.url, learnerId })) as { passages: PassageView[] };
    expect(passages).toHaveLength(1);
    const [view] = passages;
    expect(Object.keys(view).sort()).toEqual(['createdAt', 'createdBy', 'id', 'mappings', 'quote', 'selectors']);
    expect(Object.keys(view.mappings[0]).sort()).toEqual(['createdAt', 'createdBy', 'criterionId', 'id', 'method', 'note', 'updatedAt']);
    // By time first, not by id (which would put 1.1 before 1.8).
    expect(view.mappings.map((m) => m.criterionId)).toEqual(['edi-l2:CU795:1.8', 'edi-l2:CU795:1.1']);

    const deleted = await ask('passage/delete', { passageId });
    expect(deleted.passage).toEqual(view);
    const restored = await ask('passage/restore', deleted);
    expect(restored.passage).toEqual(view);
  });
});

describe('delete and undo', () => {
  it('undo restores the stored passage exactly: each mapping\'s author and every time, the anchor status too', async () => {
    const passageId = crypto.randomUUID();
    const url = 'https://p.example/l?id=1';
    const quote = { type: 'TextQuoteSelector', exact: 'I watched her face', prefix: '', suffix: '' };
    await setAssessorName(db, 'Sam Assessor');
    await ask('passage/create', { url, title: 'Portfolio', learnerId, passageId, selectors: [quote], quote: 'I watched her face', mappings: [{ criterionId: 'edi-l2:CU795:1.8', method: 'Obs', note: '' }] });
    await new Promise((r) => setTimeout(r, 5));
    // A second assessor adds a criterion and edits the first one's note.
    await setAssessorName(db, 'Alex Second');
    const { passage } = (await ask('passage/update', { passageId, add: [{ criterionId: 'edi-l2:CU795:1.1', method: 'Q', note: 'asked' }] })) as { passage: PassageView };
    await new Promise((r) => setTimeout(r, 5));
    await ask('passage/update', { passageId, notes: [{ mappingId: passage.mappings[0].id, note: 'calm' }] });
    await recordAnchorStatus(db, [{ passageId, status: 'fuzzy' }]);
    const before = await db.sheets.toArray();
    expect(new Set(before[0].passages[0].mappings.map((m) => m.createdBy))).toEqual(new Set(['Sam Assessor', 'Alex Second']));

    await new Promise((r) => setTimeout(r, 5));
    const deleted = await ask('passage/delete', { passageId });
    expect(await db.sheets.count()).toBe(0);
    await new Promise((r) => setTimeout(r, 5));
    await ask('passage/restore', deleted);
    expect(await db.sheets.toArray()).toEqual(before);
  });
});

describe('a save the disk cannot take', () => {
  it('answers with what was not saved and what to do, tells the background, and saves once the disk takes it again', async () => {
    const events: string[] = [];
    handlers = createHandlers(db, Promise.resolve(), { saved: () => events.push('saved'), failed: () => events.push('failed') });
    const full = Object.assign(new Error('Encountered disk full while committing transaction.'), { name: 'QuotaExceededError' });
    const put = db.sheets.put.bind(db.sheets);
    db.sheets.put = (() => Promise.reject(full)) as unknown as typeof db.sheets.put;
    const request = {
      url: 'https://p.example/l?id=1', title: 'Portfolio', learnerId, passageId: crypto.randomUUID(),
      selectors: [{ type: 'TextQuoteSelector', exact: 'I watched her face', prefix: '', suffix: '' }], quote: 'I watched her face',
      mappings: [{ criterionId: 'edi-l2:CU795:1.8', method: 'Obs', note: 'calm' }],
    };
    await expect(ask('passage/create', request)).rejects.toThrow(
      /^Not saved: the tag on \u201cI watched her face\u201d \(1 criterion\)\. .*disk is probably full.*free some disk space, then save again.*download a backup from .*Settings/,
    );
    expect(events).toEqual(['failed']);
    expect(await db.sheets.count()).toBe(0);
    db.sheets.put = put;
    await ask('passage/create', request);
    expect(events).toEqual(['failed', 'saved']);
    expect(await db.sheets.count()).toBe(1);
  });

  it('passes other errors on as they are', async () => {
    await expect(ask('passage/delete', { passageId: 'gone' })).rejects.toThrow(/^This highlight was already deleted\.$/);
  });
});

describe('assessor polish (issue 13)', () => {
  const url = 'https://p.example/l?id=1';
  const quote = { type: 'TextQuoteSelector', exact: 'I watched her face', prefix: '', suffix: '' };

  it('a mapping\'s method changes through passage/update, recorded with who changed it', async () => {
    const passageId = crypto.randomUUID();
    await setAssessorName(db, 'Sam Assessor');
    const { passage } = (await ask('passage/create', { url, title: 'P', learnerId, passageId, selectors: [quote], quote: 'I watched her face', mappings: [{ criterionId: 'edi-l2:CU795:1.8', method: 'Obs', note: 'n' }] })) as { passage: PassageView };
    await setAssessorName(db, 'Alex Second');
    const after = (await ask('passage/update', { passageId, methods: [{ mappingId: passage.mappings[0].id, method: 'Wt' }] })) as { passage: PassageView };
    expect(after.passage.mappings).toEqual([{ ...passage.mappings[0], method: 'Wt', createdBy: 'Alex Second', updatedAt: expect.any(String) }]);
    await expect(ask('passage/update', { passageId, methods: [{ mappingId: passage.mappings[0].id, method: 'Video' }] })).rejects.toThrow();
  });

  it('asks the assessor\'s name once: until it is set in Settings, answered, or skipped', async () => {
    const hello = () => ask('overlay/hello', { url, title: 'P' });
    expect(await hello()).toMatchObject({ assessor: 'Assessor', askAssessorName: true });
    expect(await ask('assessor/answer-name', { name: '  Sam Patel ' })).toEqual({ assessor: 'Sam Patel' });
    expect(await hello()).toMatchObject({ assessor: 'Sam Patel', askAssessorName: false });
    expect((await db.settings.get('assessor-name'))?.value).toBe('Sam Patel');

    await db.settings.clear();
    expect(await ask('assessor/answer-name', {})).toEqual({ assessor: 'Assessor' });
    expect(await hello()).toMatchObject({ assessor: 'Assessor', askAssessorName: false });

    await db.settings.clear();
    await setAssessorName(db, 'Set In Settings');
    expect(await hello()).toMatchObject({ askAssessorName: false });
  });

  it('says which other learners a page\'s text names, and no one when it names the current learner', async () => {
    const casey = (await createLearner(db, { name: 'Casey Morgan', reference: 'CM-0042', qualificationIds: ['edi-l2:500/9378/2'] })).id;
    const named = (await ask('learners/named-on-page', { learnerId: casey, text: 'Evidence library · Jordan Ellis' })) as { others: { id: string; name: string }[] };
    expect(named.others.map((l) => l.name)).toEqual(['Jordan Ellis']);
    expect(await ask('learners/named-on-page', { learnerId, text: 'Evidence library · Jordan Ellis' })).toEqual({ others: [] });
  });
});
