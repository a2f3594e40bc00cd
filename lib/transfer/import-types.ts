/**
 * What an import did, as its summary shows it: counts per kind of record, and what changed
 * record by record relative to what this profile held (the hand-over's lists).
 */
import type { DecisionRecord, SignoffRecord } from '../db/records';
import type { HandoverNote } from './handover-record';

/** How many records of one kind an import added, replaced with a newer copy, or left alone. */
export interface TableCounts {
  added: number;
  updated: number;
  unchanged: number;
}

/** What an import did, per kind of record. */
export type ImportCounts = Record<
  'specifications' | 'learners' | 'pages' | 'passages' | 'mappings' | 'decisions' | 'signoffs' | 'quarantine' | 'deletedPassages' | 'responses' | 'tombstones' | 'samplingPlans',
  TableCounts
>;

/** A passage an import added, changed or deleted, as the summary names it. */
export interface PassageNote {
  id: string;
  learnerId: string;
  pageId: string;
  quote: string;
  /** Added because a deletion of it was undone. */
  restored?: boolean;
}

/** A mapping an import added, changed or took off. */
export interface MappingNote extends PassageNote {
  mappingId: string;
  criterionId: string;
  method: string;
}

/** What an import changed in the evidence. */
export interface EvidenceChanges {
  passagesAdded: PassageNote[];
  passagesChanged: PassageNote[];
  passagesDeleted: PassageNote[];
  mappingsAdded: MappingNote[];
  mappingsChanged: MappingNote[];
  mappingsRemoved: MappingNote[];
}

/** What an import changed, record by record, relative to what this profile held: for the summary's lists. */
export interface ImportChanges extends EvidenceChanges {
  /** IV decisions new to this profile (or replaced by a later copy). */
  decisions: DecisionRecord[];
  /** Sign-offs new or renewed here. */
  signoffs: SignoffRecord[];
  /** Sign-offs the file's deletions withdrew here. */
  signoffsWithdrawn: SignoffRecord[];
  /** Decisions the file's deletions withdrew here. */
  decisionsWithdrawn: DecisionRecord[];
  /** Names of the learners and titles of the pages these name. */
  learnerNames: Record<string, string>;
  pageTitles: Record<string, string>;
}

/** What an import did: counts per kind, what changed, and for a hand-over pack who sent it and when the last one from them came. */
export type ImportSummary = ImportCounts & { changes?: ImportChanges; handover?: HandoverNote };
