/**
 * Evidence as stored (see {@link EvidenceSheet}: one record per learner and page, holding
 * its passages, each holding its mappings) and the records the rest of the code works
 * with: passages and mappings, each mapping naming its passage and learner. Pure packing
 * and unpacking, no database: the queries over sheets are in sheet-queries.ts.
 */
import type { EvidenceSheet, MappingRecord, PassageRecord, StoredMapping, StoredPassage } from './records';

/**
 * `id` with the characters that join keys replaced (\u0000 by \u0002a, \u0001 by \u0002b,
 * \u0002 by \u0002c), so it holds neither separator. A key `escapeKeyPart(a) + SEP + b`
 * splits back at its first SEP, so two pairs never share a key (learner "LX" on page
 * "PA\u0000PB" and learner "LX\u0000PA" on page "PB" once did). Ids without those
 * characters (every UUID) are unchanged, so keys already stored for them stay valid.
 */
function escapeKeyPart(id: string): string {
  return id.replace(/[\u0000-\u0002]/g, (c) => `\u0002${'abc'[c.charCodeAt(0)]}`);
}

/** The key of the `unitKeys` index for one learner's unit. */
export function unitIndexKey(learnerId: string, unitId: string): string {
  return `${escapeKeyPart(learnerId)}\u0001${unitId}`;
}

/** A sheet's key as one string, for maps (its primary key is the pair). */
export function sheetKey(learnerId: string, pageId: string): string {
  return `${escapeKeyPart(learnerId)}\u0000${pageId}`;
}

/** Bounds of every unit id of one specification (unit ids are `${specId}:${unitKey}`), lower inclusive. */
export function specUnitBounds(specId: string): [string, string] {
  // ';' follows ':', so the range stops before a spec whose id merely starts with this one.
  return [`${specId}:`, `${specId};`];
}

/** Keys of the `unitKeys` index bounding every unit of one specification for a learner. */
export function specKeyRange(learnerId: string, specId: string): [string, string] {
  const [lo, hi] = specUnitBounds(specId);
  return [unitIndexKey(learnerId, lo), unitIndexKey(learnerId, hi)];
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
  for (const p of list) for (const m of p.mappings) units.add(unitIndexKey(learnerId, m.unitId));
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
