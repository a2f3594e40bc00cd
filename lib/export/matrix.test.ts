import { describe, expect, it } from 'vitest';
import { evidenceMatrix, MATRIX_COLUMNS } from './matrix';
import { indexCatalogue } from '../catalogue/lookup';
import { SPEC_A } from '../../test/fixtures/export-data';
import type { TagsetItem } from './tagset/rows';
import type { LearnerRecord, MappingRecord } from '../db/records';

const T = '2026-01-01T00:00:00.000Z';
const learner: LearnerRecord = { id: 'l1', name: 'Jordan', qualificationIds: ['spec-a:600/0000/1'], unitChoices: { 'spec-a:600/0000/1': ['CU1', 'CU2'] }, archived: false, createdAt: T, updatedAt: T };
const page = { id: 'pg', url: 'https://p.example/a', title: 'Account', kind: 'web' as const, createdAt: T, updatedAt: T };
const passage = { id: 'p', learnerId: 'l1', pageId: 'pg', selectors: [], quote: 'I listened', createdBy: 'Sam', createdAt: T, updatedAt: T };
const mapping = (criterionId: string, method: MappingRecord['method'], createdAt: string): MappingRecord => ({
  id: criterionId, passageId: 'p', learnerId: 'l1', criterionId, unitId: criterionId.slice(0, criterionId.lastIndexOf(':')), method, note: '', createdBy: 'Sam', createdAt, updatedAt: createdAt,
});
const item = (m: MappingRecord): TagsetItem => ({ learner, passage, page, mapping: m });

describe('evidence matrix', () => {
  it('has one row per criterion of the unit in catalogue order, blanks where nothing meets it', () => {
    const rows = evidenceMatrix(SPEC_A.units[0], [
      item(mapping('spec-a:CU1:2.1', 'Obs', '2026-02-01T10:00:00.000Z')),
      item({ ...mapping('spec-a:CU1:2.1', 'Q', '2026-02-03T10:00:00.000Z'), id: 'x' }),
    ]);
    expect(MATRIX_COLUMNS).toHaveLength(rows[0].length);
    expect(rows.map((r) => r.slice(0, 2))).toEqual([['1 Understand the customer', '1.1'], ['1 Understand the customer', '1.2'], ['2 Be able to serve', '2.1']]);
    expect(rows[0].slice(3).every((c) => c === '')).toBe(true);
    expect(rows[2].slice(3)).toEqual(['"I listened" (Account)\n"I listened" (Account)', 'https://p.example/a', 'Obs; Q', '01/02/2026; 03/02/2026', '']);
  });

  it('lists mapped criteria the catalogue no longer has at the end rather than losing them', () => {
    const rows = evidenceMatrix(SPEC_A.units[0], [item(mapping('spec-a:CU1:9.9', 'Obs', T))]);
    expect(rows.at(-1)?.slice(0, 2)).toEqual(['(not in the catalogue)', '9.9']);
  });

  it('names a document passage by its title, file name and page, and the document by its URL, not its hash', () => {
    const doc = { ...page, url: `urn:sha256:${'a'.repeat(64)}`, title: 'Witness statement', kind: 'pdf' as const, document: { sha256: 'a'.repeat(64), fingerprints: [], urls: ['https://p.example/files/statement.pdf'], fileNames: ['statement.pdf'], pageCount: 2 } };
    const onPage2 = { ...passage, selectors: [{ type: 'TextQuoteSelector', exact: 'I listened' }, { type: 'PageSelector', index: 1, label: '2' }] };
    const rows = evidenceMatrix(SPEC_A.units[0], [{ learner, passage: onPage2, page: doc, mapping: mapping('spec-a:CU1:2.1', 'Wt', '2026-02-01T10:00:00.000Z') }]);
    expect(rows[2].slice(3, 5)).toEqual(['"I listened" (Witness statement (statement.pdf), page 2)', 'https://p.example/files/statement.pdf']);
  });
});
