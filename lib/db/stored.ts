/**
 * Passages as stored (with their mappings inside, see {@link StoredPassage}) and the
 * records the rest of the code works with: a passage and a list of mappings, each mapping
 * naming its passage and learner. Every read and write of evidence goes through here.
 */
import Dexie from 'dexie';
import type { MappingRecord, PassageRecord, StoredMapping, StoredPassage } from './records';
import type { EvidenceDb } from './schema';

/** The key of the `unitKeys` index for one learner's unit. */
export function unitKey(learnerId: string, unitId: string): string {
  return `${learnerId}\u0001${unitId}`;
}

/** Keys bounding every unit of one specification for a learner (unit ids are `${specId}:${key}`). */
export function specKeyRange(learnerId: string, specId: string): [string, string] {
  // ';' follows ':', so the range stops before a spec whose id merely starts with this one.
  return [unitKey(learnerId, `${specId}:`), unitKey(learnerId, `${specId};`)];
}

/** The passage alone, without what storage adds. */
export function passageOf(s: StoredPassage): PassageRecord {
  const { mappings: _m, unitKeys: _u, ...passage } = s;
  return passage;
}

/** A stored passage's mappings as records. */
export function mappingsOf(s: StoredPassage): MappingRecord[] {
  return s.mappings.map((m) => ({ ...m, passageId: s.id, learnerId: s.learnerId }));
}

function storedMapping(m: MappingRecord): StoredMapping {
  const { passageId: _p, learnerId: _l, ...rest } = m;
  return rest;
}

/** A passage and its mappings as one record to store; mappings keep the passage's learner. */
export function toStored(passage: PassageRecord, mappings: readonly (MappingRecord | StoredMapping)[]): StoredPassage {
  const list = mappings.map((m) => ('passageId' in m ? storedMapping(m) : m)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const { mappings: _m, unitKeys: _u, ...plain } = passage as StoredPassage;
  return { ...plain, mappings: list, unitKeys: [...new Set(list.map((m) => unitKey(passage.learnerId, m.unitId)))] };
}

/** Packs passages and mappings (as files and tests hold them) into stored passages. */
export function packPassages(passages: readonly PassageRecord[], mappings: readonly MappingRecord[]): StoredPassage[] {
  const byPassage = new Map<string, MappingRecord[]>();
  for (const m of mappings) {
    let list = byPassage.get(m.passageId);
    if (!list) byPassage.set(m.passageId, (list = []));
    list.push(m);
  }
  return passages.map((p) => toStored(p, byPassage.get(p.id) ?? []));
}

/** A learner's passages (mappings inside): a prefix range of the `[learnerId+pageId]` index. */
export function learnerPassages(db: EvidenceDb, learnerId: string): Promise<StoredPassage[]> {
  return db.passages.where('[learnerId+pageId]').between([learnerId, Dexie.minKey], [learnerId, Dexie.maxKey], true, true).toArray();
}

/** Stores passages and mappings given as separate lists (seeding, tests, benchmarks). */
export async function putEvidence(db: EvidenceDb, passages: readonly PassageRecord[], mappings: readonly MappingRecord[]): Promise<void> {
  await db.passages.bulkPut(packPassages(passages, mappings));
}

/** Every passage and mapping, as separate lists sorted by id. */
export async function readEvidence(db: EvidenceDb): Promise<{ passages: PassageRecord[]; mappings: MappingRecord[] }> {
  const stored = await db.passages.toArray();
  const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return { passages: stored.map(passageOf).sort(byId), mappings: stored.flatMap(mappingsOf).sort(byId) };
}
