/**
 * Looks criteria, units and qualifications up by id, so an export can print the words a
 * mapping points at (unit title, outcome, criterion text) without walking the catalogue.
 */
import { unitIdOf, unitIdOfCriterion, unitKey, type Criterion, type Outcome, type Qualification, type Specification, type Unit } from '../catalogue/model';

/** Everything an export row says about one criterion. */
export interface CriterionInfo {
  spec: Specification;
  unit: Unit;
  unitId: string;
  outcome: Outcome;
  criterion: Criterion;
}

/** Lookups over a set of specifications. */
export interface CatalogueIndex {
  criterion(id: string): CriterionInfo | undefined;
  unit(unitId: string): { spec: Specification; unit: Unit } | undefined;
  qualification(id: string): { spec: Specification; qualification: Qualification } | undefined;
  /** Unit ids (`${specId}:${unitKey}`) a qualification's rules of combination list. */
  unitsOfQualification(id: string): Set<string>;
  /** The qualifications that list a unit, in catalogue order. */
  qualificationsOfUnit(unitId: string): Qualification[];
}

export { unitIdOf, unitIdOfCriterion };

/** Builds the lookups once per export. */
export function indexCatalogue(specs: readonly Specification[]): CatalogueIndex {
  const criteria = new Map<string, CriterionInfo>();
  const units = new Map<string, { spec: Specification; unit: Unit }>();
  const quals = new Map<string, { spec: Specification; qualification: Qualification }>();
  const qualUnits = new Map<string, Set<string>>();
  const unitQuals = new Map<string, Qualification[]>();
  for (const spec of specs) {
    for (const unit of spec.units) {
      const unitId = unitIdOf(spec.id, unit.ref);
      units.set(unitId, { spec, unit });
      for (const outcome of unit.outcomes) {
        for (const criterion of outcome.criteria) criteria.set(criterion.id, { spec, unit, unitId, outcome, criterion });
      }
    }
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
