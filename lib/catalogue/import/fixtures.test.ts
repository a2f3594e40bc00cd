/**
 * Six unit texts from sectors the built-in catalogue does not cover, in the layouts
 * awarding bodies publish (test/fixtures/specs): each imported whole through the file
 * entry, compared with its hand-checked expected units, outcomes and criteria and the
 * warnings (with line and page) a reviewer would be shown.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCatalogueJson } from '../schema';
import { importFile } from './index';
import { expectedOf, SPEC_FIXTURES, unitShape } from '../../../test/fixtures/spec-expected';

const DIR = SPEC_FIXTURES;


const fixtures = readdirSync(DIR).filter((f) => !f.endsWith('.expected.json'));

describe('general importer on unit specifications from other sectors', () => {
  it('has at least six fixtures, in text, markdown, HTML and CSV', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(6);
    expect(new Set(fixtures.map((f) => f.split('.').pop()))).toEqual(new Set(['txt', 'md', 'html', 'csv']));
  });

  for (const file of fixtures) {
    it(`reads ${file} as its expected units, outcomes and criteria`, async () => {
      const expected = expectedOf(file);
      const { specification, warnings } = await importFile(readFileSync(join(DIR, file)), file);
      const got = unitShape(specification);
      expect(got).toEqual(expected.units);
      expect(warnings.map((w) => `${w.line}${w.page ? ` p${w.page}` : ''} ${w.code}`)).toEqual(expected.warnings);
      // What the importer makes is a catalogue the product accepts: valid, ids unique.
      expect(() => parseCatalogueJson({ formatVersion: 1, specifications: [specification] })).not.toThrow();
    });
  }

  it('keeps a fixture\'s range, guidance and evidence requirements out of its criteria', async () => {
    const all = (await Promise.all(fixtures.map((f) => importFile(readFileSync(join(DIR, f)), f)))).flatMap((r) => r.specification.units);
    const texts = all.flatMap((u) => u.outcomes.flatMap((o) => o.criteria.map((c) => c.text)));
    expect(texts.length).toBe(92); // 19 + 11 + 14 + 12 + 16 + 9 + 6 + 5, counted in the fixtures
    for (const notCriterion of [
      'Different ways: adapting the environment',
      'Learning outcomes 1 to 4 may be assessed',
      'Purpose: to store, retrieve and share information',
      'Safe food handling: avoiding cross-contamination',
      'drawings, specifications, schedules',
      'The wall must be at least 1.2 m high',
      'Evidence must come from the learner',
    ]) {
      expect(texts.filter((t) => t.includes(notCriterion))).toEqual([]);
    }
  });
});
