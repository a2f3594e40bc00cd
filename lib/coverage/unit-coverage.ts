/**
 * How far one unit is evidenced for one learner: each outcome's criteria marked evidenced
 * or not, with how many passages meet each and by which methods, the unit's share, and
 * whether it is achieved (every criterion evidenced AND signed off by the assessor).
 */
import type { Level, Unit } from '../catalogue/model';
import type { MappingRecord, SignoffRecord } from '../db/records';
import { unitIdOf } from '../catalogue/ids';
import { METHODS, type Method } from '../catalogue/methods';

/** The fields of a mapping that coverage reads. */
export type CoverageMapping = Pick<MappingRecord, 'passageId' | 'criterionId' | 'method'>;

/** One criterion's coverage. */
export interface CriterionCoverage {
  id: string;
  number: string;
  text: string;
  evidenced: boolean;
  /** Distinct passages mapped to it. */
  passages: number;
  /** Methods used, in the order of METHODS. */
  methods: Method[];
}

/** One learning outcome's coverage. */
export interface OutcomeCoverage {
  number: string;
  title: string;
  criteria: CriterionCoverage[];
  evidenced: number;
  total: number;
}

/** The assessor's sign-off as the panel shows it. */
export interface Signoff {
  assessor: string;
  signedAt: string;
}

/** One unit's coverage for one learner. */
export interface UnitCoverage {
  unitId: string;
  ref: string;
  title: string;
  level: Level | null;
  credit: number | null;
  outcomes: OutcomeCoverage[];
  /** Criteria evidenced, of `total`. */
  evidenced: number;
  total: number;
  /** evidenced / total, 0 for a unit without criteria. */
  fraction: number;
  /** Distinct passages mapped to any criterion of the unit. */
  passages: number;
  allEvidenced: boolean;
  signoff: Signoff | null;
  /** Every criterion evidenced and signed off. */
  achieved: boolean;
  /** Criterion ids mapped for this unit that it no longer has (the catalogue changed). */
  unknownCriteria: string[];
}

/**
 * Computes a unit's coverage from the learner's mappings (any mappings may be passed;
 * those of other units are ignored) and its sign-off, if any.
 */
export function unitCoverage(
  specId: string,
  unit: Unit,
  mappings: readonly CoverageMapping[],
  signoff?: Pick<SignoffRecord, 'assessor' | 'signedAt'> | null,
): UnitCoverage {
  const prefix = `${unitIdOf(specId, unit.ref)}:`;
  const byCriterion = new Map<string, { passages: Set<string>; methods: Set<Method> }>();
  const unitPassages = new Set<string>();
  for (const m of mappings) {
    if (!m.criterionId.startsWith(prefix)) continue;
    let entry = byCriterion.get(m.criterionId);
    if (!entry) byCriterion.set(m.criterionId, (entry = { passages: new Set(), methods: new Set() }));
    entry.passages.add(m.passageId);
    entry.methods.add(m.method);
    unitPassages.add(m.passageId);
  }

  const known = new Set<string>();
  let evidenced = 0;
  let total = 0;
  const outcomes = unit.outcomes.map((outcome): OutcomeCoverage => {
    const criteria = outcome.criteria.map((c): CriterionCoverage => {
      known.add(c.id);
      const entry = byCriterion.get(c.id);
      return {
        id: c.id,
        number: c.number,
        text: c.text,
        evidenced: !!entry,
        passages: entry?.passages.size ?? 0,
        methods: entry ? METHODS.filter((m) => entry.methods.has(m)) : [],
      };
    });
    const done = criteria.filter((c) => c.evidenced).length;
    evidenced += done;
    total += criteria.length;
    return { number: outcome.number, title: outcome.title, criteria, evidenced: done, total: criteria.length };
  });

  const allEvidenced = total > 0 && evidenced === total;
  const so = signoff ? { assessor: signoff.assessor, signedAt: signoff.signedAt } : null;
  return {
    unitId: unitIdOf(specId, unit.ref),
    ref: unit.ref,
    title: unit.title,
    level: unit.level,
    credit: unit.credit,
    outcomes,
    evidenced,
    total,
    fraction: total ? evidenced / total : 0,
    passages: unitPassages.size,
    allEvidenced,
    signoff: so,
    achieved: allEvidenced && so !== null,
    unknownCriteria: [...byCriterion.keys()].filter((id) => !known.has(id)).sort(),
  };
}

/** The same coverage showing only criteria not yet evidenced (outcomes without gaps dropped). */
export function gapsOnly(coverage: UnitCoverage): UnitCoverage {
  return {
    ...coverage,
    outcomes: coverage.outcomes
      .map((o) => ({ ...o, criteria: o.criteria.filter((c) => !c.evidenced) }))
      .filter((o) => o.criteria.length > 0),
  };
}
