/**
 * Finding things in the catalogue for coverage: a qualification by id, its units by ref,
 * a criterion by id. Unit refs are compared by `unitKey` (spaces, slashes and case
 * ignored) because the documents print the same ref in more than one way.
 */
import { unitIdOf, unitKey, type Criterion, type Outcome, type Qualification, type Specification, type Unit } from '../catalogue/model';

/** A qualification with the specification that defines it. */
export interface QualificationInSpec {
  spec: Specification;
  qualification: Qualification;
}

export { unitIdOf };

/** The qualification with this id (`${specId}:${number}`) and its specification, if any. */
export function findQualification(specs: readonly Specification[], qualificationId: string): QualificationInSpec | undefined {
  for (const spec of specs) {
    const qualification = spec.qualifications.find((q) => q.id === qualificationId);
    if (qualification) return { spec, qualification };
  }
  return undefined;
}

/** The unit of a specification with this ref (printed in any of its forms), if any. */
export function findUnit(spec: Specification, ref: string): Unit | undefined {
  const key = unitKey(ref);
  return spec.units.find((u) => unitKey(u.ref) === key);
}

/** Every unit ref a qualification's groups list, each once, in the order of the groups. */
export function qualificationRefs(qualification: Qualification): string[] {
  const seen = new Set<string>();
  const refs: string[] = [];
  for (const group of qualification.rules.groups) {
    for (const ref of group.units) {
      const key = unitKey(ref);
      if (seen.has(key)) continue;
      seen.add(key);
      refs.push(ref);
    }
  }
  return refs;
}

/** Where a criterion sits in the catalogue. */
export interface CriterionPlace {
  spec: Specification;
  unit: Unit;
  unitId: string;
  outcome: Outcome;
  criterion: Criterion;
  /** Position in the catalogue, for listing criteria in the order the documents print them. */
  order: number;
}

const lookups = new WeakMap<readonly Specification[], Map<string, CriterionPlace>>();

/** Every criterion of these specifications by id; built once per specifications array. */
export function criterionIndex(specs: readonly Specification[]): Map<string, CriterionPlace> {
  let index = lookups.get(specs);
  if (index) return index;
  index = new Map();
  for (const spec of specs) {
    for (const unit of spec.units) {
      const unitId = unitIdOf(spec.id, unit.ref);
      for (const outcome of unit.outcomes) {
        for (const criterion of outcome.criteria) index.set(criterion.id, { spec, unit, unitId, outcome, criterion, order: index.size });
      }
    }
  }
  lookups.set(specs, index);
  return index;
}
