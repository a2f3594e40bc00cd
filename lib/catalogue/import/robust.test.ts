/**
 * Whatever a user drops on the importer, it either returns a specification the product
 * accepts (schema-valid, ids unique) or refuses with an ImportError saying why: never a
 * crash, never a half-valid catalogue. Inputs are shuffled fragments of real layouts
 * (headings, fields, table rows, sections, page breaks) and arbitrary text.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCatalogueJson } from '../schema';
import { ImportError, importText } from './index';

const FRAGMENTS = [
  'Unit CU1 Greet customers',
  'Unit 3: Plan work',
  'Unit 201\tPromote communication',
  'UNIT AB2 – Take messages\t6',
  'Unit title: Lead a team',
  'Title',
  'Unit reference number: A/601/1234',
  'UAN:\tL/506/4356',
  'Unit code: TL1',
  'Level: 2',
  'Level\t3',
  'Credit value 4',
  'GLH: 20',
  '### Serve drinks',
  '**Credit Value of Unit: 2**',
  'Learning outcomes\tAssessment criteria',
  'The learner will:\tThe learner can:',
  'Learning outcome 2: Know bonds',
  '1. Understand things\t1.1 Explain a thing 1.2 Describe another',
  '\t1.3 Carry on',
  '\t\t2.2.\t2.2. Twice',
  '<p>3 Pass messages</p>\t<p>3.1 Pass them</p> <p>3.2 Record them</p>',
  '1\tKnow roles\t1.1\tName roles',
  'a) identify a thing',
  '1.1',
  '2.',
  'Range',
  'Indicative content',
  'Evidence requirements',
  '1. Evidence must be real.',
  'Tracking sheet',
  'Learning Outcome\tAssessment Criteria\tEvidence Reference\tDate',
  'Title\tLevel\tCredit Value\tGLH\tUnit ref',
  'Greet customers\tLevel 1\t2\t15\tA/601/6047',
  '| 1. Understand | 1.1. Explain<br>1.2. Describe |',
  '|---|---|',
  '1. Understand how to motivate              2.1 Explain the factors',
  '                                           continued words',
  'Page 2 of 9',
  '\f',
  '',
  'Some ordinary sentence about customers.',
];

describe('the importer on any input', () => {
  it('returns a valid specification or throws ImportError', () => {
    const noise = fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 40 }));
    // Unit-shaped blocks (heading, fields, criteria table, a section) with noise spliced in,
    // so that most inputs are read as units and the rest exercise the refusals.
    const block = fc
      .tuple(
        fc.constantFrom(...FRAGMENTS.slice(0, 6)),
        fc.subarray(FRAGMENTS.slice(6, 15)),
        fc.constantFrom(...FRAGMENTS.slice(15, 18)),
        fc.array(fc.constantFrom(...FRAGMENTS.slice(18, 26)), { minLength: 1, maxLength: 6 }),
        fc.subarray(FRAGMENTS.slice(26, 33)),
      )
      .map(([h, f, o, rows, tail]) => [h, ...f, o, ...rows, ...tail]);
    const doc = fc
      .tuple(fc.array(block, { maxLength: 4 }), fc.array(fc.tuple(fc.nat(), noise), { maxLength: 12 }))
      .map(([blocks, inserts]) => {
        const lines = blocks.flat();
        for (const [at, text] of inserts) lines.splice(at % (lines.length + 1), 0, text);
        return lines;
      });
    let read = 0;
    let refused = 0;
    fc.assert(
      fc.property(doc, fc.constantFrom('a.txt', 'b.md', 'c.html', 'd.csv'), (lines, name) => {
        let result;
        try {
          result = importText(lines.join('\n'), name);
        } catch (e) {
          expect(e).toBeInstanceOf(ImportError);
          refused++;
          return;
        }
        expect(() => parseCatalogueJson({ formatVersion: 1, specifications: [result.specification] })).not.toThrow();
        expect(result.specification.units.length).toBeGreaterThan(0);
        read++;
        for (const w of result.warnings) expect(w.line).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 300 },
    );
    // Both paths were taken, each often.
    expect(Math.min(read, refused)).toBeGreaterThan(30);
  });
});
