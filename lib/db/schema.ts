/**
 * The Dexie database and its versions. The database belongs to the extension origin:
 * the background and extension pages open it; content scripts never do (they message
 * the background). Every schema change is a new entry in VERSIONS with an upgrade and a
 * test that opens a database written by the previous version.
 */
import Dexie, { type EntityTable, type Table, type Transaction } from 'dexie';
import type {
  DecisionRecord,
  LearnerRecord,
  PageRecord,
  SettingRecord,
  SignoffRecord,
  SpecificationRecord,
  EvidenceSheet,
  DeletedPassageRecord,
  QuarantinedRecord,
  SamplingPlanRecord,
  TombstoneRecord,
  ResponseRecord,
} from './records';
import { packV1, type V1Mapping, type V1Passage } from './migrations/v2-sheets';
import { upgradeV4Keys } from './migrations/v4-keys';
import { upgradeV7ChangeLog } from './migrations/v7-change-log';
import { changeLogMiddleware, type ChangeLogEntry } from './change-log';

const QUARANTINE = 'id, quarantinedAt';

/** Index definitions of each version, oldest first; `null` deletes a store whose records moved. */
export const VERSIONS: { version: number; stores: Record<string, string | null>; upgrade?: (tx: Transaction) => Promise<void> }[] = [
  {
    version: 1,
    stores: {
      specifications: 'id, origin',
      learners: 'id, name, archived, *qualificationIds, updatedAt',
      pages: 'id, &url, updatedAt',
      passages: 'id, learnerId, pageId, [learnerId+pageId], updatedAt',
      mappings: 'id, passageId, learnerId, criterionId, [learnerId+unitId], [learnerId+criterionId], updatedAt',
      decisions: 'id, learnerId, [target.type+target.id], updatedAt',
      signoffs: 'id, [learnerId+unitId], updatedAt',
      settings: 'key',
    },
  },
  {
    // Passages and their mappings move into one sheet per learner and page (EvidenceSheet).
    // What cannot be placed is kept in quarantine, never dropped or moved to another learner.
    version: 2,
    stores: { sheets: '[learnerId+pageId], *passageIds, *unitKeys', quarantine: QUARANTINE },
    upgrade: async (tx) => {
      const mappings = (await tx.table('mappings').toArray()) as V1Mapping[];
      const passages = (await tx.table('passages').toArray()) as V1Passage[];
      const { sheets, quarantine } = packV1(passages, mappings, new Date().toISOString());
      await tx.table('sheets').bulkPut(sheets);
      await tx.table('quarantine').bulkPut(quarantine);
    },
  },
  {
    // Dropped only after version 2 has read them: Dexie keeps a store for the upgrades before.
    version: 3,
    stores: { passages: null, mappings: null },
  },
  {
    // Keys no longer join ids with a bare separator (sheets.ts unitIndexKey): sheets whose
    // learner or page id holds one are split and re-keyed. Deleted passages are kept a day
    // for an exact Undo.
    version: 4,
    // quarantine again: for databases upgraded to version 2 before it was declared there.
    stores: { deletedPassages: 'passageId, deletedAt', quarantine: QUARANTINE },
    upgrade: upgradeV4Keys,
  },
  {
    // Deletions become records that travel (tombstones); the IV's sampling plans.
    version: 5,
    stores: { tombstones: 'id, learnerId, at', samplingPlans: 'id, qualificationId, updatedAt' },
  },
  {
    // The assessor's responses to the IV's referrals and actions (a new store: nothing to move).
    version: 6,
    stores: { responses: 'id, decisionId, learnerId, updatedAt' },
  },
  {
    // The change log: which shared records changed since they last went to the team's server
    // (lib/db/change-log.ts). A database with records gets one "compare everything" entry.
    version: 7,
    stores: { changeLog: 'id' },
    upgrade: upgradeV7ChangeLog,
  },
];

/** The first version with the change log. */
const CHANGE_LOG_VERSION = 7;

/** The typed database. */
export type EvidenceDb = Dexie & {
  specifications: EntityTable<SpecificationRecord, 'id'>;
  learners: EntityTable<LearnerRecord, 'id'>;
  pages: EntityTable<PageRecord, 'id'>;
  /** Keyed by `[learnerId, pageId]`. */
  sheets: Table<EvidenceSheet, [string, string]>;
  decisions: EntityTable<DecisionRecord, 'id'>;
  signoffs: EntityTable<SignoffRecord, 'id'>;
  /** Passages deleted in the last day, for Undo. */
  deletedPassages: EntityTable<DeletedPassageRecord, 'passageId'>;
  settings: EntityTable<SettingRecord, 'key'>;
  /** Records an upgrade could not place, kept as they were (the options page lists and exports them). */
  quarantine: EntityTable<QuarantinedRecord, 'id'>;
  /** Deletions and their undoing, by the id of the record they name. */
  tombstones: EntityTable<TombstoneRecord, 'id'>;
  /** The IV's sampling plans. */
  samplingPlans: EntityTable<SamplingPlanRecord, 'id'>;
  /** The assessor's responses to decisions. */
  responses: EntityTable<ResponseRecord, 'id'>;
  /** Shared records changed since they last went to the team's server (lib/db/change-log.ts). */
  changeLog: EntityTable<ChangeLogEntry, 'id'>;
};

export const DB_NAME = 'evidence-mapper';

/** Opens (creating or upgrading) the database; `upTo` is for migration tests. */
export function createDb(name = DB_NAME, upTo = VERSIONS[VERSIONS.length - 1].version): EvidenceDb {
  const db = new Dexie(name) as EvidenceDb;
  for (const v of VERSIONS) {
    if (v.version > upTo) break;
    const version = db.version(v.version).stores(v.stores);
    if (v.upgrade) version.upgrade(v.upgrade);
  }
  if (upTo >= CHANGE_LOG_VERSION) db.use(changeLogMiddleware);
  return db;
}
