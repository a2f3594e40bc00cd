import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Unit } from '../model';
import { type HabcOverrides, parseHabc } from './habc';

const ROOT = resolve(__dirname, '../../..');
const FILE = 'habc-l3-diploma-customer-service.txt';
const text = readFileSync(resolve(ROOT, '..', 'shared', 'specs', FILE), 'utf8');
const overrides: HabcOverrides = { units: {} };
const { specification: spec, warnings } = parseHabc(text, FILE, overrides);
const unit = (ref: string): Unit => {
  const u = spec.units.find((x) => x.ref === ref);
  if (!u) throw new Error(`no unit ${ref}`);
  return u;
};
const words = (ref: string, number: string) =>
  unit(ref).outcomes.flatMap((o) => o.criteria).find((c) => c.number === number)?.text;

/*
 * How these figures were established, by reading the document, not the parser's output.
 * Appendix 2 (lines 289-1243) holds 45 units, "Unit 1:" to "Unit 45:", each with "Unit
 * number", "Credit", "GLH", "Level" lines (indented for Unit 23, lines 759-761) and a
 * two-column table after "Learning Outcomes / Assessment Criteria". For each outcome the
 * count is the number of criterion numbers printed for it, also in:
 * - rows continuing a table split across pages (a repeated header, then an empty outcome
 *   cell): lines 309, 332, 375, 400, 423, 485, 508, 533, 555, 654, 789, 812, 1027, 1069,
 *   1093, 1218 (a new outcome follows some of them: lines 333, 509, 813, 1094, 1219);
 * - outcomes printed as markdown after the table: Unit 28 outcome 3 (lines 874-880) and
 *   Unit 40 outcome 4 (lines 1134-1137);
 * - Unit 34's table, broken by a blank line before outcome 4 (line 1000).
 * Every outcome's numbers run 1..n with no gap and no repeat (so no `~2` ids here).
 * Appendix 3 (lines 1244-1278: assessment record, action plan, evidence tracking sheet
 * repeating Unit 1's criteria) holds no criteria. Ref, level, credit and GLH are the lines
 * under each unit heading; they equal the rules-of-combination rows (lines 225-287).
 */
const EXPECTED: [ref: string, level: number, credit: number, glh: number, perOutcome: string][] = [
  ['L/506/2150', 3, 5, 27, '6+6+4'],
  ['Y/506/2152', 3, 5, 40, '5+3+6+2'],
  ['J/506/2910', 3, 4, 35, '5+6+3'],
  ['K/506/2169', 3, 4, 19, '4+9'],
  ['D/506/1942', 3, 10, 74, '4+5+3+2+5'],
  ['T/506/2952', 3, 3, 12, '3+6+4'],
  ['Y/506/2166', 3, 5, 21, '5+3+5'],
  ['D/506/2167', 3, 3, 20, '3+4+5'],
  ['R/506/2151', 3, 4, 22, '8+9'],
  ['D/506/2170', 3, 5, 24, '9+3+3+4'],
  ['K/506/2172', 3, 5, 27, '7+4+4'],
  ['D/506/2119', 2, 3, 14, '6+10'],
  ['T/506/2126', 2, 3, 20, '4+3+4'],
  ['L/506/2133', 2, 2, 14, '4+4'],
  ['Y/506/2135', 2, 3, 15, '4+6'],
  ['T/506/2143', 2, 4, 20, '6+7'],
  ['F/506/2159', 2, 3, 16, '7+7'],
  ['Y/506/2149', 2, 3, 18, '7+5'],
  ['T/506/2160', 2, 3, 12, '3+3+3'],
  ['A/506/2161', 2, 3, 15, '4+3+4'],
  ['H/506/2977', 2, 3, 18, '4+2+4'],
  ['J/506/2163', 2, 3, 18, '7+4'],
  ['K/506/2978', 2, 5, 22, '5+6'],
  ['D/506/2153', 4, 4, 17, '6+4+7'],
  ['R/506/2179', 4, 6, 25, '7+3+6+5'],
  ['L/506/2181', 4, 4, 15, '4+5+3'],
  ['Y/506/2183', 4, 4, 14, '3+4+5'],
  ['D/506/2962', 4, 5, 16, '6+6+5'],
  ['H/506/1912', 3, 4, 18, '4+6+4'],
  ['T/506/1820', 3, 3, 15, '4+3+3'],
  ['A/506/1821', 3, 4, 21, '3+5+6'],
  ['J/506/1921', 3, 4, 20, '5+7'],
  ['M/506/1931', 3, 3, 14, '5+3+2'],
  ['F/502/8612', 3, 4, 22, '6+3+5+4+4'],
  ['R/502/8615', 3, 4, 24, '4+2+3+6'],
  ['K/502/8622', 3, 3, 27, '7+4'],
  ['K/503/0418', 3, 6, 30, '7+3+6'],
  ['D/503/0397', 3, 4, 8, '8+3+5+6'],
  ['L/506/1807', 2, 2, 12, '4+6'],
  ['L/506/1869', 2, 3, 23, '6+5+3+2'],
  ['H/506/1814', 2, 3, 15, '5+7'],
  ['M/506/1895', 2, 3, 19, '3+4+6'],
  ['L/506/1905', 2, 2, 16, '6+4'],
  ['M/502/8587', 2, 2, 17, '7+9+3'],
  ['J/502/4397', 3, 4, 30, '2+3+4'],
];

