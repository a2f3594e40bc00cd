/**
 * `catalogue compare [DIR]`: feeds every specification in DIR (default ../shared/specs) to
 * the general importer and compares what it reads with the built-in catalogue: units,
 * outcomes and criteria as matched/missing/extra/differ per specification, then every
 * difference, then the warnings that mark where the importer met a document defect the
 * built-in overrides correct by hand. Exits 1 when anything differs.
 */
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { importText } from '../../lib/catalogue/import/index';
import { SPECS_DIR, specificationFiles } from '../lib/catalogue-build';
import { compareSpecifications, formatTally } from '../lib/import-compare';
import { type Command, CliError } from './_command';
import { readCatalogue } from './_shared';
import { formatImportWarning } from './import';

/** Warnings that name a document defect the importer worked round. */
const DEFECTS = new Set(['lost-heading', 'ref-mismatch', 'missing-title', 'ref-from-table', 'duplicate-number', 'repeated-number', 'empty-number', 'outcome-note', 'missing-outcome']);

export const command: Command = {
  name: 'compare',
  summary: 'import the source specifications with the general importer and compare them with the built-in catalogue',
  usage: '[DIR]',
  run(args, io) {
    if (args.length > 1) throw new CliError('compare takes at most one DIR', 2);
    const dir = args[0] ? resolve(args[0]) : SPECS_DIR;
    let files: string[];
    try {
      files = specificationFiles(dir);
    } catch (e) {
      throw new CliError(`cannot read ${dir}: ${(e as Error).message}`);
    }
    const builtIn = readCatalogue().specifications;
    io.out('units, outcomes, criteria as matched/missing/extra/words differ\n\n');
    const rows: string[][] = [['specification', 'units', 'outcomes', 'criteria']];
    const notes: string[] = [];
    let differs = 0;
    for (const file of files) {
      const source = basename(file);
      const spec = builtIn.find((s) => s.source === source);
      if (!spec) {
        notes.push(`${source}: not in the built-in catalogue, not compared`);
        continue;
      }
      const { specification, warnings } = importText(readFileSync(file, 'utf8'), source);
      const c = compareSpecifications(specification, spec);
      rows.push([spec.id, formatTally(c.units), formatTally(c.outcomes), formatTally(c.criteria)]);
      differs += c.differences.length;
      for (const d of c.differences) {
        notes.push(`${spec.id} ${d.kind} ${d.where}: ${d.what}${d.builtIn !== undefined ? `\n    built in: ${d.builtIn}` : ''}${d.imported !== undefined ? `\n    imported: ${d.imported}` : ''}`);
      }
      if (specification.title !== spec.title) {
        notes.push(`${spec.id} title (not counted): built in "${spec.title}", imported "${specification.title}"`);
      }
      for (const w of warnings) if (DEFECTS.has(w.code)) notes.push(`defect met: ${formatImportWarning(source, w)}`);
    }
    const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
    for (const r of rows) io.out(`${r.map((c, i) => c.padEnd(widths[i])).join('  ')}\n`);
    io.out(`\n${differs === 0 ? 'No differences.' : `${differs} differences:`}\n`);
    for (const n of notes) io.out(`${n}\n`);
    return differs === 0 ? 0 : 1;
  },
};
