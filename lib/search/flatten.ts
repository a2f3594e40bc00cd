/**
 * Turns the nested catalogue (specification > unit > outcome > criterion) into the flat
 * records the criteria index is built from: one per criterion, carrying the words of its
 * unit and outcome and the qualifications whose rules of combination list its unit.
 */
import type { Catalogue } from '../catalogue/model';
import { unitKey } from '../catalogue/ids';

/** One criterion with the context the index searches and scopes by. */
export interface SearchableCriterion {
  /** The criterion's catalogue id, `${specId}:${unitKey}:${number}`. */
  id: string;
  specId: string;
  /** The unit ref as printed ("CU795", "L/506/2150", "CS 27"). */
  unitRef: string;
  unitTitle: string;
  outcomeNumber: string;
  outcomeTitle: string;
  /** The criterion number as printed ("2.3"). */
  number: string;
  text: string;
  /** Ids of the qualifications whose rules of combination include the unit. */
  qualificationIds: string[];
}

/** Flattens a catalogue into searchable criteria, in catalogue order. */
export function flattenCatalogue(catalogue: Catalogue): SearchableCriterion[] {
  const out: SearchableCriterion[] = [];
  for (const spec of catalogue.specifications) {
    const qualsByUnit = new Map<string, string[]>();
    for (const q of spec.qualifications) {
      for (const g of q.rules.groups) {
        for (const ref of g.units) {
          const k = unitKey(ref);
          const list = qualsByUnit.get(k) ?? [];
          if (!list.includes(q.id)) list.push(q.id);
          qualsByUnit.set(k, list);
        }
      }
    }
    for (const unit of spec.units) {
      const qualificationIds = qualsByUnit.get(unitKey(unit.ref)) ?? [];
      for (const outcome of unit.outcomes) {
        for (const c of outcome.criteria) {
          out.push({
            id: c.id,
            specId: spec.id,
            unitRef: unit.ref,
            unitTitle: unit.title,
            outcomeNumber: outcome.number,
            outcomeTitle: outcome.title,
            number: c.number,
            text: c.text,
            qualificationIds,
          });
        }
      }
    }
  }
  return out;
}
