/**
 * The Dexie database and its versions. The database belongs to the extension origin:
 * the background and extension pages open it; content scripts never do (they message
 * the background). Every schema change is a new entry in VERSIONS with an upgrade and a
 * test that opens a database written by the previous version.
 */
import Dexie, { type EntityTable } from 'dexie';
import type {
  DecisionRecord,
  LearnerRecord,
  MappingRecord,
  PageRecord,
  PassageRecord,
  SettingRecord,
  SignoffRecord,
  SpecificationRecord,
} from './records';

/** Index definitions of each version, oldest first. */
export const VERSIONS: { version: number; stores: Record<string, string> }[] = [
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
];

/** The typed database. */
export type EvidenceDb = Dexie & {
  specifications: EntityTable<SpecificationRecord, 'id'>;
  learners: EntityTable<LearnerRecord, 'id'>;
  pages: EntityTable<PageRecord, 'id'>;
  passages: EntityTable<PassageRecord, 'id'>;
  mappings: EntityTable<MappingRecord, 'id'>;
  decisions: EntityTable<DecisionRecord, 'id'>;
  signoffs: EntityTable<SignoffRecord, 'id'>;
  settings: EntityTable<SettingRecord, 'key'>;
};

export const DB_NAME = 'evidence-mapper';

/** Opens (creating or upgrading) the database; `upTo` is for migration tests. */
export function createDb(name = DB_NAME, upTo = VERSIONS[VERSIONS.length - 1].version): EvidenceDb {
  const db = new Dexie(name) as EvidenceDb;
  for (const v of VERSIONS) {
    if (v.version > upTo) break;
    db.version(v.version).stores(v.stores);
  }
  return db;
}
