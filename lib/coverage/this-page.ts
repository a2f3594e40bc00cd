/**
 * "This page": the passages tagged on one page and the criteria each one meets, in the
 * order they were tagged, so the panel can list what the open tab already evidences.
 */
import type { Specification } from '../catalogue/model';
import type { MappingRecord, PassageRecord } from '../db/records';
import { criterionIndex } from '../catalogue/lookup';
import type { Method } from '../catalogue/methods';

/** A criterion a passage meets, with where it sits in the catalogue. */
export interface PassageCriterion {
  mappingId: string;
  criterionId: string;
  method: Method;
  note: string;
  /** Null when the catalogue no longer has the criterion. */
  number: string | null;
  text: string;
  unitId: string | null;
  unitRef: string | null;
  unitTitle: string;
  specId: string | null;
  /** Position in the catalogue (unknown criteria last). */
  order: number;
}

/** One passage of the page and its criteria. */
export interface PagePassage {
  passageId: string;
  quote: string;
  createdAt: string;
  createdBy: string;
  orphan: boolean;
  criteria: PassageCriterion[];
}

/**
 * The page's passages, oldest first, each with the criteria it is mapped to (in catalogue
 * order, as the documents print them). Mappings of other passages are ignored.
 */
export function pagePassages(
  passages: readonly PassageRecord[],
  mappings: readonly MappingRecord[],
  specs: readonly Specification[],
  orphans?: ReadonlySet<string>,
): PagePassage[] {
  const index = criterionIndex(specs);
  const byPassage = new Map<string, PassageCriterion[]>();
  for (const p of passages) byPassage.set(p.id, []);
  for (const m of mappings) {
    const list = byPassage.get(m.passageId);
    if (!list) continue;
    const place = index.get(m.criterionId);
    list.push({
      mappingId: m.id,
      criterionId: m.criterionId,
      method: m.method,
      note: m.note,
      number: place?.criterion.number ?? null,
      text: place?.criterion.text ?? '',
      unitId: place?.unitId ?? null,
      unitRef: place?.unit.ref ?? null,
      unitTitle: place?.unit.title ?? '',
      specId: place?.spec.id ?? null,
      order: place?.order ?? Number.MAX_SAFE_INTEGER,
    });
  }
  return [...passages]
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id.localeCompare(b.id)))
    .map((p) => ({
      passageId: p.id,
      quote: p.quote,
      createdAt: p.createdAt,
      createdBy: p.createdBy,
      orphan: (orphans?.has(p.id) ?? false) || p.anchor?.status === 'orphan',
      criteria: byPassage.get(p.id)!.sort(catalogueOrder),
    }));
}

function catalogueOrder(a: PassageCriterion, b: PassageCriterion): number {
  return a.order - b.order || a.criterionId.localeCompare(b.criterionId);
}
