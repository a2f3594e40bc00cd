/**
 * The evidence matrix of one learner's unit, laid out as awarding bodies' tracking sheets
 * are: one row per criterion (outcome, number, text) with the evidence that meets it, its
 * methods and dates, and blanks where nothing does yet.
 */
import type { Unit } from '../catalogue/model';
import type { TagsetItem } from './tagset/rows';
import { criterionNumberOf } from '../catalogue/ids';
import { localDate } from './dates';
import { evidencePlace, pageAddressForPeople } from '../util/page-url';

/** The matrix columns, in order. */
export const MATRIX_COLUMNS = ['Outcome', 'Criterion', 'Criterion text', 'Evidence', 'Pages', 'Methods', 'Dates', 'IV decisions'] as const;

const unique = (xs: string[]) => [...new Set(xs)];

/** One row per criterion of the unit (catalogue order), then rows for mapped criteria the catalogue no longer has. */
export function evidenceMatrix(unit: Unit, items: readonly TagsetItem[]): string[][] {
  const byCriterion = new Map<string, TagsetItem[]>();
  for (const item of items) byCriterion.set(item.mapping.criterionId, [...(byCriterion.get(item.mapping.criterionId) ?? []), item]);
  const cells = (found: TagsetItem[]) => {
    const sorted = [...found].sort((a, b) => a.mapping.createdAt.localeCompare(b.mapping.createdAt));
    return [
      sorted.map((i) => `"${i.passage.quote}" (${evidencePlace(i.page, i.passage.selectors)})`).join('\n'),
      unique(sorted.map((i) => pageAddressForPeople(i.page))).join('\n'),
      unique(sorted.map((i) => i.mapping.method)).join('; '),
      unique(sorted.map((i) => localDate(i.mapping.createdAt))).join('; '),
      sorted.filter((i) => i.decision).map((i) => `${i.decision!.decision === 'agree' ? 'Agree' : 'Refer back'}: ${i.decision!.verifier}`).join('; '),
    ];
  };
  const rows: string[][] = [];
  for (const outcome of unit.outcomes) {
    for (const c of outcome.criteria) {
      const found = byCriterion.get(c.id) ?? [];
      byCriterion.delete(c.id);
      rows.push([`${outcome.number} ${outcome.title}`.trim(), c.number, c.text, ...(found.length ? cells(found) : ['', '', '', '', ''])]);
    }
  }
  for (const [id, found] of byCriterion) rows.push(['(not in the catalogue)', criterionNumberOf(id), '', ...cells(found)]);
  return rows;
}
