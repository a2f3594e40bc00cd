import { describe, expect, it } from 'vitest';
import { changeLists, quoteStart } from './changes';
import type { ImportChanges } from './import';
import type { DecisionRecord } from '../db/records';

const T = '2026-03-01T10:00:00.000Z';
const empty = (): ImportChanges => ({
  passagesAdded: [], passagesChanged: [], passagesDeleted: [], mappingsAdded: [], mappingsChanged: [], mappingsRemoved: [],
  decisions: [], decisionsWithdrawn: [], signoffs: [], signoffsWithdrawn: [],
  learnerNames: { l1: 'Jordan Ellis' }, pageTitles: { pg1: 'Site diary' },
});
const note = { learnerId: 'l1', pageId: 'pg1' };
const decision = (over: Partial<DecisionRecord>): DecisionRecord => ({
  id: 'd', learnerId: 'l1', target: { type: 'mapping', id: 'p1|spec-a:CU1:1.2' }, decision: 'agree', reason: '', verifier: 'Jane Verifier', createdAt: T, updatedAt: T, ...over,
});

describe('the import summary lists what changed', () => {
  it('names passages by the start of their quote, their page and learner; an undone deletion says so', () => {
    const c = empty();
    c.passagesAdded.push({ ...note, id: 'p1', quote: 'I checked   the scaffold\ntags before work began' }, { ...note, id: 'p2', quote: 'Back again', restored: true });
    c.passagesDeleted.push({ ...note, id: 'p3', quote: 'x'.repeat(100) });
    expect(changeLists(c)).toEqual([
      { heading: 'New passages', lines: ['“I checked the scaffold tags before work began” on Site diary (Jordan Ellis)', '“Back again” on Site diary (Jordan Ellis) (its deletion was undone)'], total: 2 },
      { heading: 'Deleted passages', lines: [`“${'x'.repeat(59)}…” on Site diary (Jordan Ellis)`], total: 1 },
    ]);
  });

  it('names mappings by criterion code and method, decisions by agree or refer, who, and on what', () => {
    const c = empty();
    c.mappingsAdded.push({ ...note, id: 'p1', quote: 'words', mappingId: 'p1|spec-a:CU1:1.2', criterionId: 'spec-a:CU1:1.2', method: 'Obs' });
    c.mappingsRemoved.push({ ...note, id: 'p1', quote: 'words', mappingId: 'p1|spec-a:CU2:3.1~2', criterionId: 'spec-a:CU2:3.1~2', method: 'Q' });
    c.decisions.push(
      decision({}),
      decision({ id: 'd2', decision: 'refer', reason: 'No date on the observation', target: { type: 'unit', id: 'spec-a:CU2' } }),
      decision({ id: 'd3', target: { type: 'qualification', id: 'spec-a:600/0000/1' }, verifier: '' }),
    );
    c.signoffs.push({ id: 's', learnerId: 'l1', unitId: 'spec-a:CU1', assessor: 'Sam', signedAt: T, updatedAt: T });
    c.signoffsWithdrawn.push({ id: 's2', learnerId: 'l1', unitId: 'spec-a:CU2', assessor: 'Sam', signedAt: T, updatedAt: T });
    expect(changeLists(c)).toEqual([
      { heading: 'Criteria mapped', lines: ['CU1 1.2 (Obs) on “words”, Site diary (Jordan Ellis)'], total: 1 },
      { heading: 'Criteria taken off', lines: ['CU2 3.1~2 (Q) on “words”, Site diary (Jordan Ellis)'], total: 1 },
      {
        heading: 'IV decisions',
        lines: [
          'Agreed by Jane Verifier on CU1 1.2 (Jordan Ellis)',
          'Referred by Jane Verifier on unit CU2 (Jordan Ellis): No date on the observation',
          'Agreed by the IV on qualification 600/0000/1 (rules of combination) (Jordan Ellis)',
        ],
        total: 3,
      },
      { heading: 'Units signed off', lines: ['Unit CU1 signed off by Sam (Jordan Ellis)'], total: 1 },
      { heading: 'Sign-offs withdrawn', lines: ['Unit CU2 (Jordan Ellis)'], total: 1 },
    ]);
  });

  it('lists the first lines of a long list and says how many there are in all', () => {
    const c = empty();
    for (let i = 0; i < 250; i++) c.passagesAdded.push({ ...note, id: `p${i}`, quote: `quote ${i}` });
    const [list] = changeLists(c, 100);
    expect(list.total).toBe(250);
    expect(list.lines).toHaveLength(100);
    expect(list.lines[99]).toBe('“quote 99” on Site diary (Jordan Ellis)');
  });

  it('lists nothing when nothing changed', () => {
    expect(changeLists(empty())).toEqual([]);
    expect(quoteStart('  short  ')).toBe('short');
  });
});
