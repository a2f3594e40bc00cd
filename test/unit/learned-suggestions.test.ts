/**
 * Suggestions learn from the profile's confirmed mappings (issue 18): a mapping saved in the
 * database moves its criterion up for a similar passage; removing it, or "Reset learned
 * suggestions", takes that away; Undo brings it back. The database and the index are the real
 * ones (fake-indexeddb), joined as the overlay joins them through the background.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { createDb, type EvidenceDb } from '../../lib/db/schema';
import { createPassage, updatePassage } from '../../lib/db/evidence';
import { createLearner } from '../../lib/db/learners';
import { examplesKey, learningExamples, resetLearning, undoResetLearning } from '../../lib/db/learned-suggestions';
import { createCriteriaIndex, flattenCatalogue } from '../../lib/search';
import { smallCatalogue } from '../fixtures/search';

const TARGET = 'edi-l2:CU824:1.2';
const TAGGED = 'The man was livid about the late van, wanted money back, which only my supervisor can sign off, so I fetched my supervisor.';
const NEW = 'She was livid that the van never came and wanted her money back, I cannot sign that off so I fetched my supervisor.';

let db: EvidenceDb;
let name: string;
let learnerId: string;
beforeEach(async () => {
  name = `learned-${Math.random()}`;
  db = createDb(name);
  learnerId = (await createLearner(db, { name: 'Jordan Ellis', qualificationIds: ['edi-l2:500/9378/2'] })).id;
});
afterEach(async () => {
  db.close();
  await Dexie.delete(name);
});

const index = createCriteriaIndex(flattenCatalogue(smallCatalogue()));
/** The target's place among suggestions for the new passage (Infinity: not suggested), after learning from the database as it is. */
async function rankNow(): Promise<number> {
  index.learn(await learningExamples(db));
  const at = index.suggest(NEW, { limit: 18 }).findIndex((h) => h.id === TARGET);
  return at < 0 ? Infinity : at;
}

async function tag(criterionIds: string[], at: string) {
  return createPassage(db, {
    passageId: crypto.randomUUID(), learnerId, url: 'https://p.example/portfolio', title: 'Portfolio',
    selectors: [{ type: 'TextQuoteSelector', exact: TAGGED, prefix: '', suffix: '' }], quote: TAGGED, createdBy: 'Sam',
    mappings: criterionIds.map((criterionId) => ({ criterionId, method: 'Obs' as const, note: '' })),
  }, at);
}

describe('learned suggestions', () => {
  it('a mapping saved moves its criterion up for a similar passage; removing the mapping takes it back down', async () => {
    const cold = await rankNow();
    expect(cold).not.toBe(0);
    const passage = await tag([TARGET, 'edi-l2:CU795:1.1'], '2026-11-01T10:00:00.000Z');
    expect(await learningExamples(db)).toContainEqual({ criterionId: TARGET, text: TAGGED });
    const learned = await rankNow();
    expect(learned).toBeLessThan(cold);
    const hit = index.suggest(NEW, { limit: 18 }).find((h) => h.id === TARGET)!;
    expect(hit.learned).toEqual(expect.arrayContaining(['livid']));
    const mapping = passage.mappings.find((m) => m.criterionId === TARGET)!;
    await updatePassage(db, passage.id, { add: [], removeMappingIds: [mapping.id], notes: [], methods: [] }, 'Sam');
    expect((await learningExamples(db)).map((e) => e.criterionId)).toEqual(['edi-l2:CU795:1.1']);
    expect(await rankNow()).toBeGreaterThan(learned);
  });

  it('"Reset learned suggestions" forgets earlier mappings but not later ones, and Undo restores them', async () => {
    const cold = await rankNow();
    await tag([TARGET], '2026-11-01T10:00:00.000Z');
    expect(await rankNow()).toBe(0);
    const previous = await resetLearning(db, '2026-11-02T10:00:00.000Z');
    expect(previous).toBeNull();
    expect(await learningExamples(db)).toEqual([]);
    expect(await rankNow()).toBe(cold);
    await undoResetLearning(db, previous);
    expect(await rankNow()).toBe(0);
    await resetLearning(db, '2026-11-02T10:00:00.000Z');
    await tag([TARGET], '2026-11-03T10:00:00.000Z');
    expect(await learningExamples(db)).toHaveLength(1);
    expect(await rankNow()).toBe(0);
  });

  it('keys the examples, so the overlay learns again only when a mapping was saved or removed', async () => {
    const empty = examplesKey(await learningExamples(db));
    expect(examplesKey(await learningExamples(db))).toBe(empty);
    await tag([TARGET], '2026-11-01T10:00:00.000Z');
    const one = examplesKey(await learningExamples(db));
    expect(one).not.toBe(empty);
    expect(examplesKey(await learningExamples(db))).toBe(one);
    expect(examplesKey([{ criterionId: TARGET, text: 'a' }])).not.toBe(examplesKey([{ criterionId: TARGET, text: 'b' }]));
  });
});
