/**
 * A team's shared records made up for the sync benches (scripts/bench/sync.ts on Node,
 * scripts/bench/sync-chromium.ts in Chromium): `passages` passages, each mapped to every one of
 * `criteria` (5 by default, so 20,000 passages are 100,000 mappings), spread over `learners`
 * learners and `pages` pages, one sheet per learner and page, all written by one assessor.
 * Deterministic: the same options make the same records.
 */
import type { SyncRecords } from '../../lib/sync/docs';
import type { StoredPassage } from '../../lib/db/records';

export interface BenchRecordOptions {
  passages: number;
  /** Learners (default 50). */
  learners?: number;
  /** Pages (default 200); passage i is on page i % pages, for learner (i % pages) % learners. */
  pages?: number;
  /** Each passage is mapped to every one of these criteria (default five of a made-up spec-a). */
  criteria?: readonly string[];
  /** The learners' qualification (default spec-a's). */
  qualificationId?: string;
  /** The assessor's name on passages and mappings (default Ann). */
  createdBy?: string;
  /** Every record's created and updated time. */
  at?: string;
  /** Page i's address (default https://portfolio.example/p/i). */
  pageUrl?: (i: number) => string;
}

export const SPEC_A_CRITERIA = ['1.1', '1.2', '2.1', '2.2', '3.1'].map((c) => `spec-a:CU1:${c}`);

const unitOf = (criterionId: string) => criterionId.split(':').slice(0, 2).join(':');

/** The records: learners, pages and passages (with their mappings); nothing else. */
export function benchRecords(options: BenchRecordOptions): SyncRecords {
  const { passages } = options;
  const learnerCount = options.learners ?? 50;
  const pageCount = options.pages ?? 200;
  const criteria = options.criteria ?? SPEC_A_CRITERIA;
  const at = options.at ?? '2026-01-02T00:00:00.000Z';
  const by = options.createdBy ?? 'Ann';
  const pageUrl = options.pageUrl ?? ((i: number) => `https://portfolio.example/p/${i}`);
  const learners = Array.from({ length: learnerCount }, (_, i) => ({ id: `learner-${i}`, name: `Learner ${i}`, qualificationIds: [options.qualificationId ?? 'spec-a:600/0000/1'], unitChoices: {}, archived: false, createdAt: at, updatedAt: at }));
  const pages = Array.from({ length: pageCount }, (_, i) => ({ id: `page-${i}`, url: pageUrl(i), title: `Page ${i}`, kind: 'web' as const, createdAt: at, updatedAt: at }));
  const list: StoredPassage[] = Array.from({ length: passages }, (_, i) => {
    const id = `passage-${i}`;
    const page = i % pageCount;
    return {
      id, learnerId: learners[page % learnerCount].id, pageId: pages[page].id, quote: `words of passage ${i}`, selectors: [{ type: 'TextQuoteSelector', exact: `words of passage ${i}` }],
      createdBy: by, createdAt: at, updatedAt: at,
      mappings: criteria.map((c) => ({ id: `${id}|${c}`, criterionId: c, unitId: unitOf(c), method: 'Obs' as const, note: '', createdBy: by, createdAt: at, updatedAt: at })),
    };
  });
  return { learners, pages, passages: list, decisions: [], signoffs: [], samplingPlans: [], responses: [], specifications: [], tombstones: [] };
}
