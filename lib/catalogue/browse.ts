/**
 * Filters the catalogue tree for browsing (side panel, options page): every word of the
 * query must appear in a criterion's context (unit ref and title, outcome, number, text).
 * Unlike lib/search this is a predictable filter, not a ranking: a browser shows what
 * contains the words, in document order.
 */
import type { Criterion, Outcome, Specification, Unit } from './model';
import { NUMBER, splitQuery } from './codes';
import { unitKey } from './ids';

/** A specification cut down to the units, outcomes and criteria that match. */
export interface FilteredSpecification {
  spec: Specification;
  units: { unit: Unit; outcomes: { outcome: Outcome; criteria: Criterion[] }[] }[];
  criteriaCount: number;
}

/** A whole token "l/506/2150" (between separators or the ends): written without slashes. */
const SLASHED_REF = /(?<![^\s,;])[a-z]\/\d{3}\/\d{4}(?![^\s,;])/g;

/** Splits a query into lower-case tokens; "L/506/2150" and "CS 27" become unit keys. */
export function queryTokens(query: string): string[] {
  const q = query
    .toLowerCase()
    .replace(/\b(cs)\s+(\d+)\b/g, '$1$2')
    .replace(SLASHED_REF, (ref) => ref.replace(/\//g, ''));
  // A browser filters on whole numbers: "2.3." means "2.3".
  return splitQuery(q).map((t) => t.replace(/\.$/, ''));
}

function criterionMatches(tokens: string[], unitHay: string, outcome: Outcome, c: Criterion): boolean {
  const hay = `${unitHay} ${outcome.title.toLowerCase()} ${c.text.toLowerCase()}`;
  return tokens.every((t) =>
    NUMBER.test(t) ? c.number === t || (!t.includes('.') && outcome.number === t) || hay.includes(` ${t} `) : hay.includes(t),
  );
}

/** Returns the parts of the catalogue that match every word of the query (all of it when empty). */
export function filterCatalogue(specs: Specification[], query: string): FilteredSpecification[] {
  const tokens = queryTokens(query);
  const out: FilteredSpecification[] = [];
  for (const spec of specs) {
    const units: FilteredSpecification['units'] = [];
    let count = 0;
    for (const unit of spec.units) {
      const unitHay = ` ${unitKey(unit.ref).toLowerCase()} ${unit.ref.toLowerCase()} ${unit.title.toLowerCase()} `;
      const outcomes: FilteredSpecification['units'][number]['outcomes'] = [];
      for (const outcome of unit.outcomes) {
        const criteria = tokens.length
          ? outcome.criteria.filter((c) => criterionMatches(tokens, unitHay, outcome, c))
          : outcome.criteria;
        if (criteria.length) outcomes.push({ outcome, criteria });
        count += criteria.length;
      }
      if (outcomes.length) units.push({ unit, outcomes });
    }
    if (units.length) out.push({ spec, units, criteriaCount: count });
  }
  return out;
}
