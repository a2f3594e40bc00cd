/**
 * The one database handle of an extension context (background, side panel, options).
 * Never import this from a content script: IndexedDB there would belong to the page.
 */
import { createDb, type EvidenceDb } from './schema';

let db: EvidenceDb | undefined;

/** The shared database of this extension context, opened on first use. */
export function getDb(): EvidenceDb {
  db ??= createDb();
  return db;
}
