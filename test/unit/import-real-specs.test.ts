/**
 * The general importer (lib/catalogue/import, no per-document code) fed the five source
 * specifications in ../shared/specs, compared with the built-in catalogue that the
 * per-document parsers and their hand-written overrides make. The counts are the ones
 * `npm run --silent catalogue -- compare` prints: every unit, outcome and criterion
 * matched, including where the overrides correct a document defect, which the importer
 * works round by generic rules and reports as warnings at the defect's line.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importText } from '../../lib/catalogue/import/index';
import type { Catalogue } from '../../lib/catalogue/model';
import { CATALOGUE_PATH, specificationFiles } from '../../scripts/lib/catalogue-build';
import { compareSpecifications } from '../../scripts/lib/import-compare';

const catalogue = JSON.parse(readFileSync(CATALOGUE_PATH, 'utf8')) as Catalogue;
const files = specificationFiles();
const results = new Map(
  files.map((f) => {
    const source = basename(f);
    const result = importText(readFileSync(f, 'utf8'), source);
    const builtIn = catalogue.specifications.find((s) => s.source === source);
    if (!builtIn) throw new Error(`${source} is not built in`);
    return [builtIn.id, { ...result, comparison: compareSpecifications(result.specification, builtIn) }];
  }),
);

/** matched/missing/extra/differ for units, outcomes, criteria. */
const EXPECTED: Record<string, [string, string, string]> = {
  'ascentis-l1': ['20/0/0/0', '65/0/0/0', '181/0/0/0'],
  'edi-l2': ['49/0/0/0', '167/0/0/0', '996/0/0/0'],
  'habc-l3': ['45/0/0/0', '130/0/0/0', '617/0/0/0'],
  'skills-cfa-l3': ['10/0/0/0', '31/0/0/0', '128/0/0/0'],
  'unit-j-506-2132': ['1/0/0/0', '4/0/0/0', '23/0/0/0'],
};

describe('the general importer on the five source specifications', () => {
  it('reads all five', () => {
    expect([...results.keys()].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [id, counts] of Object.entries(EXPECTED)) {
    it(`${id}: units, outcomes and criteria match the built-in catalogue`, () => {
      const c = results.get(id)?.comparison;
      const t = (x: { matched: number; missing: number; extra: number; differ: number }) => `${x.matched}/${x.missing}/${x.extra}/${x.differ}`;
      expect(c && [t(c.units), t(c.outcomes), t(c.criteria)]).toEqual(counts);
      expect(c?.differences).toEqual([]);
    });
  }

  it('reports each defect the built-in overrides correct, at its line', () => {
    const at = (id: string, code: string) =>
      results
        .get(id)
        ?.warnings.filter((w) => w.code === code)
        .map((w) => w.line);
    // EDI: CU830's heading page is lost; its criteria rows follow CU829's evidence requirements.
    expect(at('edi-l2', 'lost-heading')).toEqual([1742]);
    const cu830 = results.get('edi-l2')?.specification.units.find((u) => u.ref === 'CU830');
    expect(cu830).toMatchObject({ title: 'Develop Your Own Customer Service Skills Through Self-study', level: 2, credit: 6 });
    // Ascentis: no unit page prints its ref; two refs disagree between the two tables.
    expect(at('ascentis-l1', 'ref-from-table')).toHaveLength(20);
    expect(at('ascentis-l1', 'ref-mismatch')).toEqual([492, 1044]);
    // J/506/2132 prints no title.
    expect(at('unit-j-506-2132', 'missing-title')).toEqual([1]);
    expect(results.get('unit-j-506-2132')?.specification.units[0].title).toBe('Principles of customer service');
  });
});
