/**
 * The reads behind one learner's coverage, each an indexed query that fetches only that
 * learner's records: a learner's sheets (their passages on a page, mappings inside) are a
 * range of the primary key, each read once; a unit's or a criterion's evidence is one
 * lookup of the multi-entry `unitKeys` index plus the pages it names; sign-offs are a
 * range of `[learnerId+unitId]`. Nothing here reads every passage. lib/coverage turns the
 * records into coverage.
 */
import type { Specification } from '../catalogue/model';
import type { DecisionRecord, LearnerRecord, MappingRecord, PageRecord, PassageRecord, ResponseRecord, SignoffRecord, StoredPassage } from './records';
import { responsesTo } from './responses';
import type { EvidenceDb } from './schema';
import { mappingsOf, passageOf, passagesOfSheets, specKeyRange, specUnitBounds, unitIndexKey } from './sheets';
import { learnerSheets } from './sheet-queries';
import { specIdOf, unitIdOfCriterion } from '../catalogue/ids';

/** What a learner's coverage of one specification's qualifications is computed from. */
export interface CoverageRecords {
  learner: LearnerRecord;
  spec: Specification;
  /** The learner's mappings to criteria of this specification. */
  mappings: MappingRecord[];
  /** The learner's sign-offs of units of this specification. */
  signoffs: SignoffRecord[];
}

/** A unit's or a criterion's mappings and the records their evidence lists show. */
export interface EvidenceRecords {
  mappings: MappingRecord[];
  passages: Map<string, PassageRecord>;
  pages: Map<string, PageRecord>;
  /** Sampling decisions on these mappings. */
  decisions: DecisionRecord[];
  /** The assessor's responses to those decisions. */
  responses: ResponseRecord[];
}

/** One page's passages for a learner, and their mappings. */
export interface PageRecords {
  page: PageRecord;
  passages: PassageRecord[];
  mappings: MappingRecord[];
}


/**
 * The records of a learner's coverage on a qualification (its spec, really: one range read
 * covers every qualification of a document). Pass the catalogue the page already holds to
 * skip reading the specification. Undefined when the learner or the spec does not exist.
 */
export async function loadCoverageRecords(
  db: EvidenceDb,
  learnerId: string,
  qualificationId: string,
  specs?: readonly Specification[],
): Promise<CoverageRecords | undefined> {
  const specId = specIdOf(qualificationId);
  const [lo, hi] = specUnitBounds(specId);
  const keys = specKeyRange(learnerId, specId);
  const [learner, spec, sheets, signoffs] = await Promise.all([
    db.learners.get(learnerId),
    specs?.find((s) => s.id === specId) ?? db.specifications.get(specId),
    // The learner's sheets, each read once: a range of the unitKeys index would return a
    // sheet once per unit it meets.
    learnerSheets(db, learnerId),
    db.signoffs.where('[learnerId+unitId]').between([learnerId, lo], [learnerId, hi], true, false).toArray(),
  ]);
  if (!learner || !spec) return undefined;
  const mappings: MappingRecord[] = [];
  for (const sheet of sheets) {
    if (!sheet.unitKeys.some((k) => k >= keys[0] && k < keys[1])) continue;
    for (const p of sheet.passages) for (const m of mappingsOf(p)) if (specIdOf(m.unitId) === specId) mappings.push(m);
  }
  return { learner, spec, mappings, signoffs };
}

/** The mappings of one unit for a learner, with their passages, pages and IV decisions. */
export async function loadUnitEvidence(db: EvidenceDb, learnerId: string, unitId: string): Promise<EvidenceRecords> {
  const sheets = await db.sheets.where('unitKeys').equals(unitIndexKey(learnerId, unitId)).toArray();
  return evidenceOf(db, learnerId, passagesOfSheets(sheets), (m) => m.unitId === unitId);
}

/** The mappings of one criterion for a learner, with their passages, pages and IV decisions. */
export async function loadCriterionEvidence(db: EvidenceDb, learnerId: string, criterionId: string): Promise<EvidenceRecords> {
  const sheets = await db.sheets.where('unitKeys').equals(unitIndexKey(learnerId, unitIdOfCriterion(criterionId))).toArray();
  return evidenceOf(db, learnerId, passagesOfSheets(sheets), (m) => m.criterionId === criterionId);
}

/** The chosen mappings of passages just read, with the pages and IV decisions they need. */
async function evidenceOf(db: EvidenceDb, learnerId: string, stored: StoredPassage[], keep: (m: MappingRecord) => boolean): Promise<EvidenceRecords> {
  const mappings = stored.flatMap((p) => mappingsOf(p).filter(keep));
  const used = new Set(mappings.map((m) => m.passageId));
  const passages = new Map(stored.filter((p) => used.has(p.id)).map((p) => [p.id, passageOf(p)]));
  return withPagesAndDecisions(db, learnerId, mappings, passages);
}

/**
 * The passages, pages and IV decisions behind mappings already in hand (e.g. one unit's
 * share of the mappings loadCoverageRecords returned), so switching units need not read
 * the mappings again.
 */
export async function loadEvidenceSources(db: EvidenceDb, learnerId: string, mappings: MappingRecord[]): Promise<EvidenceRecords> {
  const passageIds = [...new Set(mappings.map((m) => m.passageId))];
  const wanted = new Set(passageIds);
  const passages = new Map<string, PassageRecord>();
  // The sheets of the mappings' units (usually one unit): one read of the unitKeys index
  // each, where a read per passage would fetch a busy page's sheet again for every passage.
  const units = [...new Set(mappings.map((m) => m.unitId))];
  const sheets = (await Promise.all(units.map((u) => db.sheets.where('unitKeys').equals(unitIndexKey(learnerId, u)).toArray()))).flat();
  for (const p of passagesOfSheets(sheets)) if (wanted.has(p.id)) passages.set(p.id, passageOf(p));
  return withPagesAndDecisions(db, learnerId, mappings, passages);
}

async function withPagesAndDecisions(db: EvidenceDb, learnerId: string, mappings: MappingRecord[], passages: Map<string, PassageRecord>): Promise<EvidenceRecords> {
  const mappingIds = new Set(mappings.map((m) => m.id));
  // A learner's decisions are few (a sample), so reading them by learner and keeping those
  // on these mappings beats an anyOf over every mapping id.
  const learnerDecisions = mappings.length ? await db.decisions.where('learnerId').equals(learnerId).toArray() : [];
  const pageIds = [...new Set([...passages.values()].map((p) => p.pageId))];
  const pages = new Map<string, PageRecord>();
  for (const p of await db.pages.bulkGet(pageIds)) if (p) pages.set(p.id, p);
  const decisions = learnerDecisions.filter((d) => d.target.type === 'mapping' && mappingIds.has(d.target.id));
  const responses = await responsesTo(db, decisions.map((d) => d.id));
  return { mappings, passages, pages, decisions, responses };
}

/** A learner's passages on the page with this (normalised) URL, and their mappings. */
export async function loadPageRecords(db: EvidenceDb, learnerId: string, url: string): Promise<PageRecords | undefined> {
  const page = await db.pages.where('url').equals(url).first();
  if (!page) return undefined;
  const stored = (await db.sheets.get([learnerId, page.id]))?.passages ?? [];
  return { page, passages: stored.map(passageOf), mappings: stored.flatMap(mappingsOf) };
}
