/**
 * Version 1 to 2: passages and mappings move into one sheet per learner and page. A frozen
 * copy: the record shapes and the packing are those of December 2026 and must not follow
 * later changes to records.ts or sheets.ts, or an old database would be upgraded by code
 * written for a newer one. Change this file only to fix a bug in this very upgrade.
 *
 * Bug fixes of this upgrade (issue 13), each the one allowed kind of change:
 * - Passages were grouped by `${learnerId}\u0000${pageId}`, so learner "LX" on page
 *   "PA\u0000PB" and learner "LX\u0000PA" on page "PB" shared a sheet filed under the first
 *   learner. They are grouped by learner, then page (no joined key). The index keys it
 *   writes keep version 2's form; version 4 rewrites those that were ambiguous.
 * - A mapping whose passage was missing was dropped, and a mapping of learner L2 on a
 *   passage of L1 was filed under L1 (its learner id was thrown away). A passage with no
 *   learner or page id failed the whole upgrade. Such records are now kept, unchanged, in
 *   the `quarantine` store with what they are and why they were not placed (the options
 *   page lists and exports them); the store is declared in version 2 for this upgrade.
 */

/** A version 1 passage, as stored in the `passages` store. */
export interface V1Passage {
  id: string;
  learnerId: string;
  pageId: string;
  [field: string]: unknown;
}

/** A version 1 mapping, as stored in the `mappings` store. */
export interface V1Mapping {
  id: string;
  passageId: string;
  learnerId: string;
  unitId: string;
  [field: string]: unknown;
}

/** A mapping inside a version 2 passage: a version 1 mapping less its passage and learner. */
export type V2Mapping = { id: string; unitId: string; [field: string]: unknown };

/** A version 2 sheet, as written by this upgrade. */
export interface V2Sheet {
  learnerId: string;
  pageId: string;
  passages: (V1Passage & { mappings: V2Mapping[] })[];
  passageIds: string[];
  unitKeys: string[];
}

/** A record this upgrade could not place, as written to the `quarantine` store. */
export interface V2Quarantined {
  /** `${source}/${recordId}`. */
  id: string;
  source: 'version 1 passages' | 'version 1 mappings';
  recordId: string;
  /** What the record is, in a few words. */
  what: string;
  /** Why it was not placed. */
  reason: string;
  /** The record exactly as it was stored. */
  record: unknown;
  quarantinedAt: string;
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

const text = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v) ?? 'none');

/** Packs version 1 passages and mappings into version 2 sheets; what cannot be placed is quarantined. */
export function packV1(passages: readonly V1Passage[], mappings: readonly V1Mapping[], now: string): { sheets: V2Sheet[]; quarantine: V2Quarantined[] } {
  const quarantine: V2Quarantined[] = [];
  const hold = (source: V2Quarantined['source'], record: { id: string }, what: string, reason: string) =>
    quarantine.push({ id: `${source}/${record.id}`, source, recordId: record.id, what, reason, record, quarantinedAt: now });
  const mappingWhat = (m: V1Mapping) => `Mapping ${m.id} of learner ${text(m.learnerId)} to criterion ${text(m.criterionId)} (${text(m.method)})`;

  const placeable = passages.filter((p) => {
    if (typeof p.learnerId === 'string' && typeof p.pageId === 'string') return true;
    const missing = typeof p.learnerId !== 'string' ? 'no learner' : 'no page';
    hold('version 1 passages', p, `Passage ${p.id}: "${text(p.quote)}"`, `It names ${missing}, so it cannot be filed on a learner's page.`);
    return false;
  });
  const passageById = new Map(placeable.map((p) => [p.id, p]));
  const known = new Set(passages.map((p) => p.id));
  const byPassage = new Map<string, V1Mapping[]>();
  for (const m of mappings) {
    const p = passageById.get(m.passageId);
    if (!p) {
      hold('version 1 mappings', m, mappingWhat(m), known.has(m.passageId)
        ? `Its passage ${m.passageId} could not be placed (it is quarantined too).`
        : `Its passage ${text(m.passageId)} is not in the database, so there is no page or quote to file it with.`);
      continue;
    }
    if (m.learnerId !== p.learnerId) {
      hold('version 1 mappings', m, mappingWhat(m),
        `It names learner ${text(m.learnerId)}, but its passage ${p.id} belongs to learner ${p.learnerId}: filing it there would move it to another learner.`);
      continue;
    }
    let list = byPassage.get(m.passageId);
    if (!list) byPassage.set(m.passageId, (list = []));
    list.push(m);
  }
  type Group = { learnerId: string; pageId: string; passages: V2Sheet['passages'] };
  const groups: Group[] = [];
  const byLearner = new Map<string, Map<string, Group>>();
  for (const p of placeable) {
    let pages = byLearner.get(p.learnerId);
    if (!pages) byLearner.set(p.learnerId, (pages = new Map()));
    let g = pages.get(p.pageId);
    if (!g) {
      pages.set(p.pageId, (g = { learnerId: p.learnerId, pageId: p.pageId, passages: [] }));
      groups.push(g);
    }
    const { mappings: _m, ...plain } = p as V1Passage & { mappings?: unknown };
    const own = (byPassage.get(p.id) ?? []).map(({ passageId: _p, learnerId: _l, ...rest }): V2Mapping => rest as V2Mapping);
    g.passages.push({ ...(plain as V1Passage), mappings: own.sort(byId) });
  }
  const sheets = groups.map((g) => {
    const list = [...g.passages].sort(byId);
    const units = new Set<string>();
    for (const p of list) for (const m of p.mappings) units.add(`${g.learnerId}\u0001${m.unitId}`);
    return { learnerId: g.learnerId, pageId: g.pageId, passages: list, passageIds: list.map((p) => p.id), unitKeys: [...units] };
  });
  return { sheets, quarantine };
}
