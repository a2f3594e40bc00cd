/**
 * Test data for the export and import tests: fast-check arbitraries of a consistent set
 * of learners, pages, passages, mappings and IV decisions whose text is full of what
 * breaks files (commas, quotes, line breaks, tabs, emoji, right-to-left text, formula
 * starters). Used by tests only.
 */
import fc from 'fast-check';
import type { DecisionRecord, LearnerRecord, MappingRecord, PageRecord, PassageRecord, SignoffRecord } from '../db/records';
import { METHODS } from '../catalogue/methods';

const NASTY = [',', '"', '""', '\n', '\r\n', '\r', '\t', '=', '+', '-', '@', "'", "'=", '😀', '👩🏽‍🏫', 'שלום', 'مرحبا', '\u202e', '\u200f', ' ', '=HYPERLINK("http://x")', 'é', '{', '}', '\\', '\u00a0'];

/** Text made of pieces that break naive CSV and JSON handling. */
export const nastyText = fc
  .array(fc.oneof(fc.constantFrom(...NASTY), fc.string({ unit: 'grapheme', maxLength: 6 })), { maxLength: 8 })
  .map((parts) => parts.join(''));

/** An ISO timestamp between 2020 and 2030. */
export const isoTime = fc
  .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString());

/** A consistent set of records as the database would hold them. */
export interface Dataset {
  learners: LearnerRecord[];
  pages: PageRecord[];
  passages: PassageRecord[];
  mappings: MappingRecord[];
  decisions: DecisionRecord[];
  signoffs: SignoffRecord[];
}

const CRITERIA = ['spec-a:CU1:1.1', 'spec-a:CU1:1.2', 'spec-a:CU1:2.1', 'spec-a:CU2:1.1', 'spec-b:L5062150:3.10~2'];

/** Arbitrary datasets; ids mix UUIDs and other strings (mapping ids as the overlay makes them). */
export const dataset: fc.Arbitrary<Dataset> = fc
  .record({
    learners: fc.uniqueArray(
      fc.record({ id: fc.oneof(fc.uuid(), fc.string({ minLength: 1, maxLength: 8 })), name: nastyText, reference: fc.option(nastyText.filter((s) => s !== ''), { nil: undefined }), archived: fc.boolean(), createdAt: isoTime, updatedAt: isoTime }),
      { minLength: 1, maxLength: 3, selector: (l) => l.id },
    ),
    pages: fc.uniqueArray(
      fc.record({ id: fc.uuid(), path: fc.webSegment(), title: nastyText, kind: fc.constantFrom('web' as const, 'pdf' as const), createdAt: isoTime, updatedAt: isoTime }),
      { minLength: 1, maxLength: 3, selector: (p) => p.path },
    ),
    passages: fc.array(
      fc.record({
        id: fc.uuid(), learner: fc.nat(), page: fc.nat(), quote: nastyText.filter((s) => s !== ''), prefix: nastyText, sameQuote: fc.boolean(),
        anchor: fc.option(fc.record({ status: fc.constantFrom('exact' as const, 'fuzzy' as const, 'orphan' as const), at: isoTime }), { nil: undefined }),
        start: fc.nat(10_000), createdBy: nastyText, createdAt: isoTime, updatedAt: isoTime,
        mappings: fc.uniqueArray(
          fc.record({ criterion: fc.constantFrom(...CRITERIA), method: fc.constantFrom(...METHODS), note: nastyText, createdBy: nastyText, createdAt: isoTime, updatedAt: isoTime, decision: fc.option(fc.record({ id: fc.uuid(), agree: fc.boolean(), reason: nastyText, verifier: nastyText, createdAt: isoTime, updatedAt: isoTime }), { nil: undefined }) }),
          { maxLength: 3, selector: (m) => m.criterion },
        ),
      }),
      { maxLength: 8 },
    ),
  })
  .map(({ learners, pages, passages }) => {
    const ds: Dataset = { learners: [], pages: [], passages: [], mappings: [], decisions: [], signoffs: [] };
    ds.learners = learners.map(({ reference, ...l }) => ({ ...l, ...(reference === undefined ? {} : { reference }), qualificationIds: ['spec-a:600/0000/1'], unitChoices: { 'spec-a:600/0000/1': ['CU1'] } }));
    ds.pages = pages.map(({ path, ...p }) => ({ ...p, url: `https://portfolio.example/${path}` }));
    const seen = new Set<string>();
    for (const p of passages) {
      if (seen.has(p.id)) continue;
      seen.add(p.id);
      const learner = ds.learners[p.learner % ds.learners.length];
      const page = ds.pages[p.page % ds.pages.length];
      const selectors = [
        { type: 'TextQuoteSelector', exact: p.sameQuote ? p.quote : `${p.quote}!`, prefix: p.prefix, suffix: '' },
        { type: 'TextPositionSelector', start: p.start, end: p.start + p.quote.length },
      ];
      ds.passages.push({ id: p.id, learnerId: learner.id, pageId: page.id, selectors, quote: p.quote, createdBy: p.createdBy, createdAt: p.createdAt, updatedAt: p.updatedAt, ...(p.anchor ? { anchor: p.anchor } : {}) });
      for (const m of p.mappings) {
        const id = `${p.id}|${m.criterion}`;
        ds.mappings.push({ id, passageId: p.id, learnerId: learner.id, criterionId: m.criterion, unitId: m.criterion.slice(0, m.criterion.lastIndexOf(':')), method: m.method, note: m.note, createdBy: m.createdBy, createdAt: m.createdAt, updatedAt: m.updatedAt });
        if (m.decision) {
          const d = m.decision;
          ds.decisions.push({ id: d.id, learnerId: learner.id, target: { type: 'mapping', id }, decision: d.agree ? 'agree' : 'refer', reason: d.reason, verifier: d.verifier, createdAt: d.createdAt, updatedAt: d.updatedAt });
        }
      }
    }
    return ds;
  });

/** Sorts records by id so sets can be compared. */
export function byId<T extends { id: string }>(records: readonly T[]): T[] {
  return [...records].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}


export { SPEC_A } from './test-catalogue';
