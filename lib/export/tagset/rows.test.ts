import { describe, expect, it } from 'vitest';
import { indexCatalogue } from '../../catalogue/lookup';
import { TagsetSelection, type PassageEvidence } from './rows';
import type { DecisionRecord, LearnerRecord, MappingRecord, PageRecord, PassageRecord } from '../../db/records';
import { SPEC_A } from '../../../test/fixtures/export-data';

const catalogue = indexCatalogue([SPEC_A]);
const T = '2026-01-01T00:00:00.000Z';
const learner = (id: string, name: string): LearnerRecord => ({ id, name, qualificationIds: [], unitChoices: {}, archived: false, createdAt: T, updatedAt: T });
const page: PageRecord = { id: 'pg', url: 'https://p.example/', title: 'P', kind: 'web', createdAt: T, updatedAt: T };
const passage = (id: string, pageId = 'pg', createdAt = T): PassageRecord => ({ id, learnerId: 'l', pageId, selectors: [], quote: id, createdBy: 'A', createdAt, updatedAt: T });
const mapping = (id: string, passageId: string, criterionId: string, createdAt = T): MappingRecord => ({
  id, passageId, learnerId: 'l', criterionId, unitId: criterionId.slice(0, criterionId.lastIndexOf(':')), method: 'Obs', note: '', createdBy: 'A', createdAt, updatedAt: T,
});
const decision = (id: string, mappingId: string, updatedAt: string): DecisionRecord => ({ id, learnerId: 'l', target: { type: 'mapping', id: mappingId }, decision: 'agree', reason: '', verifier: 'V', createdAt: T, updatedAt });

describe('the tag-set selection', () => {
  it('orders learners by name, then by id in code unit order (the same in every locale)', () => {
    const all = [learner('b', 'Sam'), learner('a', 'Sam'), learner('B', 'Sam'), learner('z', 'Ali')];
    // localeCompare would put "a" before "B"; code units put "B" (66) before "a" (97).
    expect(new TagsetSelection({}, catalogue).learners(all).map((l) => l.id)).toEqual(['z', 'B', 'a', 'b']);
    expect(new TagsetSelection({ learnerId: 'a' }, catalogue).learners(all).map((l) => l.id)).toEqual(['a']);
  });

  it('leaves out a passage whose page is missing', () => {
    const evidence: PassageEvidence[] = [
      { passage: passage('p1'), mappings: [mapping('m1', 'p1', 'spec-a:CU1:1.1')] },
      { passage: passage('p2', 'deleted-page'), mappings: [mapping('m2', 'p2', 'spec-a:CU1:1.1')] },
    ];
    const items = new TagsetSelection({}, catalogue).items(learner('l', 'L'), evidence, new Map([[page.id, page]]), []);
    expect(items.map((i) => i.mapping.id)).toEqual(['m1']);
  });

  it('keeps the units and dates asked for, orders passages as tagged and criteria in order, with the latest decision', () => {
    const evidence: PassageEvidence[] = [
      { passage: passage('p2', 'pg', '2026-02-01T00:00:00.000Z'), mappings: [mapping('m3', 'p2', 'spec-a:CU1:1.2', '2026-03-05T00:00:00.000Z')] },
      { passage: passage('p1'), mappings: [mapping('m2', 'p1', 'spec-a:CU2:1.1'), mapping('m1', 'p1', 'spec-a:CU1:1.1')] },
    ];
    const pages = new Map([[page.id, page]]);
    const decisions = [decision('d1', 'm1', '2026-01-02T00:00:00.000Z'), decision('d2', 'm1', '2026-01-03T00:00:00.000Z'), decision('d3', 'm2', T)];
    const ids = (s: TagsetSelection) => s.items(learner('l', 'L'), evidence, pages, decisions).map((i) => `${i.mapping.id}${i.decision ? `:${i.decision.id}` : ''}`);
    expect(ids(new TagsetSelection({}, catalogue))).toEqual(['m1:d2', 'm2:d3', 'm3']);
    expect(ids(new TagsetSelection({ unitId: 'spec-a:CU1' }, catalogue))).toEqual(['m1:d2', 'm3']);
    expect(ids(new TagsetSelection({ qualificationId: 'spec-a:600/0000/1', from: '2026-03-01', to: '2026-03-05' }, catalogue))).toEqual(['m3']);
    const none = new TagsetSelection({ qualificationId: 'spec-a:600/0000/1', unitId: 'spec-b:X' }, catalogue);
    expect(none.empty).toBe(true);
    expect(ids(none)).toEqual([]);
  });
});
