/**
 * One learner's coverage of one qualification, everything the side panel shows at once:
 * the units chosen (and the ones that could be), each chosen unit's coverage, and progress
 * against the rules of combination. Plain data in, plain data out; the records come from
 * lib/db/coverage-queries.ts.
 */
import type { Qualification, Specification } from '../catalogue/model';
import type { MappingRecord, SignoffRecord } from '../db/records';
import { findUnit } from '../catalogue/lookup';
import { qualificationProgress, type QualificationProgress } from './progress';
import { unitCoverage, type CoverageMapping, type UnitCoverage } from './unit-coverage';
import { chosenRefs, unitOptions, type UnitOption } from './units';
import { unitIdOf, unitKey } from '../catalogue/ids';

/** What learnerCoverage reads. */
export interface LearnerCoverageInput {
  spec: Specification;
  qualification: Qualification;
  /** The learner's stored choices, by qualification id (learner.unitChoices). */
  unitChoices: Record<string, string[]> | undefined;
  /** The learner's mappings (at least those of the chosen units; others are ignored). */
  mappings: readonly (CoverageMapping & Pick<MappingRecord, 'unitId'>)[];
  /** The learner's sign-offs (others' units are ignored; the latest per unit counts). */
  signoffs: readonly Pick<SignoffRecord, 'unitId' | 'assessor' | 'signedAt'>[];
}

/** One learner's coverage of one qualification. */
export interface LearnerCoverage {
  qualificationId: string;
  title: string;
  /** Refs of the chosen units, mandatory first. */
  chosen: string[];
  /** Every unit the qualification offers, for the unit picker. */
  options: UnitOption[];
  /** Coverage of each chosen unit, in the order of `chosen`. */
  units: UnitCoverage[];
  progress: QualificationProgress;
  /** Criteria evidenced over all chosen units, of `total`. */
  evidenced: number;
  total: number;
  /**
   * Units of the qualification not chosen that already hold evidence, in the qualification's
   * order: their passages count nowhere until the unit is chosen, so the panel offers it.
   */
  unchosenEvidence: UnchosenEvidence[];
}

/** A unit not chosen that holds evidence. */
export interface UnchosenEvidence {
  ref: string;
  unitId: string;
  /** Distinct passages mapped to its criteria. */
  passages: number;
  /** Why it cannot be chosen now (a barred pair with a chosen unit), or null. */
  refusal: string | null;
}

/** Computes a learner's coverage of a qualification. */
export function learnerCoverage(input: LearnerCoverageInput): LearnerCoverage {
  const { spec, qualification } = input;
  const chosen = chosenRefs(qualification, input.unitChoices);

  const mappingsByUnit = new Map<string, CoverageMapping[]>();
  for (const m of input.mappings) {
    let list = mappingsByUnit.get(m.unitId);
    if (!list) mappingsByUnit.set(m.unitId, (list = []));
    list.push(m);
  }
  const signoffByUnit = new Map<string, Pick<SignoffRecord, 'assessor' | 'signedAt'>>();
  for (const s of input.signoffs) {
    const before = signoffByUnit.get(s.unitId);
    if (!before || before.signedAt < s.signedAt) signoffByUnit.set(s.unitId, s);
  }

  const units = chosen.map((ref) => {
    const id = unitIdOf(spec.id, ref);
    // A ref the rules list without a unit page: shown with no criteria, so never achieved.
    const unit = findUnit(spec, ref) ?? { ref, title: '', level: null, credit: null, glh: null, outcomes: [] };
    return unitCoverage(spec.id, unit, mappingsByUnit.get(id) ?? [], signoffByUnit.get(id) ?? null);
  });
  const achieved = units.filter((u) => u.achieved).map((u) => chosen.find((r) => unitKey(r) === unitKey(u.ref))!);

  const options = unitOptions(spec, qualification, chosen);
  const unchosenEvidence = options
    .filter((o) => !o.chosen && mappingsByUnit.has(o.unitId))
    .map((o) => ({ ref: o.ref, unitId: o.unitId, passages: new Set(mappingsByUnit.get(o.unitId)!.map((m) => m.passageId)).size, refusal: o.refusal }));

  return {
    qualificationId: qualification.id,
    title: qualification.title,
    chosen,
    options,
    units,
    progress: qualificationProgress(spec, qualification, chosen, achieved),
    evidenced: units.reduce((s, u) => s + u.evidenced, 0),
    total: units.reduce((s, u) => s + u.total, 0),
    unchosenEvidence,
  };
}

/**
 * learnerCoverage from what lib/db's loadCoverageRecords returns; undefined when the
 * specification no longer defines the qualification (the panel says so instead).
 */
export function coverageFromRecords(
  records: { spec: Specification; learner: { unitChoices: Record<string, string[]> }; mappings: LearnerCoverageInput['mappings']; signoffs: LearnerCoverageInput['signoffs'] },
  qualificationId: string,
): LearnerCoverage | undefined {
  const qualification = records.spec.qualifications.find((q) => q.id === qualificationId);
  if (!qualification) return undefined;
  return learnerCoverage({ spec: records.spec, qualification, unitChoices: records.learner.unitChoices, mappings: records.mappings, signoffs: records.signoffs });
}
