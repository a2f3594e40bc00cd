/**
 * A worked example for the rules form: "with every mandatory unit and N credits of
 * optional units, the rules say ...", evaluated by the one rules engine (rules.ts), so
 * whoever enters the rules of combination sees at once what they mean for a learner.
 */
import { unitKey } from './ids';
import type { Qualification, Specification } from './model';
import { evaluateRules, type AchievedUnit, type RulesResult } from './rules';

/** The example's units and the engine's answer. */
export interface RulesExample {
  units: string[];
  optionalCredits: number;
  result: RulesResult;
}

/**
 * Achieves every unit of a mandatory group, then optional units (in the order the groups
 * list them) until at least `optionalCredits` credits of them are reached, and evaluates.
 */
export function rulesExample(spec: Specification, qualification: Qualification, optionalCredits: number): RulesExample {
  const byKey = new Map(spec.units.map((u) => [unitKey(u.ref), u]));
  const achieved: AchievedUnit[] = [];
  const taken = new Set<string>();
  const take = (ref: string) => {
    const k = unitKey(ref);
    if (taken.has(k)) return 0;
    taken.add(k);
    const u = byKey.get(k);
    achieved.push({ ref, credit: u?.credit ?? null, level: u?.level ?? null });
    return u?.credit ?? 0;
  };
  const groups = qualification.rules.groups;
  for (const g of groups) if (g.mandatory) for (const ref of g.units) take(ref);
  let optional = 0;
  for (const g of groups) {
    if (g.mandatory) continue;
    for (const ref of g.units) {
      if (optional >= optionalCredits) break;
      optional += take(ref);
    }
  }
  return { units: achieved.map((u) => u.ref), optionalCredits: optional, result: evaluateRules(qualification, achieved) };
}
