import { describe, expect, it } from 'vitest';
import { indexCatalogue } from '../catalogue/lookup';
import type { DecisionRecord, MappingRecord, PageRecord, PassageRecord } from '../db/records';
import { IV_REPORT_COLUMNS, ivReportRows, assessorSummaryRows } from '../export/iv-report';
import { SPEC_A } from '../../test/fixtures/catalogue';
import { ivReport, type IvReportInput } from './report';

const T0 = '2026-03-02T09:30:00.000Z';
const T1 = '2026-03-10T14:00:00.000Z';
const page: PageRecord = { id: 'p1', url: 'https://portfolio.example/ann/1', title: 'Reflective account 1', kind: 'web', createdAt: T0, updatedAt: T0 };
const passage: PassageRecord = { id: 's1', learnerId: 'L1', pageId: 'p1', selectors: [], quote: 'I explained the options to the customer', createdBy: 'Jane Smith', createdAt: T0, updatedAt: T0, anchor: { status: 'exact', at: T0 } };
const m1: MappingRecord = { id: 'm1', passageId: 's1', learnerId: 'L1', criterionId: 'spec-a:CU1:1.1', unitId: 'spec-a:CU1', method: 'Obs', note: '', createdBy: 'Jane Smith', createdAt: T0, updatedAt: T0 };
const m2: MappingRecord = { ...m1, id: 'm2', criterionId: 'spec-a:CU1:2.1', method: 'Q', createdBy: 'Ali Khan' };

function decision(over: Partial<DecisionRecord>): DecisionRecord {
  return { id: 'd', learnerId: 'L1', target: { type: 'mapping', id: 'm1' }, decision: 'agree', reason: '', verifier: 'Tom Reed', stage: 'summative', createdAt: T1, updatedAt: T1, ...over };
}

function input(decisions: DecisionRecord[], mappings = [m1, m2], passages = [passage], pages = [page]): IvReportInput {
  return {
    decisions,
    mappings: new Map(mappings.map((m) => [m.id, m])),
    passages: new Map(passages.map((p) => [p.id, p])),
    pages: new Map(pages.map((p) => [p.id, p])),
    learners: new Map([['L1', { name: 'Ann Learner' }]]),
    signoffs: [{ id: 'so', learnerId: 'L1', unitId: 'spec-a:CU2', assessor: 'Ali Khan', signedAt: T0, updatedAt: T0 }],
    catalogue: indexCatalogue([SPEC_A]),
    today: '2026-03-20',
  };
}

const snapshot = { quote: passage.quote, criterionId: m1.criterionId, method: m1.method, note: '', mappingUpdatedAt: T0 };

describe('the IV report', () => {
  it('has one row per sample with the evidence, the assessor, the decision and its action', () => {
    const report = ivReport(input([
      decision({ id: 'd1', snapshot }),
      decision({ id: 'd2', target: { type: 'mapping', id: 'm2' }, decision: 'refer', reason: 'Not the learner\'s own words', feedback: 'Ask for a reflective account', action: { text: 'Add a reflective account', due: '2026-03-15' }, snapshot: { ...snapshot, criterionId: m2.criterionId, method: 'Q' } }),
    ]));
    const rows = ivReportRows(report.lines);
    expect(rows.map((r) => r.length)).toEqual([IV_REPORT_COLUMNS.length, IV_REPORT_COLUMNS.length]);
    const named = rows.map((r) => Object.fromEntries(IV_REPORT_COLUMNS.map((c, i) => [c, r[i]])));
    expect(named[0]).toMatchObject({ Learner: 'Ann Learner', Unit: 'CU1', Criterion: 'CU1 1.1', 'Criterion text': 'Explain needs, wants', 'Evidence (quote)': passage.quote, Page: 'Reflective account 1', Assessor: 'Jane Smith', Method: 'Obs (Observation)', Verifier: 'Tom Reed', Stage: 'Summative', Decision: 'Agree', State: 'Agreed', 'Changed since verified': 'No' });
    expect(named[1]).toMatchObject({ Criterion: 'CU1 2.1', Assessor: 'Ali Khan', Decision: 'Refer', Reason: "Not the learner's own words", Feedback: 'Ask for a reflective account', Action: 'Add a reflective account', 'Action due': '15/03/2026', 'Action state': 'Overdue', State: 'Referred' });
    expect(assessorSummaryRows(report.assessors)).toEqual([
      ['Ali Khan', '1', '0', '1', '0', '1'],
      ['Jane Smith', '1', '1', '0', '0', '0'],
    ]);
  });

  it('marks a sample changed since verified when the mapping or its evidence changed, and keeps the words the IV saw', () => {
    const edited = { ...m1, method: 'Wt' as const, updatedAt: '2026-03-12T10:00:00.000Z' };
    const orphan = { ...passage, anchor: { status: 'orphan' as const, at: T1 } };
    const [line] = ivReport(input([decision({ id: 'd1', snapshot })], [edited], [orphan])).lines;
    expect(line.changed).toBe('Changed since verified: the method was changed and the evidence is no longer found on its page.');
    const [gone] = ivReport(input([decision({ id: 'd1', snapshot })], [], [])).lines;
    expect(gone).toMatchObject({ quote: passage.quote, criterion: 'CU1 1.1', changed: 'Changed since verified: the mapping was deleted.' });
    expect(ivReport(input([decision({ id: 'd1', snapshot })], [edited], [orphan])).assessors[0].changed).toBe(1);
  });

  it("names a document's evidence by its title, file name and the page the passage starts on", () => {
    const sha = 'a'.repeat(64);
    const doc: PageRecord = { ...page, id: 'd1', url: `urn:sha256:${sha}`, title: 'Witness statement', kind: 'pdf', document: { sha256: sha, fingerprints: [], urls: ['https://portfolio.example/files/statement.pdf'], fileNames: ['statement.pdf'], pageCount: 3 } };
    const onPage2: PassageRecord = { ...passage, pageId: 'd1', selectors: [{ type: 'PageSelector', index: 1, label: '2' }] as PassageRecord['selectors'] };
    const [line] = ivReport(input([decision({ id: 'd1', snapshot })], [m1], [onPage2], [doc])).lines;
    expect(line.page).toBe('Witness statement (statement.pdf), page 2');
  });

  it('lists a decision on a whole unit with the assessor who signed it off', () => {
    const [line] = ivReport(input([decision({ id: 'd3', target: { type: 'unit', id: 'spec-a:CU2' } })])).lines;
    expect(line).toMatchObject({ unit: 'CU2', criterion: '', criterionText: 'Whole unit: Handle complaints', assessor: 'Ali Khan', assessedAt: T0 });
  });

  it('reports only the latest decision on a target', () => {
    const report = ivReport(input([decision({ id: 'd1', decision: 'refer', reason: 'x', createdAt: T0 }), decision({ id: 'd2', createdAt: T1 })]));
    expect(report.lines.map((l) => l.decision)).toEqual(['agree']);
  });
});
