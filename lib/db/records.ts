/**
 * The records Evidence Mapper keeps, as stored in IndexedDB. Ids are random UUIDs so
 * that records made by different assessors of one centre can later be merged without
 * clashes; every record has `updatedAt` so an import or a sync keeps the newer copy.
 */
import type { Specification } from '../catalogue/model';
import type { Method } from '../catalogue/methods';


/** ISO-8601 timestamp string. */
export type Timestamp = string;

/** A specification in the catalogue: built in (from data/) or imported by the user later. */
export interface SpecificationRecord extends Specification {
  origin: 'built-in' | 'imported';
  /** Hash of the content, so a newer built-in catalogue replaces the stored one. */
  contentHash: string;
  updatedAt: Timestamp;
}

/** A person whose portfolio is assessed. */
export interface LearnerRecord {
  id: string;
  name: string;
  /** Optional reference such as a ULN. */
  reference?: string;
  /** Qualification ids (`${specId}:${number}`) the learner is registered on. */
  qualificationIds: string[];
  /** Per qualification id: the unit refs chosen for the learner (mandatory ones included). */
  unitChoices: Record<string, string[]>;
  archived: boolean;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

/** A web page (or, later, a document) that holds evidence. */
export interface PageRecord {
  id: string;
  /** The URL normalised: fragment and tracking parameters dropped. */
  url: string;
  title: string;
  /** 'web' now; 'pdf' and 'docx' when documents become evidence. */
  kind: 'web' | 'pdf' | 'docx';
  /** A document's identity (kind 'pdf' or 'docx'; its url is `urn:sha256:` of its bytes). */
  document?: DocumentIdentity;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

/**
 * What a document (PDF or Word file opened in the viewer) is known by: the SHA-256 of its
 * bytes (its page address), and every PDF fingerprint, URL and file name it was opened
 * with. Another file sharing a fingerprint or a URL is another version of it.
 */
export interface DocumentIdentity {
  sha256: string;
  /** pdf.js's fingerprints (the PDF's /ID pair); empty for Word. */
  fingerprints: string[];
  /** The normalised URLs it was opened from (none for a local file). */
  urls: string[];
  fileNames: string[];
  pageCount: number;
}

/** A W3C Web Annotation selector, stored as plain JSON: any type, kept as it is (lib/anchoring/selector-schema.ts checks those sent to a page). */
export type SelectorRecord = { type: string } & Record<string, unknown>;

/** An evidence passage: a highlight on a page, for one learner. */
export interface PassageRecord {
  id: string;
  learnerId: string;
  pageId: string;
  /** W3C selectors: TextQuote, TextPosition, Range (XPath). */
  selectors: SelectorRecord[];
  /** The exact words highlighted. */
  quote: string;
  /** Who tagged it (assessor's name). */
  createdBy: string;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  /** How the passage anchored when its page was last open: an orphan is listed, never painted. */
  anchor?: { status: 'exact' | 'fuzzy' | 'orphan'; at: Timestamp };
}

/** A passage x criterion mapping: the passage meets the criterion by a method. */
export interface MappingRecord {
  id: string;
  passageId: string;
  /** Denormalised so coverage of one learner and one unit is one indexed query. */
  learnerId: string;
  criterionId: string;
  /** `${specId}:${unitKey}` of the criterion's unit. */
  unitId: string;
  method: Method;
  note: string;
  createdBy: string;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

/** A mapping as stored inside its passage (the passage gives its passageId and learnerId). */
export type StoredMapping = Omit<MappingRecord, 'passageId' | 'learnerId'>;

/** A passage as stored inside its sheet, with its mappings inside it. */
export interface StoredPassage extends PassageRecord {
  mappings: StoredMapping[];
}

/**
 * One learner's evidence on one page, as stored: the passages highlighted there, each with
 * its mappings. The overlay reads and writes a page's passages together, and Chromium's
 * IndexedDB spends most of its time per record (about 100 us to write and 12 us to read
 * one here, whatever its size), so one record per learner and page rather than one per
 * mapping makes a 100,000-mapping export or import several times faster. Every passage
 * and mapping keeps its own id and updatedAt, so imports (and later, sharing) still merge
 * record by record.
 */
export interface EvidenceSheet {
  learnerId: string;
  pageId: string;
  passages: StoredPassage[];
  /** Ids of its passages: a multi-entry index, to find a passage's sheet. */
  passageIds: string[];
  /** `unitIndexKey(learnerId, unitId)` of each unit its mappings meet: a multi-entry index. */
  unitKeys: string[];
}

/**
 * A passage just deleted, kept (for a day) so that Undo puts back exactly what was stored:
 * every mapping's author and times, the passage's anchor status. Undo sent from a page
 * carries only the passage's view, which has neither.
 */
export interface DeletedPassageRecord {
  passageId: string;
  learnerId: string;
  pageId: string;
  /** The page's normalised URL and title when it was deleted, should the page record go. */
  url: string;
  title: string;
  passage: StoredPassage;
  deletedAt: Timestamp;
}

/**
 * A record an upgrade could not place (a mapping whose passage is missing, or one naming
 * another learner than its passage's), kept exactly as it was stored rather than dropped
 * or filed under the wrong learner. The options page lists and exports them.
 */
export interface QuarantinedRecord {
  /** `${source}/${recordId}`. */
  id: string;
  /** Where it was found, e.g. "version 1 mappings". */
  source: string;
  /** The record's own id. */
  recordId: string;
  /** What it is, in a few words. */
  what: string;
  /** Why it was not placed. */
  reason: string;
  /** The record exactly as it was stored. */
  record: unknown;
  quarantinedAt: Timestamp;
}

/**
 * An internal verifier's sampling decision on a mapping or on a unit: a record of its own,
 * never a change to the assessor's mapping. A new decision on the same target is a new
 * record; the latest counts (lib/sampling/decisions.ts).
 */
export interface DecisionRecord {
  id: string;
  learnerId: string;
  /**
   * A mapping (its id), a learner's unit (the unit id), or a learner's qualification (its
   * id: the IV confirms the rules of combination were followed, as on a summary record).
   */
  target: { type: 'mapping' | 'unit' | 'qualification'; id: string };
  decision: 'agree' | 'refer';
  /** Why (required to refer). */
  reason: string;
  verifier: string;
  /** The verifier's initials as Settings had them, for the claim record. */
  verifierInitials?: string;
  /** Feedback to the assessor. */
  feedback?: string;
  /** An action for the assessor with its due date (yyyy-mm-dd); `done` when closed. */
  action?: { text: string; due: string; done?: Timestamp };
  /** Interim sample (work in progress) or summative (units signed off). */
  stage?: 'interim' | 'summative';
  /** What the verifier saw, for a decision on a mapping: compared later to show drift. */
  snapshot?: DecisionSnapshot;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

/**
 * An assessor's response to an IV's decision (a referral or an action): a reply, or word
 * that they re-mapped the evidence or added more, each with a short note. A record of its
 * own, never a change to the decision; the IV re-checks and records a new decision.
 */
export interface ResponseRecord {
  id: string;
  /** The decision answered. */
  decisionId: string;
  learnerId: string;
  /** Who responded (the assessor's name as Settings had it). */
  by: string;
  /** `action-done` / `action-reopened`: the assessor marked the decision's action done, or undid that (the decision itself is the IV's record). */
  kind: 'reply' | 'remapped' | 'evidence-added' | 'action-done' | 'action-reopened';
  text: string;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

/** The evidence as it was when a decision was made. */
export interface DecisionSnapshot {
  /** The passage's words on the page at that moment. */
  quote: string;
  criterionId: string;
  method: Method;
  note: string;
  /** The mapping's updatedAt at that moment. */
  mappingUpdatedAt: Timestamp;
}

/** An assessor's sign-off of a unit for a learner (a unit is achieved only when signed off). */
export interface SignoffRecord {
  id: string;
  learnerId: string;
  /** `${specId}:${unitKey}`. */
  unitId: string;
  assessor: string;
  signedAt: Timestamp;
  updatedAt: Timestamp;
}

/**
 * A deletion (deleted: true) or its undoing (deleted: false), kept and exchanged like any
 * record so that deletions travel between machines (lib/transfer/liveness.ts has the rules).
 */
export interface TombstoneRecord {
  /** The deleted record's id. */
  id: string;
  kind: 'passage' | 'mapping' | 'decision' | 'signoff';
  /** Whose record it was. */
  learnerId: string;
  /** For a mapping: its passage. */
  passageId?: string;
  deleted: boolean;
  at: Timestamp;
  /** Who deleted (or undid). */
  by: string;
}

/** A sampling rule, as the IV sets it (lib/sampling/plan.ts reads it). */
export interface SamplingRuleRecord {
  stage: 'interim' | 'summative';
  /** At least `perAssessor` cells of every assessor with eligible work. */
  everyAssessor: boolean;
  perAssessor: number;
  /** At least one cell for every assessment method used. */
  everyMethod: boolean;
  /** Every unit at least once across the cohort. */
  everyUnit: boolean;
  /** More cells for a new or flagged assessor: name -> how many more. */
  extra: Record<string, number>;
}

/** An IV's sampling plan for one qualification: the learners' units chosen, each with why. */
export interface SamplingPlanRecord {
  id: string;
  qualificationId: string;
  title: string;
  /** The verifier who owns the plan. */
  verifier: string;
  /** The rule the plan was last proposed from, if any. */
  rule: SamplingRuleRecord | null;
  cells: { learnerId: string; unitId: string; stage: 'interim' | 'summative'; reasons: string[]; addedAt: Timestamp }[];
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

/** Key-value settings: assessor name, learner per site, enabled sites, catalogue hash. */
export interface SettingRecord {
  key: string;
  value: unknown;
}
