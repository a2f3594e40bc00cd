/**
 * The units chosen for a learner on a qualification: the mandatory groups' units always,
 * the optional ones the assessor picked (stored in `learner.unitChoices`). Adding an
 * optional unit that the rules bar alongside one already chosen is refused, with the
 * rules' reason, so the panel can say why.
 */
import type { Level, Qualification, Specification } from '../catalogue/model';
import { barredBy } from '../catalogue/rules';
import { findUnit, qualificationRefs } from '../catalogue/lookup';
import { unitKey } from '../catalogue/ids';
import { unitIdOf } from '../catalogue/ids';

/** A unit a qualification offers, as the unit picker shows it. */
export interface UnitOption {
  ref: string;
  unitId: string;
  title: string;
  level: Level | null;
  credit: number | null;
  /** Ids of the rule groups listing it. */
  groups: string[];
  mandatory: boolean;
  chosen: boolean;
  /** Why it cannot be added now (a barred pair with a chosen unit), or null. */
  refusal: string | null;
}

/** What adding or removing a unit did: the new choice, or a refusal with its reason. */
export type ChoiceResult = { ok: true; units: string[] } | { ok: false; reason: string; units: string[] };

/** Refs of the units every learner on the qualification must take. */
export function mandatoryRefs(qualification: Qualification): string[] {
  const refs: string[] = [];
  const seen = new Set<string>();
  for (const group of qualification.rules.groups) {
    if (!group.mandatory) continue;
    for (const ref of group.units) {
      if (seen.has(unitKey(ref))) continue;
      seen.add(unitKey(ref));
      refs.push(ref);
    }
  }
  return refs;
}

/**
 * The learner's units on a qualification: mandatory ones first, then the stored optional
 * choices, in the order the rules list them. Refs the qualification no longer lists
 * (a changed catalogue) are dropped rather than shown as units nobody can assess.
 */
export function chosenRefs(qualification: Qualification, unitChoices: Record<string, string[]> | undefined): string[] {
  const stored = new Set((unitChoices?.[qualification.id] ?? []).map(unitKey));
  const mandatory = new Set(mandatoryRefs(qualification).map(unitKey));
  const all = qualificationRefs(qualification);
  return [
    ...all.filter((r) => mandatory.has(unitKey(r))),
    ...all.filter((r) => !mandatory.has(unitKey(r)) && stored.has(unitKey(r))),
  ];
}

/** Why `ref` may not join `chosen` (the barred pairs it would make), in plain English; empty if it may. */
function barredWith(spec: Specification, qualification: Qualification, chosen: readonly string[], ref: string): string[] {
  return barredBy(qualification, [...chosen], ref).map((b) => `${describe(spec, ref)} is barred with ${describe(spec, b.with)}: ${b.reason}`);
}

/** Every unit the qualification offers, marked chosen, mandatory or refused. */
export function unitOptions(spec: Specification, qualification: Qualification, chosen: readonly string[]): UnitOption[] {
  const have = new Set(chosen.map(unitKey));
  const mandatory = new Set(mandatoryRefs(qualification).map(unitKey));
  return qualificationRefs(qualification).map((ref) => {
    const unit = findUnit(spec, ref);
    const isChosen = have.has(unitKey(ref));
    const refusals = isChosen ? [] : barredWith(spec, qualification, chosen, ref);
    return {
      ref,
      unitId: unitIdOf(spec.id, ref),
      title: unit?.title ?? '',
      level: unit?.level ?? null,
      credit: unit?.credit ?? null,
      groups: qualification.rules.groups.filter((g) => g.units.some((r) => unitKey(r) === unitKey(ref))).map((g) => g.id),
      mandatory: mandatory.has(unitKey(ref)),
      chosen: isChosen,
      refusal: refusals.length ? refusals.join('; ') : null,
    };
  });
}

/** Adds an optional unit to the chosen ones, unless the rules bar it with one already chosen. */
export function addUnit(spec: Specification, qualification: Qualification, chosen: readonly string[], ref: string): ChoiceResult {
  const units = [...chosen];
  const listed = qualificationRefs(qualification).find((r) => unitKey(r) === unitKey(ref));
  if (!listed) return { ok: false, reason: `${ref} is not a unit of ${qualification.title}`, units };
  if (units.some((r) => unitKey(r) === unitKey(ref))) return { ok: true, units };
  const refusals = barredWith(spec, qualification, units, listed);
  if (refusals.length) return { ok: false, reason: refusals.join('; '), units };
  return { ok: true, units: chosenRefs(qualification, { [qualification.id]: [...units, listed] }) };
}

/** Removes an optional unit; mandatory units cannot be removed. */
export function removeUnit(spec: Specification, qualification: Qualification, chosen: readonly string[], ref: string): ChoiceResult {
  const units = [...chosen];
  if (mandatoryRefs(qualification).some((r) => unitKey(r) === unitKey(ref))) {
    return { ok: false, reason: `${describe(spec, ref)} is mandatory for ${qualification.title}`, units };
  }
  return { ok: true, units: units.filter((r) => unitKey(r) !== unitKey(ref)) };
}

function describe(spec: Specification, ref: string): string {
  const unit = findUnit(spec, ref);
  return unit?.title ? `${unit.title} (${unit.ref})` : ref;
}
