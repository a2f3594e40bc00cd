/**
 * `npm run catalogue:generate [-- SPECS_DIR]`: parses the five specifications in
 * ../shared/specs (or SPECS_DIR), merges the rules of combination, validates the result
 * against the catalogue schema and writes data/catalogue.json. Warnings go to stderr.
 */
import { writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { parseCatalogueJson } from '../lib/catalogue/schema';
import { buildCatalogue, CATALOGUE_PATH, formatWarning, ROOT, serializeCatalogue, SPECS_DIR } from './lib/catalogue-build';

const dir = process.argv[2] ? resolve(process.argv[2]) : SPECS_DIR;
const { catalogue, warnings } = await buildCatalogue(dir);
for (const w of warnings) process.stderr.write(`${formatWarning(w)}\n`);
// Validate before writing: a catalogue the product would refuse must never reach data/.
parseCatalogueJson(JSON.parse(serializeCatalogue(catalogue)));
writeFileSync(CATALOGUE_PATH, serializeCatalogue(catalogue));

const count = (f: (s: (typeof catalogue.specifications)[number]) => number) => catalogue.specifications.reduce((n, s) => n + f(s), 0);
const units = count((s) => s.units.length);
const criteria = count((s) => s.units.reduce((n, u) => n + u.outcomes.reduce((m, o) => m + o.criteria.length, 0), 0));
process.stderr.write(
  `Wrote ${relative(ROOT, CATALOGUE_PATH)}: ${catalogue.specifications.length} specifications, ${units} units, ${criteria} criteria, ${warnings.length} warnings\n`,
);