describe('parseHabc on the HABC Level 3 Diploma specification', () => {
  it('reads the specification and leaves qualifications to the rules of combination', () => {
    expect(spec.id).toBe('habc-l3');
    expect(spec.source).toBe(FILE);
    expect(spec.title).toBe('HABC Level 3 Diploma in Customer Service (QCF)');
    expect(spec.qualifications).toEqual([]);
  });

  it('finds all 45 units in order, with ref, level, credit, GLH and criteria per outcome as printed', () => {
    expect(spec.units.map((u) => [u.ref, u.level, u.credit, u.glh, u.outcomes.map((o) => o.criteria.length).join('+')])).toEqual(
      EXPECTED,
    );
  });

  it('counts 130 outcomes and 617 criteria', () => {
    expect(spec.units.reduce((n, u) => n + u.outcomes.length, 0)).toBe(130);
    expect(spec.units.reduce((n, u) => n + u.outcomes.reduce((m, o) => m + o.criteria.length, 0), 0)).toBe(617);
  });

  it('numbers each outcome 1..n and its criteria n.1..n.k, with ids unique in the specification', () => {
    for (const u of spec.units) {
      u.outcomes.forEach((o, i) => {
        expect(o.number).toBe(String(i + 1));
        expect(o.criteria.map((c) => c.number)).toEqual(o.criteria.map((_, j) => `${i + 1}.${j + 1}`));
      });
    }
    const ids = spec.units.flatMap((u) => u.outcomes.flatMap((o) => o.criteria.map((c) => c.id)));
    expect(new Set(ids).size).toBe(ids.length);
    expect(words('L/506/2150', '1.1')).toBeDefined();
    expect(unit('L/506/2150').outcomes[0].criteria[0].id).toBe('habc-l3:L5062150:1.1');
  });

  it('keeps the unit pages\' titles', () => {
    expect(unit('L/506/2150').title).toBe('Organise and deliver customer service');
    expect(unit('T/506/2143').title).toBe("Deliver customer service whilst working on customers' premises");
    expect(unit('K/506/2978').title).toBe('Provide post-transaction customer service');
    expect(unit('R/502/8615').title).toBe('Obtaining and analysing sales-related information');
    expect(unit('K/502/8622').title).toBe('Buyer behaviour in sales situations');
    expect(unit('J/502/4397').title).toBe('Bespoke Software');
  });

  it('keeps the words of criteria printed in <p> cells numbered "1.1.", with curly quotes', () => {
    expect(words('L/506/2150', '1.1')).toBe(
      'Explain how different methods of promoting products and/or services impact on customer service delivery',
    );
    expect(words('L/506/2150', '1.6')).toBe('Explain how to analyse the “customer journey”');
    expect(words('D/506/2119', '1.3')).toBe('Explain why “customer service language” is used');
  });

  it('splits several criteria printed in one plain cell', () => {
    // Line 392: "1. Understand business markets<tab>1.1. Explain ... 1.2. Explain ... 1.4. Describe ..."
    expect(words('D/506/1942', '1.3')).toBe('Explain how an organisation’s goals may be shaped by the market in which it operates');
    expect(words('D/506/1942', '1.4')).toBe('Describe the legal obligations of a business');
    expect(unit('D/506/1942').outcomes[0].title).toBe('Understand business markets');
  });

  it('continues an outcome across a page break (repeated header, empty outcome cell)', () => {
    // Line 309: "<tab>3.4 Adapt ..." after the header repeated at lines 307-308.
    expect(words('L/506/2150', '3.4')).toBe("Adapt their own customer service delivery to meet customers' changing expectations");
    // Line 333: a new outcome right after the continuation row of line 332.
    expect(words('Y/506/2152', '3.6')).toBe('Explain how organisational values impact on meeting customer expectations');
    expect(unit('Y/506/2152').outcomes[3].title).toBe('Understand the implications of legislation on customer service delivery');
    expect(words('Y/506/2152', '4.2')).toBe(
      'Explain the implications of confidentiality and data protection legislation for the collection, storage and use of customer information',
    );
    // Line 555: criterion 2.10 continues outcome 2.
    expect(words('D/506/2119', '2.10')).toBe(
      'Adhere to organisational policies and procedures, legal and ethical requirements when communicating verbally with customers',
    );
    // Line 1069: five <p> criteria in the continuation cell.
    expect(words('K/503/0418', '3.6')).toBe('Explain the importance of reviewing incident management results');
  });

  it('reads outcomes printed as markdown after the table', () => {
    const o = unit('D/506/2962').outcomes[2];
    expect(o.title).toBe('Be able to promote the benefits of social media networking to customer service');
    expect(words('D/506/2962', '3.4')).toBe('Act as a social media “champion” within the organisation');
    expect(words('L/506/1869', '4.2')).toBe(
      'Carry out follow-up actions in accordance with the event plan and agreements made at the event',
    );
  });

  it('reads a table broken by a blank line, and indented unit details', () => {
    expect(unit('F/502/8612').outcomes[3].title).toBe('Be able to negotiate with the customer');
    expect(words('F/502/8612', '4.1')).toBe('Carry out negotiations according to negotiation plan');
    expect([unit('K/506/2978').credit, unit('K/506/2978').glh, unit('K/506/2978').level]).toEqual([5, 22, 2]);
  });

  it('takes no criteria from the sample assessment material of Appendix 3', () => {
    expect(spec.units.some((u) => /sheet|record|plan/i.test(u.title))).toBe(false);
    // The evidence tracking sheet (line 1277) repeats L/506/2150 1.1; the unit keeps one.
    expect(unit('L/506/2150').outcomes[0].criteria.filter((c) => c.number === '1.1')).toHaveLength(1);
  });

  it('drops guidance notes that only say there is none', () => {
    expect(spec.units.filter((u) => u.notes)).toEqual([]);
  });

  it('reports the titles the rules tables print differently, at the unit headings', () => {
    expect(warnings.map((w) => [w.line, w.code])).toEqual([
      [618, 'title-mismatch'],
      [756, 'title-mismatch'],
      [1008, 'title-mismatch'],
      [1032, 'title-mismatch'],
    ]);
    expect(warnings[0].message).toContain("customer's premises");
    expect(warnings[0].message).toContain('line 249');
  });

  it('applies an override, and the default overrides change nothing', () => {
    expect(parseHabc(text, FILE).specification).toEqual(spec);
    const fixed = parseHabc(text, FILE, { units: { 'J/502/4397': { title: 'Bespoke software', reason: 'test' } } });
    expect(fixed.specification.units.find((u) => u.ref === 'J/502/4397')?.title).toBe('Bespoke software');
  });
});

