/**
 * Ticking or unticking one unit in the panel's unit chooser. The decision (add, remove, or
 * refuse a barred pair) is taken in the write, on the choices stored then, not on the
 * coverage the panel last drew: six quick ticks keep all six, and two barred units ticked
 * at once cannot both get in.
 */
import type { Qualification, Specification } from '../catalogue/model';
import { addUnit, chosenRefs, removeUnit } from '../coverage';
import { changeUnitChoices, type UnitChoiceChange } from '../db/learners';
import type { EvidenceDb } from '../db/schema';

/** Adds (`chosen` true) or removes `ref` from the learner's units on `qualification`. */
export function tickUnit(db: EvidenceDb, learnerId: string, spec: Specification, qualification: Qualification, ref: string, chosen: boolean): Promise<UnitChoiceChange> {
  return changeUnitChoices(db, learnerId, qualification.id, (stored) => {
    const now = chosenRefs(qualification, stored);
    return chosen ? addUnit(spec, qualification, now, ref) : removeUnit(spec, qualification, now, ref);
  });
}

/**
 * Adds several units at once (the panel's "choose these units"), each checked against the
 * stored choices and the ones added before it; returns the refusals, one line per unit.
 */
export async function chooseUnits(db: EvidenceDb, learnerId: string, spec: Specification, qualification: Qualification, refs: readonly string[]): Promise<string[]> {
  let refused: string[] = [];
  await changeUnitChoices(db, learnerId, qualification.id, (stored) => {
    refused = [];
    let units: readonly string[] = chosenRefs(qualification, stored);
    for (const ref of refs) {
      const result = addUnit(spec, qualification, units, ref);
      if (result.ok) units = result.units;
      else refused.push(`${ref}: ${result.reason}`);
    }
    return { ok: true, units };
  });
  return refused;
}
