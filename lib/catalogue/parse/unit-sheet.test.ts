import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseUnitSheet, type UnitSheetOverrides } from './unit-sheet';

const ROOT = resolve(__dirname, '../../..');
const FILE = 'unit-j-506-2132-principles-of-customer-service.txt';
const text = readFileSync(resolve(ROOT, '..', 'shared', 'specs', FILE), 'utf8');
// The sheet prints no title. The built-in catalogue takes its titles from the general
// importer, so this is test data for the overrides mechanism now.
const overrides: UnitSheetOverrides = {
  title: 'J/506/2132 Principles of customer service',
  unit: { title: 'Principles of customer service', reason: 'The sheet prints no title; taken from the file name.' },
};
const { specification: spec, warnings } = parseUnitSheet(text, FILE, overrides);
const unit = spec.units[0];
const criterion = (number: string) => {
  const c = unit.outcomes.flatMap((o) => o.criteria).find((x) => x.number === number);
  if (!c) throw new Error(`no criterion ${number}`);
  return c;
};

describe('parseUnitSheet on J/506/2132', () => {
  it('reads the header: ref, level, credit, GLH; the title comes from the override', () => {
    expect(spec.id).toBe('unit-j-506-2132');
    expect(spec.units).toHaveLength(1);
    expect(unit).toMatchObject({ ref: 'J/506/2132', title: 'Principles of customer service', level: 2, credit: 4, glh: 34 });
    expect(spec.title).toBe('J/506/2132 Principles of customer service');
  });

  it('has the criteria per outcome counted by reading the document', () => {
    // Counted by hand: outcome 1 is a tab table, rows 1.1-1.7 at lines 15-21; outcomes 2-4
    // are markdown bullets "- n.m ..." at lines 65-69 (5), 110-115 (6) and 169-173 (5).
    // The "Range" bullets after each outcome carry no numbers and are not criteria.
    expect(unit.outcomes.map((o) => [o.number, o.criteria.length])).toEqual([
      ['1', 7],
      ['2', 5],
      ['3', 6],
      ['4', 5],
    ]);
    expect(unit.outcomes.map((o) => o.title)).toEqual([
      'understand customer service',
      'understand how legal and ethical requirements relate to customer service',
      'understand how to deliver effective customer service',
      'understand the management of customer service information',
    ]);
  });

  it('keeps the printed words, markup removed', () => {
    // Line 16: straight quotes kept; line 21: the final full stop kept.
    expect(criterion('1.2').text).toBe('define the term "service offer"');
    expect(criterion('1.7').text).toBe('describe the features of effective follow-up service.');
    // Lines 65, 66 and 114: **bold** range terms lose their markup.
    expect(criterion('2.1').text).toBe('describe how sales and consumer related legislation and regulations affect the delivery of customer service');
    expect(criterion('2.2').text).toBe('describe how health, safety and environmental legislation affects customer service delivery');
    expect(criterion('3.5').text).toBe('describe techniques that can be used to put customers at ease and gain their trust');
    expect(criterion('4.5').id).toBe('unit-j-506-2132:J5062132:4.5');
  });

  it('keeps range statements and guidance as notes on the unit', () => {
    const notes = unit.notes ?? [];
    expect(notes.map((n) => n.heading)).toEqual([
      'Assessment type',
      'Relationship to NOS',
      'Assessment requirements specified by a sector or regulatory body',
      'Aim',
      'Range (outcome 1)',
      'Range (outcome 2)',
      'Range (outcome 3)',
      'Range (outcome 4)',
      'Additional Guidance if delivered as Portfolio based',
    ]);
    const range2 = notes.find((n) => n.heading === 'Range (outcome 2)')!.text;
    expect(range2.split('\n').slice(0, 3)).toEqual(['Consumer-related legislation', '- Consumer Credit Act 2006', '- Misrepresentation Act 1967']);
    // "•" bullets read like "-" bullets.
    expect(range2).toContain('Health, safety and environmental legislation\n- Health and Safety at Work Act 1979');
    expect(notes.at(-1)!.text).toMatch(/^Candidates will be expected to have carried out research/);
    // No range bullet became a criterion.
    expect(unit.outcomes.flatMap((o) => o.criteria).some((c) => /Consumer Credit Act|be approachable/.test(c.text))).toBe(false);
  });

  it('reports the missing title, and nothing else', () => {
    expect(warnings).toEqual([{ line: 1, code: 'missing-title', message: 'The sheet prints no unit title' }]);
    const bare = parseUnitSheet(text, FILE);
    expect(bare.specification.units[0].title).toBe('');
    expect(bare.specification.title).toBe('J/506/2132');
  });
});

describe('parseUnitSheet on forms this sheet does not use', () => {
  it('joins a wrapped criterion, splits glued numbers, keeps a repeated number and reads a level in words', () => {
    const sheet = [
      'UAN:\tA/123/4567',
      'Title:\tA unit',
      'Level:\tTwo',
      'Credit value:\t3',
      'GLH:\tabout twenty',
      '',
      'Learning outcome',
      'The learner will:',
      '1. know things',
      'Assessment criteria',
      'The learner can:',
      '- 1.1. state one thing',
      '  that wraps1.2 state another',
      '- 1.2 state again',
    ].join('\n');
    const r = parseUnitSheet(sheet, 'a.txt');
    expect(r.specification.units[0].outcomes[0].criteria.map((c) => [c.id, c.text])).toEqual([
      ['unit-a-123-4567:A1234567:1.1', 'state one thing that wraps'],
      ['unit-a-123-4567:A1234567:1.2', 'state another'],
      ['unit-a-123-4567:A1234567:1.2~2', 'state again'],
    ]);
    expect(r.specification.units[0]).toMatchObject({ level: 2, credit: 3, glh: null });
    expect(r.warnings.map((w) => [w.line, w.code])).toEqual([
      [3, 'level-in-words'],
      [5, 'missing-glh'],
      [14, 'duplicate-number'],
    ]);
  });
});
