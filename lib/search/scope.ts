/**
 * The scope of a query as a mask over the indexed criteria: 1 where a criterion lies in
 * the qualification or units asked for. In-scope criteria rank before all others.
 */
import { localPartOf, specIdOf, unitIdOf, unitKey } from '../catalogue/ids';
import type { SearchableCriterion } from './flatten';
import type { SearchScope } from './types';

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
  if (scope.qualification) {
    const q = scope.qualification.trim().toLowerCase();
    for (let d = 0; d < N; d++) {
      if (criteria[d].qualificationIds.some((id) => id.toLowerCase() === q || id.toLowerCase().endsWith(`:${q}`))) mask[d] = 1;
    }
  }
  for (const ref of [...(scope.units ?? []), ...(scope.unit ? [scope.unit] : [])]) {
    const k = ref.includes(':') ? unitIdOf(specIdOf(ref), localPartOf(ref)) : unitKey(ref);
    for (const d of unitDocs.get(k) ?? []) mask[d] = 1;
  }
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
  return !!scope && !!(scope.qualification || scope.unit || scope.units?.length);
}
