/**
 * The records Evidence Mapper shares with its team (lib/db/records.ts) as CouchDB documents,
 * and back. Pure: no database, no network.
 *
 * One document per record, its id the record's type, a colon and the record's id, so the id
 * is the same on every machine and a record is never two documents:
 * - `passage:<id>`: a passage with its mappings (as Dexie stores it, inside its sheet);
 * - `learner:`, `page:`, `signoff:`, `response:`, `decision:`, `plan:` (an IV's sampling plan),
 *   `spec:` (an imported specification; built-in ones ship with the extension);
 * - deletions: a deleted passage, decision or sign-off is its document deleted (`_deleted`),
 *   keeping the deletion's tombstone (when, by whom) in its body; a criterion taken off a
 *   passage is a deleted `mapping:<mapping id>` document. An Undo is a live document again
 *   whose tombstone says `deleted: false`.
 * Each document names its `author`, the CouchDB user who wrote it: the server lets only that
 * user write it, and lets only an IV write `decision:` and `plan:` documents (lib/sync/design.ts),
 * so an assessor's work and an IV's decisions never share a document.
 */
import type {
  DecisionRecord,
  LearnerRecord,
  PageRecord,
  ResponseRecord,
  SamplingPlanRecord,
  SignoffRecord,
  SpecificationRecord,
  StoredPassage,
  TombstoneRecord,
} from '../db/records';

/** The records a team shares, as plain lists (the sheets' passages flattened). */
export interface SyncRecords {
  learners: LearnerRecord[];
  pages: PageRecord[];
  passages: StoredPassage[];
  decisions: DecisionRecord[];
  signoffs: SignoffRecord[];
  samplingPlans: SamplingPlanRecord[];
  responses: ResponseRecord[];
  /** Imported specifications only: built-in ones are in every copy of the extension. */
  specifications: SpecificationRecord[];
  tombstones: TombstoneRecord[];
}

/** The type named in each document id, by the list of records it holds. */
export const DOC_TYPE = {
  learners: 'learner',
  pages: 'page',
  passages: 'passage',
  decisions: 'decision',
  signoffs: 'signoff',
  samplingPlans: 'plan',
  responses: 'response',
  specifications: 'spec',
} as const satisfies Record<Exclude<keyof SyncRecords, 'tombstones'>, string>;

type RecordList = keyof typeof DOC_TYPE;
export type DocType = (typeof DOC_TYPE)[RecordList] | 'mapping';

/** The type of document a tombstone's kind of record is. */
const TOMBSTONE_TYPE: Record<TombstoneRecord['kind'], DocType> = { passage: 'passage', decision: 'decision', signoff: 'signoff', mapping: 'mapping' };

const LIST_OF = Object.fromEntries(Object.entries(DOC_TYPE).map(([list, type]) => [type, list])) as Record<(typeof DOC_TYPE)[RecordList], RecordList>;

/** A document as Evidence Mapper writes it (CouchDB adds `_rev`; a deleted one has `_deleted`). */
export interface SyncDoc {
  _id: string;
  _rev?: string;
  _deleted?: true;
  /** Present on the documents of records whose writes CouchDB may refuse (all of them). */
  type: DocType;
  /** The CouchDB user name that wrote this revision. */
  author: string;
  /** Which browser profile wrote it (one user on two machines), so a conflict can say which version is this one's. */
  device?: string;
  /** The record, while it exists. */
  record?: unknown;
  /** Its latest deletion or undo, if it ever had one. */
  tombstone?: TombstoneRecord;
  /** Conflicting revisions, when asked for (`conflicts: true`). */
  _conflicts?: string[];
}

/** A document's id. */
export function docId(type: DocType, recordId: string): string {
  return `${type}:${recordId}`;
}

/** The type and record id of a document id, or null for one that is not ours (design and local documents, others'). */
export function parseDocId(id: string): { type: DocType; recordId: string } | null {
  const colon = id.indexOf(':');
  if (colon <= 0) return null;
  const type = id.slice(0, colon);
  if (!(type in LIST_OF) && type !== 'mapping') return null;
  return { type: type as DocType, recordId: id.slice(colon + 1) };
}

/** Every record as a document written by `author`, deletions as deleted documents. */
export function toDocs(records: SyncRecords, author: string): SyncDoc[] {
  const docs = new Map<string, SyncDoc>();
  for (const list of Object.keys(DOC_TYPE) as RecordList[]) {
    const type = DOC_TYPE[list];
    for (const record of records[list] as { id: string }[]) docs.set(docId(type, record.id), { _id: docId(type, record.id), type, author, record });
  }
  for (const t of records.tombstones) {
    const type = TOMBSTONE_TYPE[t.kind];
    const id = docId(type, t.id);
    const live = docs.get(id);
    if (live) live.tombstone = t;
    else docs.set(id, { _id: id, type, author, tombstone: t, ...(t.deleted ? { _deleted: true as const } : {}) });
  }
  return [...docs.values()];
}

/** What could not be read back from a document, and why (the rest is read). */
export interface DocProblem {
  id: string;
  reason: string;
}

const emptyRecords = (): SyncRecords => ({ learners: [], pages: [], passages: [], decisions: [], signoffs: [], samplingPlans: [], responses: [], specifications: [], tombstones: [] });

/**
 * The records documents hold. Documents that are not ours (design documents) are skipped;
 * one whose id disagrees with its type or its record's id is reported, never read, so a
 * record cannot arrive under another's id. Checking each record's fields is the caller's
 * (the import's schemas), as for a file.
 */
export function fromDocs(docs: readonly SyncDoc[]): { records: SyncRecords; problems: DocProblem[] } {
  const records = emptyRecords();
  const problems: DocProblem[] = [];
  for (const doc of docs) {
    const parsed = parseDocId(doc._id);
    if (!parsed) {
      if (!doc._id.startsWith('_')) problems.push({ id: doc._id, reason: 'not an Evidence Mapper document' });
      continue;
    }
    const { type, recordId } = parsed;
    if (doc.type !== undefined && doc.type !== type) {
      problems.push({ id: doc._id, reason: `its id says ${type} but it says ${String(doc.type)}` });
      continue;
    }
    const record = doc._deleted ? undefined : doc.record;
    if (record !== undefined) {
      if (type === 'mapping') {
        problems.push({ id: doc._id, reason: 'a mapping travels inside its passage, not as a document of its own' });
        continue;
      }
      if (typeof record !== 'object' || record === null || (record as { id?: unknown }).id !== recordId) {
        problems.push({ id: doc._id, reason: 'its record has another id' });
        continue;
      }
      (records[LIST_OF[type]] as unknown[]).push(record);
    }
    const t = doc.tombstone;
    if (t) {
      if (typeof t !== 'object' || t.id !== recordId || TOMBSTONE_TYPE[t.kind] !== type) {
        problems.push({ id: doc._id, reason: 'its deletion names another record' });
        continue;
      }
      records.tombstones.push(t);
    }
  }
  return { records, problems };
}
