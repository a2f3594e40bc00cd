/**
 * Version 3 to 4: keys that joined ids with a separator made unambiguous. A frozen copy
 * (the key form of version 4, not whatever sheets.ts does later); change it only to fix
 * a bug in this very upgrade.
 *
 * Up to version 3 a unit index key was `${learnerId}\u0001${unitId}`, so learner "LX" on
 * unit "PA\u0001PB" and learner "LX\u0001PA" on unit "PB" shared one, and the version 1
 * upgrade grouped passages by `${learnerId}\u0000${pageId}`, so two learners' passages
 * could share a sheet filed under one of them. From version 4 the learner id is escaped
 * (\u0000, \u0001, \u0002 become \u0002a, \u0002b, \u0002c). Only sheets whose learner or
 * page id holds one of those characters can be affected (every UUID is not): those are
 * read, split so each passage is in its own learner's sheet for its own page, and written
 * with their keys rebuilt. Nothing else is read but the primary keys.
 */
import type { Transaction } from 'dexie';

const SEPARATORS = /[\u0000-\u0002]/;

/** A learner id as version 4 writes it in a key. */
export function escapeV4(id: string): string {
  return id.replace(/[\u0000-\u0002]/g, (c) => `\u0002${'abc'[c.charCodeAt(0)]}`);
}

/** A version 4 unit index key. */
export function unitKeyV4(learnerId: string, unitId: string): string {
  return `${escapeV4(learnerId)}\u0001${unitId}`;
}

type Passage = { id: string; learnerId: string; pageId: string; mappings: { unitId: string }[]; [field: string]: unknown };
type Sheet = { learnerId: string; pageId: string; passages: Passage[]; passageIds: string[]; unitKeys: string[] };

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Regroups the given sheets' passages by their own learner and page, with version 4 keys. */
export function rekeyV4(sheets: readonly Sheet[]): Sheet[] {
  const byLearner = new Map<unknown, Map<unknown, Sheet>>();
  const out: Sheet[] = [];
  for (const sheet of sheets) {
    for (const p of sheet.passages) {
      // A passage that names no learner or page (never written so) stays where it was.
      const placed = typeof p.learnerId === 'string' && typeof p.pageId === 'string';
      const learnerId = placed ? p.learnerId : sheet.learnerId;
      const pageId = placed ? p.pageId : sheet.pageId;
      let pages = byLearner.get(learnerId);
      if (!pages) byLearner.set(learnerId, (pages = new Map()));
      let target = pages.get(pageId);
      if (!target) {
        pages.set(pageId, (target = { learnerId, pageId, passages: [], passageIds: [], unitKeys: [] }));
        out.push(target);
      }
      target.passages.push(p);
    }
  }
  for (const s of out) {
    s.passages.sort(byId);
    s.passageIds = s.passages.map((p) => p.id);
    const units = new Set<string>();
    for (const p of s.passages) for (const m of p.mappings ?? []) units.add(unitKeyV4(s.learnerId, m.unitId));
    s.unitKeys = [...units];
  }
  return out;
}

/** The upgrade: rewrites the sheets whose keys could be ambiguous. */
export async function upgradeV4Keys(tx: Transaction): Promise<void> {
  const table = tx.table('sheets');
  const keys = (await table.toCollection().primaryKeys()) as [string, string][];
  const affected = keys.filter(([l, p]) => SEPARATORS.test(l) || SEPARATORS.test(p));
  if (!affected.length) return;
  const sheets = ((await table.bulkGet(affected)) as (Sheet | undefined)[]).filter((s): s is Sheet => !!s);
  await table.bulkDelete(affected);
  await table.bulkPut(rekeyV4(sheets));
}
