/**
 * Evidence as stored (see {@link EvidenceSheet}: one record per learner and page, holding
 * its passages, each holding its mappings) and the records the rest of the code works
 * with: passages and mappings, each mapping naming its passage and learner. Every read and
 * write of evidence goes through here or through the queries built on it.
 */
import Dexie from 'dexie';
import type { EvidenceSheet, MappingRecord, PassageRecord, StoredMapping, StoredPassage } from './records';
import type { EvidenceDb } from './schema';

/** The key of the `unitKeys` index for one learner's unit. */
export function unitKey(learnerId: string, unitId: string): string {
  return `${learnerId}\u0001${unitId}`;
}

/** A sheet's key as one string, for maps (its primary key is the pair). */
export function sheetKey(learnerId: string, pageId: string): string {
  return `${learnerId}\u0000${pageId}`;
}

/** Keys bounding every unit of one specification for a learner (unit ids are `${specId}:${key}`). */
export function specKeyRange(learnerId: string, specId: string): [string, string] {
  // ';' follows ':', so the range stops before a spec whose id merely starts with this one.
  return [unitKey(learnerId, `${specId}:`), unitKey(learnerId, `${specId};`)];
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The passage alone, without its mappings. */
export function passageOf(s: StoredPassage): PassageRecord {
  const { mappings: _m, ...passage } = s;
  return passage;
}

/** A stored passage's mappings as records. */
export function mappingsOf(s: StoredPassage): MappingRecord[] {
  return s.mappings.map((m) => ({ ...m, passageId: s.id, learnerId: s.learnerId }));
}

function storedMapping(m: MappingRecord | StoredMapping): StoredMapping {
  if (!('passageId' in m)) return m;
  const { passageId: _p, learnerId: _l, ...rest } = m;
  return rest;
}

/** A passage with its mappings, as stored inside a sheet. */
export function storedPassage(passage: PassageRecord, mappings: readonly (MappingRecord | StoredMapping)[]): StoredPassage {
  const { mappings: _m, ...plain } = passage as StoredPassage;
  return { ...plain, mappings: mappings.map(storedMapping).sort(byId) };
}

/** A learner's sheet for a page, from its passages (which must all be that learner's on that page). */
export function toSheet(learnerId: string, pageId: string, passages: readonly StoredPassage[]): EvidenceSheet {
  const list = [...passages].sort(byId);
  const units = new Set<string>();
  for (const p of list) for (const m of p.mappings) units.add(unitKey(learnerId, m.unitId));
  return { learnerId, pageId, passages: list, passageIds: list.map((p) => p.id), unitKeys: [...units] };
}

/** Every passage of some sheets. */
export function passagesOfSheets(sheets: readonly EvidenceSheet[]): StoredPassage[] {
  return sheets.flatMap((s) => s.passages);
}

/** Packs passages and mappings (as files and tests hold them) into sheets. */
export function packSheets(passages: readonly PassageRecord[], mappings: readonly MappingRecord[]): EvidenceSheet[] {
  const byPassage = new Map<string, MappingRecord[]>();
  for (const m of mappings) {
    let list = byPassage.get(m.passageId);
    if (!list) byPassage.set(m.passageId, (list = []));
    list.push(m);
  }
  const groups = new Map<string, { learnerId: string; pageId: string; passages: StoredPassage[] }>();
  for (const p of passages) {
    const key = sheetKey(p.learnerId, p.pageId);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { learnerId: p.learnerId, pageId: p.pageId, passages: [] }));
    g.passages.push(storedPassage(p, byPassage.get(p.id) ?? []));
  }
  return [...groups.values()].map((g) => toSheet(g.learnerId, g.pageId, g.passages));
}

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

/** Stores passages and mappings given as separate lists (seeding, tests, benchmarks); sheets they share are replaced. */
export async function putEvidence(db: EvidenceDb, passages: readonly PassageRecord[], mappings: readonly MappingRecord[]): Promise<void> {
  await db.sheets.bulkPut(packSheets(passages, mappings));
}

/** Every passage and mapping, as separate lists sorted by id. */
export async function readEvidence(db: EvidenceDb): Promise<{ passages: PassageRecord[]; mappings: MappingRecord[] }> {
  const stored = passagesOfSheets(await db.sheets.toArray());
  return { passages: stored.map(passageOf).sort(byId), mappings: stored.flatMap(mappingsOf).sort(byId) };
}
