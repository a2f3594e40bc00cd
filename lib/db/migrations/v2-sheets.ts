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

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Packs version 1 passages and mappings into version 2 sheets. */
export function packV1(passages: readonly V1Passage[], mappings: readonly V1Mapping[]): V2Sheet[] {
  const byPassage = new Map<string, V1Mapping[]>();
  for (const m of mappings) {
    let list = byPassage.get(m.passageId);
    if (!list) byPassage.set(m.passageId, (list = []));
    list.push(m);
  }
  type Group = { learnerId: string; pageId: string; passages: V2Sheet['passages'] };
  const groups: Group[] = [];
  const byLearner = new Map<string, Map<string, Group>>();
  for (const p of passages) {
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
  return groups.map((g) => {
    const list = [...g.passages].sort(byId);
    const units = new Set<string>();
    for (const p of list) for (const m of p.mappings) units.add(`${g.learnerId}\u0001${m.unitId}`);
    return { learnerId: g.learnerId, pageId: g.pageId, passages: list, passageIds: list.map((p) => p.id), unitKeys: [...units] };
  });
}
