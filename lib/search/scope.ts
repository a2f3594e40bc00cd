/**
 * The scope of a query as a mask over the indexed criteria: 2 where a criterion lies in
 * the learner's chosen units, 1 where it lies elsewhere in the qualifications or units
 * asked for, 0 outside. Criteria rank by that tier first: the learner's own units, then
 * the rest of their qualification, then (when the assessor widens) everything else.
 */
import { localPartOf, specIdOf, unitIdOf, unitKey } from '../catalogue/ids';
import type { SearchableCriterion } from './flatten';
import type { SearchScope } from './types';

/** The mask value of a criterion in the learner's chosen units. */
export const CHOSEN = 2;

/**
 * The mask of a scope, or null for none. A qualification matches by id or by number; a
 * unit by ref (every unit printing that ref) or by "specId:ref". `unitDocs` lists the
 * criteria of each unit key and each unit id.
 */
export function maskFor(
  scope: SearchScope | undefined,
  criteria: readonly Pick<SearchableCriterion, 'qualificationIds'>[],
  unitDocs: ReadonlyMap<string, number[]>,
): Uint8Array | null {
  if (!hasScope(scope)) return null;
  const N = criteria.length;
  const mask = new Uint8Array(N);
  const quals = [...(scope.qualification ? [scope.qualification] : []), ...(scope.qualifications ?? [])].map((q) => q.trim().toLowerCase());
  if (quals.length) {
    for (let d = 0; d < N; d++) {
      if (criteria[d].qualificationIds.some((id) => quals.some((q) => id.toLowerCase() === q || id.toLowerCase().endsWith(`:${q}`)))) mask[d] = 1;
    }
  }
  const mark = (refs: readonly string[], value: number) => {
    for (const ref of refs) {
      const k = ref.includes(':') ? unitIdOf(specIdOf(ref), localPartOf(ref)) : unitKey(ref);
      for (const d of unitDocs.get(k) ?? []) mask[d] = value;
    }
  };
  mark([...(scope.units ?? []), ...(scope.unit ? [scope.unit] : [])], 1);
  mark(scope.chosenUnits ?? [], CHOSEN);
  return mask;
}

/** `maskFor` remembering the last scope: a panel asks with the same scope at every keystroke. */
export function lastScopeMask(
  criteria: readonly Pick<SearchableCriterion, 'qualificationIds'>[],
  unitDocs: ReadonlyMap<string, number[]>,
): (scope: SearchScope | undefined) => Uint8Array | null {
  let lastKey = '';
  let lastMask: Uint8Array | null = null;
  return (scope) => {
    if (!hasScope(scope)) return null;
    const key = JSON.stringify(scope);
    if (key !== lastKey) {
      lastMask = maskFor(scope, criteria, unitDocs);
      lastKey = key;
    }
    return lastMask;
  };
}

/** A scope that names something: a qualification or at least one unit. */
function hasScope(scope: SearchScope | undefined): scope is SearchScope {
  return !!scope && !!(scope.qualification || scope.qualifications?.length || scope.unit || scope.units?.length || scope.chosenUnits?.length);
}
