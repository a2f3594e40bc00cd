/**
 * The general specification importer on the five source specifications: time to read
 * each (median of 5 runs) and how its units, outcomes and criteria compare with the
 * built-in catalogue (matched/missing/extra/words differ). Timing is printed, never
 * asserted; the counts are held by lib/catalogue/import/real-specs.test.ts.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { importText } from '../../lib/catalogue/import/index';
import type { Catalogue } from '../../lib/catalogue/model';
import { CATALOGUE_PATH, specificationFiles } from '../lib/catalogue-build';
import { compareSpecifications, formatTally } from '../lib/import-compare';

export async function run(): Promise<void> {
  const catalogue = JSON.parse(readFileSync(CATALOGUE_PATH, 'utf8')) as Catalogue;
  console.log('spec                  lines   ms(median of 5)  units      outcomes    criteria     (matched/missing/extra/differ)');
  for (const file of specificationFiles()) {
    const source = basename(file);
    const text = readFileSync(file, 'utf8');
    const times: number[] = [];
    let spec = importText(text, source).specification;
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      spec = importText(text, source).specification;
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const builtIn = catalogue.specifications.find((s) => s.source === source);
    const c = builtIn ? compareSpecifications(spec, builtIn) : undefined;
    console.log(
      [
        (builtIn?.id ?? source).padEnd(20),
        String(text.split('\n').length).padStart(6),
        times[2].toFixed(1).padStart(10),
        '      ',
        (c ? formatTally(c.units) : '-').padEnd(10),
        (c ? formatTally(c.outcomes) : '-').padEnd(11),
        c ? formatTally(c.criteria) : '-',
      ].join('  '),
    );
  }
}
