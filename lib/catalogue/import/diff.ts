/**
 * What changed between two versions of a specification: units, learning outcomes and
 * criteria added, removed or reworded. Units are matched by their unit key, outcomes by
 * number within their unit, criteria by id (spec id, unit key and number), so the answer
 * says exactly which mappings a re-import keeps: those whose criterion is not removed.
 */
import { unitKey } from '../ids';
import type { Criterion, Specification, Unit } from '../model';

/** A criterion in the diff, with its unit for display. */
export interface CriterionChange {
  id: string;
  unitRef: string;
  number: string;
  text: string;
  /** For a reworded criterion: its words before. */
  before?: string;
}

/** An outcome added, removed or retitled. */
export interface OutcomeChange {
  unitRef: string;
  number: string;
  title: string;
  before?: string;
}

/** A unit whose own fields changed (title, level, credit, GLH). */
export interface UnitFieldChange {
  unitRef: string;
  field: 'title' | 'level' | 'credit' | 'GLH';
  before: string;
  after: string;
}

/** The whole diff. */
export interface SpecificationDiff {
  unitsAdded: { ref: string; title: string }[];
  unitsRemoved: { ref: string; title: string }[];
  unitsChanged: UnitFieldChange[];
  outcomesAdded: OutcomeChange[];
  outcomesRemoved: OutcomeChange[];
  outcomesRetitled: OutcomeChange[];
  criteriaAdded: CriterionChange[];
  criteriaRemoved: CriterionChange[];
  criteriaReworded: CriterionChange[];
  /** Criteria present in both versions with the same words. */
  criteriaSame: number;
}

/** Words compared: spacing and case ignored. */
const same = (a: string, b: string) => a.replace(/\s+/g, ' ').trim().toLowerCase() === b.replace(/\s+/g, ' ').trim().toLowerCase();

function criteriaOf(unit: Unit): Map<string, Criterion> {
  return new Map(unit.outcomes.flatMap((o) => o.criteria.map((c) => [c.id, c] as const)));
}

const show = (v: unknown) => (v === null || v === undefined || v === '' ? '(none)' : String(v));

/** The diff from `before` to `after`. Both must carry criterion ids built the same way (finishSpecification). */
export function diffSpecifications(before: Specification, after: Specification): SpecificationDiff {
  const d: SpecificationDiff = {
    unitsAdded: [], unitsRemoved: [], unitsChanged: [],
    outcomesAdded: [], outcomesRemoved: [], outcomesRetitled: [],
    criteriaAdded: [], criteriaRemoved: [], criteriaReworded: [], criteriaSame: 0,
  };
  const oldUnits = new Map(before.units.map((u) => [unitKey(u.ref), u]));
  const newUnits = new Map(after.units.map((u) => [unitKey(u.ref), u]));
  const change = (u: Unit, c: Criterion, before?: string): CriterionChange => ({ id: c.id, unitRef: u.ref, number: c.number, text: c.text, ...(before !== undefined ? { before } : {}) });

  for (const [key, u] of newUnits) {
    const old = oldUnits.get(key);
    if (!old) {
      d.unitsAdded.push({ ref: u.ref, title: u.title });
      for (const o of u.outcomes) for (const c of o.criteria) d.criteriaAdded.push(change(u, c));
      continue;
    }
    const fields: [UnitFieldChange['field'], unknown, unknown][] = [['title', old.title, u.title], ['level', old.level, u.level], ['credit', old.credit, u.credit], ['GLH', old.glh, u.glh]];
    for (const [field, a, b] of fields) {
      if (field === 'title' ? !same(String(a), String(b)) : a !== b) d.unitsChanged.push({ unitRef: u.ref, field, before: show(a), after: show(b) });
    }
    const oldOutcomes = new Map(old.outcomes.map((o) => [o.number, o]));
    const newOutcomes = new Map(u.outcomes.map((o) => [o.number, o]));
    for (const [n, o] of newOutcomes) {
      const was = oldOutcomes.get(n);
      if (!was) d.outcomesAdded.push({ unitRef: u.ref, number: n, title: o.title });
      else if (!same(was.title, o.title)) d.outcomesRetitled.push({ unitRef: u.ref, number: n, title: o.title, before: was.title });
    }
    for (const [n, o] of oldOutcomes) if (!newOutcomes.has(n)) d.outcomesRemoved.push({ unitRef: old.ref, number: n, title: o.title });
    const oldCriteria = criteriaOf(old);
    const newCriteria = criteriaOf(u);
    for (const [id, c] of newCriteria) {
      const was = oldCriteria.get(id);
      if (!was) d.criteriaAdded.push(change(u, c));
      else if (!same(was.text, c.text)) d.criteriaReworded.push(change(u, c, was.text));
      else d.criteriaSame++;
    }
    for (const [id, c] of oldCriteria) if (!newCriteria.has(id)) d.criteriaRemoved.push(change(old, c));
  }
  for (const [key, u] of oldUnits) {
    if (newUnits.has(key)) continue;
    d.unitsRemoved.push({ ref: u.ref, title: u.title });
    for (const o of u.outcomes) for (const c of o.criteria) d.criteriaRemoved.push(change(u, c));
  }
  return d;
}

/** True when the two versions hold the same units, outcomes and criteria in the same words. */
export function diffIsEmpty(d: SpecificationDiff): boolean {
  return [d.unitsAdded, d.unitsRemoved, d.unitsChanged, d.outcomesAdded, d.outcomesRemoved, d.outcomesRetitled, d.criteriaAdded, d.criteriaRemoved, d.criteriaReworded].every((l) => l.length === 0);
}

/** The diff in one line: "2 criteria added, 1 removed, 1 reworded; 1 unit added". */
export function diffSummary(d: SpecificationDiff): string {
  const parts: string[] = [];
  const n = (k: number, one: string, many = `${one}s`) => `${k} ${k === 1 ? one : many}`;
  const crit = [d.criteriaAdded.length && `${d.criteriaAdded.length} added`, d.criteriaRemoved.length && `${d.criteriaRemoved.length} removed`, d.criteriaReworded.length && `${d.criteriaReworded.length} reworded`].filter(Boolean);
  if (crit.length) parts.push(`criteria: ${crit.join(', ')}`);
  if (d.unitsAdded.length) parts.push(`${n(d.unitsAdded.length, 'unit')} added`);
  if (d.unitsRemoved.length) parts.push(`${n(d.unitsRemoved.length, 'unit')} removed`);
  if (d.unitsChanged.length) parts.push(`${n(d.unitsChanged.length, 'unit detail')} changed`);
  const out = d.outcomesAdded.length + d.outcomesRemoved.length + d.outcomesRetitled.length;
  if (out) parts.push(`${n(out, 'learning outcome')} added, removed or retitled`);
  return parts.length ? `${parts.join('; ')}. ${n(d.criteriaSame, 'criterion', 'criteria')} unchanged.` : `No change: ${n(d.criteriaSame, 'criterion', 'criteria')} as before.`;
}
