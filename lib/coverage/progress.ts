/**
 * A learner's progress against a qualification's rules of combination, in the words of
 * lib/catalogue's evaluator: for the units achieved so far (credits, groups, levels,
 * barred pairs, what is still needed), and for the units chosen, so the assessor sees
 * whether the chosen set would complete the qualification once every unit is achieved.
 */
import type { Qualification, Specification } from '../catalogue/model';
import { evaluateRules, levelWords, type AchievedUnit, type RulesResult } from '../catalogue/rules';
import { findUnit } from '../catalogue/lookup';

/** Progress on one qualification. */
export interface QualificationProgress {
  /** Refs of the chosen units that are achieved (every criterion evidenced and signed off). */
  achievedRefs: string[];
  /** The rules applied to the achieved units: what counts now and what is still needed. */
  achieved: RulesResult;
  /** The rules applied to all chosen units: would this set complete the qualification? */
  plan: RulesResult;
}

/** The units as the evaluator needs them, with credit and level from the catalogue. */
export function asAchievedUnits(spec: Specification, refs: readonly string[]): AchievedUnit[] {
  return refs.map((ref) => {
    const unit = findUnit(spec, ref);
    return { ref, credit: unit?.credit ?? null, level: unit?.level ?? null };
  });
}

/** Evaluates the achieved and the chosen units of a learner against the rules. */
export function qualificationProgress(
  spec: Specification,
  qualification: Qualification,
  chosen: readonly string[],
  achievedRefs: readonly string[],
): QualificationProgress {
  return {
    achievedRefs: [...achievedRefs],
    achieved: evaluateRules(qualification, asAchievedUnits(spec, achievedRefs)),
    plan: evaluateRules(qualification, asAchievedUnits(spec, chosen)),
  };
}

/**
 * The result as lines of plain English, for the panel and for screen readers: credits,
 * then each group and each level constraint, then what is still needed (barred pairs included).
 */
export function progressLines(result: RulesResult): string[] {
  const lines = [`${result.credits} of ${result.minCredits} credits${result.credits >= result.minCredits ? ' (met)' : ''}`];
  for (const g of result.groups) {
    lines.push(`${g.title}: ${g.requirement}; ${g.credits} ${g.credits === 1 ? 'credit' : 'credits'} from ${g.counted.length} ${g.counted.length === 1 ? 'unit' : 'units'} (${g.met ? 'met' : 'not met'})`);
  }
  for (const l of result.levels) {
    lines.push(`${l.credits} of ${l.required} credits at ${levelWords(l.minLevel)} or above (${l.met ? 'met' : 'not met'})`);
  }
  if (result.met) lines.push('The rules of combination are met.');
  else lines.push(...result.missing.map((m) => m.charAt(0).toUpperCase() + m.slice(1)));
  return lines;
}