/** A small HABC-shaped document: a rules table, then the unit pages given. */
function doc(units: string): string {
  return [
    'HABC Level 3 Diploma in Test (QCF)',
    '',
    'Unit No\tUnit reference\tUnit Title\tLevel\tCredit',
    '1\tA/111/1111\tFirst unit\t3\t4',
    '2\tD/222/2222\tSecond unit\t2\t3',
    '',
    'Appendix 2: All Units',
    '',
    units,
    '',
    'Appendix 3: Sample Assessment Material',
    'Evidence Tracking Sheets',
    '1. Outcome\t1.1 Reworded criterion',
  ].join('\n');
}
const HEAD = 'Learning Outcomes\tAssessment Criteria\n<i>The learner will</i>\t<i>The learner can</i>';

describe('parseHabc on the defects the issue lists', () => {
  it('reports a unit with no title and takes the title from the rules table', () => {
    const t = doc(`Unit 1:\n\nUnit number: A/111/1111\nCredit: 4\nGLH: 20\nLevel: 3\n\n${HEAD}\n1. Know\t1.1 Explain a thing`);
    const r = parseHabc(t, 'x.txt');
    expect(r.specification.units[0].title).toBe('First unit');
    expect(r.warnings).toContainEqual(expect.objectContaining({ line: 9, code: 'unit-no-title' }));
  });

  it('reports a level in words and reads it', () => {
    const t = doc(`Unit 2: Second unit\n\nUnit number: D/222/2222\nCredit: 3\nGLH: 10\nLevel: Two\n\n${HEAD}\n1. Know\t1.1 Explain`);
    const r = parseHabc(t, 'x.txt');
    expect(r.specification.units[0].level).toBe(2);
    expect(r.warnings).toContainEqual(expect.objectContaining({ line: 14, code: 'level-in-words' }));
  });

  it('reports a ref printed with a typo, and one that differs from the rules table', () => {
    const t = doc(
      `Unit 1: First unit\nUnit number: A111/1111\nCredit: 4\nLevel: 3\n${HEAD}\n1. Know\t1.1 Explain\n\n` +
        `Unit 2: Second unit\nUnit number: D/222/2223\nCredit: 3\nLevel: 2\n${HEAD}\n1. Know\t1.1 Explain`,
    );
    const r = parseHabc(t, 'x.txt');
    expect(r.specification.units.map((u) => u.ref)).toEqual(['A/111/1111', 'D/222/2223']);
    expect(r.warnings.map((w) => [w.line, w.code])).toEqual([
      [10, 'ref-malformed'],
      [17, 'ref-not-in-structure'],
      [5, 'unit-missing'],
    ]);
  });

  it('reports a credit that differs from the rules table, keeping the page\'s', () => {
    const t = doc(`Unit 1: First unit\nUnit number: A/111/1111\nCredit: 5\nLevel: 3\n${HEAD}\n1. Know\t1.1 Explain`);
    const r = parseHabc(t, 'x.txt');
    expect(r.specification.units[0].credit).toBe(5);
    expect(r.warnings).toContainEqual(expect.objectContaining({ line: 11, code: 'credit-mismatch' }));
  });

  it('keeps both criteria where a number is printed twice in an outcome, the later as ~2', () => {
    const t = doc(`Unit 1: First unit\nUnit number: A/111/1111\nCredit: 4\nLevel: 3\n${HEAD}\n1. Know\t1.1 One 1.2 Two 1.2 Again`);
    const r = parseHabc(t, 'x.txt');
    expect(r.specification.units[0].outcomes[0].criteria).toEqual([
      { id: 'habc-l3:A1111111:1.1', number: '1.1', text: 'One' },
      { id: 'habc-l3:A1111111:1.2', number: '1.2', text: 'Two' },
      { id: 'habc-l3:A1111111:1.2~2', number: '1.2', text: 'Again' },
    ]);
    expect(r.warnings).toContainEqual(expect.objectContaining({ line: 15, code: 'duplicate-number' }));
  });

  it('joins a criterion wrapped onto a second line, and splits numbers glued to a word', () => {
    const t = doc(`Unit 1: First unit\nUnit number: A/111/1111\nCredit: 4\nLevel: 3\n${HEAD}\n1. Know\t1.1 Plan their call1.2 Anticipate the\nneeds of customers`);
    const r = parseHabc(t, 'x.txt');
    expect(r.specification.units[0].outcomes[0].criteria.map((c) => c.text)).toEqual(['Plan their call', 'Anticipate the needs of customers']);
    expect(r.warnings).toEqual([expect.objectContaining({ code: 'unit-missing' })]);
  });

  it('reports criteria of an outcome whose heading was lost at a page break', () => {
    const t = doc(`Unit 1: First unit\nUnit number: A/111/1111\nCredit: 4\nLevel: 3\n${HEAD}\n1. Know\t1.1 One\n${HEAD}\n\t2.1 Two 2.2 Three`);
    const r = parseHabc(t, 'x.txt');
    const outcomes = r.specification.units[0].outcomes;
    expect(outcomes.map((o) => [o.number, o.title, o.criteria.length])).toEqual([['1', 'Know', 1], ['2', '', 2]]);
    expect(r.warnings).toContainEqual(expect.objectContaining({ line: 18, code: 'lost-outcome-heading' }));
  });

  it('reports a unit whose heading was lost, its criteria following the previous unit\'s guidance, and completes it from the overrides', () => {
    const t = doc(
      `Unit 1: First unit\nUnit number: A/111/1111\nCredit: 4\nLevel: 3\n${HEAD}\n1. Know\t1.1 One\n\n` +
        'Additional assessment guidance/requirements\nUse a witness.\n\t2.5 Five 2.6 Six\n3. Be able\t3.1 Do',
    );
    const plain = parseHabc(t, 'x.txt');
    expect(plain.specification.units.map((u) => [u.ref, u.title, u.outcomes.map((o) => `${o.number}:${o.criteria.length}`).join(' ')])).toEqual([
      ['A/111/1111', 'First unit', '1:1'],
      ['', '', '2:2 3:1'],
    ]);
    expect(plain.specification.units[0].notes).toEqual([{ heading: 'Additional assessment guidance/requirements', text: 'Use a witness.' }]);
    expect(plain.warnings.map((w) => [w.line, w.code])).toEqual([
      [19, 'lost-heading'],
      [19, 'lost-outcome-heading'],
      [5, 'unit-missing'],
    ]);
    const fixed = parseHabc(t, 'x.txt', {
      units: { 'after A/111/1111': { ref: 'D/222/2222', title: 'Second unit', level: 2, credit: 3, reason: 'test' } },
    });
    const lost = fixed.specification.units[1];
    expect([lost.ref, lost.title, lost.level, lost.credit]).toEqual(['D/222/2222', 'Second unit', 2, 3]);
    expect(lost.outcomes[0].criteria.map((c) => [c.id, c.text])).toEqual([
      ['habc-l3:D2222222:2.5', 'Five'],
      ['habc-l3:D2222222:2.6', 'Six'],
    ]);
  });
});
