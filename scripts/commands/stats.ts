/** `catalogue stats`: units, outcomes and criteria per specification of the built-in catalogue. */
import type { Specification } from '../../lib/catalogue/model';
import { type Command, CliError } from './_command';
import { readCatalogue } from './_shared';

/** Counts for one specification. */
export function countSpecification(s: Specification): { units: number; outcomes: number; criteria: number } {
  const outcomes = s.units.flatMap((u) => u.outcomes);
  return { units: s.units.length, outcomes: outcomes.length, criteria: outcomes.reduce((n, o) => n + o.criteria.length, 0) };
}

export const command: Command = {
  name: 'stats',
  summary: 'print units, outcomes and criteria per specification',
  run(args, io) {
    if (args.length) throw new CliError(`stats takes no arguments (got ${args.join(' ')})`, 2);
    const rows = readCatalogue().specifications.map((s) => ({ id: s.id, ...countSpecification(s), qualifications: s.qualifications.length }));
    const total = rows.reduce(
      (t, r) => ({ ...t, units: t.units + r.units, outcomes: t.outcomes + r.outcomes, criteria: t.criteria + r.criteria, qualifications: t.qualifications + r.qualifications }),
      { id: 'total', units: 0, outcomes: 0, criteria: 0, qualifications: 0 },
    );
    const table = [['specification', 'units', 'outcomes', 'criteria', 'qualifications'], ...[...rows, total].map((r) => [r.id, r.units, r.outcomes, r.criteria, r.qualifications].map(String))];
    const widths = table[0].map((_, i) => Math.max(...table.map((r) => r[i].length)));
    for (const r of table) io.out(`${r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')}\n`);
    return 0;
  },
};
