/**
 * Finding things in the catalogue: a qualification by id, its units by ref, a criterion or
 * unit by id, and which qualifications list a unit. One index serves coverage, the exports
 * and the panel. Unit refs are compared by `unitKey` (spaces, slashes and case ignored)
 * because the documents print the same ref in more than one way.
 */
import { unitIdOf, unitKey } from './ids';
import type { Criterion, Outcome, Qualification, Specification, Unit } from './model';

/** A qualification with the specification that defines it. */
export interface QualificationInSpec {
  spec: Specification;
  qualification: Qualification;
}

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

/** Lookups over a set of specifications, by id. */
export interface CatalogueIndex {
  criterion(id: string): CriterionPlace | undefined;
  unit(unitId: string): { spec: Specification; unit: Unit } | undefined;
  qualification(id: string): QualificationInSpec | undefined;
  /** Unit ids (`${specId}:${unitKey}`) a qualification's rules of combination list. */
  unitsOfQualification(id: string): Set<string>;
  /** The qualifications that list a unit, in catalogue order. */
  qualificationsOfUnit(unitId: string): Qualification[];
}

/** Builds the lookups once (an export builds them once per run). */
export function indexCatalogue(specs: readonly Specification[]): CatalogueIndex {
  const criteria = criterionIndex(specs);
  const units = new Map<string, { spec: Specification; unit: Unit }>();
  const quals = new Map<string, QualificationInSpec>();
  const qualUnits = new Map<string, Set<string>>();
  const unitQuals = new Map<string, Qualification[]>();
  for (const spec of specs) {
    for (const unit of spec.units) units.set(unitIdOf(spec.id, unit.ref), { spec, unit });
    for (const qualification of spec.qualifications) {
      quals.set(qualification.id, { spec, qualification });
      const set = new Set(qualification.rules.groups.flatMap((g) => g.units.map((ref) => unitIdOf(spec.id, ref))));
      qualUnits.set(qualification.id, set);
      for (const u of set) unitQuals.set(u, [...(unitQuals.get(u) ?? []), qualification]);
    }
  }
  return {
    criterion: (id) => criteria.get(id),
    unit: (id) => units.get(id),
    qualification: (id) => quals.get(id),
    unitsOfQualification: (id) => qualUnits.get(id) ?? new Set(),
    qualificationsOfUnit: (id) => unitQuals.get(id) ?? [],
  };
}
