/**
 * Corrections for habc-l3-diploma-customer-service.txt, applied by
 * lib/catalogue/parse/habc.ts. None is needed today: every unit page prints its own
 * reference, credit, GLH and level, all equal to the rules-of-combination tables (lines
 * 225-287). The parser still reports the document's defects as warnings:
 * - `title-mismatch` at lines 618, 756, 1008 and 1032: the rules tables print four titles
 *   differently from the unit pages ("customer's premises", "post transaction", "sales
 *   related", "Buyer behaviours"). The unit pages' titles are kept: a unit's own page,
 *   with its "Unit number", is its authority over the summary tables.
 * Add an entry here, keyed by the ref as printed, with a `reason`, to correct a unit.
 */
import type { HabcOverrides } from '../../lib/catalogue/parse/habc';

const overrides: HabcOverrides = {
  units: {},
};

export default overrides;
