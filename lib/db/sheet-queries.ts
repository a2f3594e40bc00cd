/**
 * Reads of evidence sheets by the indexes the schema declares: a learner's sheets are a
 * prefix of the `[learnerId+pageId]` primary key; a passage's sheet is found through the
 * multi-entry `passageIds` index.
 */
import Dexie from 'dexie';
import type { EvidenceSheet, StoredPassage } from './records';
import type { EvidenceDb } from './schema';
import { passagesOfSheets } from './sheets';

/** A learner's sheets: a prefix range of the primary key. */
export function learnerSheets(db: EvidenceDb, learnerId: string): Promise<EvidenceSheet[]> {
  return db.sheets.where(':id').between([learnerId, Dexie.minKey], [learnerId, Dexie.maxKey], true, true).toArray();
}

/** A learner's passages (mappings inside). */
export async function learnerPassages(db: EvidenceDb, learnerId: string): Promise<StoredPassage[]> {
  return passagesOfSheets(await learnerSheets(db, learnerId));
}

/** The sheet holding a passage, if it is stored. */
export function sheetOfPassage(db: EvidenceDb, passageId: string): Promise<EvidenceSheet | undefined> {
  return db.sheets.where('passageIds').equals(passageId).first();
}
