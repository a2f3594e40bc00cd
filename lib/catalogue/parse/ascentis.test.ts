import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Unit } from '../model';
import { type AscentisOverrides, parseAscentis } from './ascentis';

const ROOT = resolve(__dirname, '../../..');
const FILE = 'ascentis-l1-introduction-to-customer-service.txt';
const text = readFileSync(resolve(ROOT, '..', 'shared', 'specs', FILE), 'utf8');
// The two refs the document's tables print differently. The built-in catalogue takes its
// refs from the general importer, so these are test data for the overrides mechanism now.
// QCF check letters step through A D F H J K L M R T Y for consecutive numbers of one run:
// H 6074 (line 186), K 6075, M 6076, T 6077 (line 188), so M/601/6075 (line 200) and
// T/601/6076 (line 201) are the typos.
const overrides: AscentisOverrides = {
  units: {
    'Record and communicate customer problems': { ref: 'K/601/6075', reason: 'the check letter confirms K' },
    'Working in customer service': { ref: 'M/601/6076', reason: 'the check letter confirms M' },
  },
};
const { specification: spec, warnings } = parseAscentis(text, FILE, overrides);
const unit = (ref: string): Unit => {
  const u = spec.units.find((x) => x.ref === ref);
  if (!u) throw new Error(`no unit ${ref}`);
  return u;
};
const words = (ref: string, number: string) =>
  unit(ref).outcomes.flatMap((o) => o.criteria).find((c) => c.number === number)?.text;

/*
 * How these figures were established, by reading the document, not the parser's output.
 * The unit pages run from "# MANDATORY UNITS" (line 335) to "## APPENDIX 1" (line 1338):
 * 20 units, each "## UNIT SPECIFICATIONS", "### title", "Credit Value of Unit", "GLH of
 * Unit", "Level of Unit" (bold, or plain at lines 709-713, 1247-1251, 1295-1299), an
 * introduction, the outcomes table, then "Indicative Content". The tables come in three
 * shapes: four columns ("1<tab>title<tab>1.1<tab>words", most units), two columns ("1 title
 * <tab>1.1 words": lines 565-576, 871-875 with all of an outcome's criteria in one cell,
 * 916-925, 962-972) and three (lines 1058-1064). For each outcome the count is the criterion
 * numbers printed in its rows; every outcome runs n.1..n.k with no gap or repeat.
 * No unit page prints a reference: the refs are those of the rules-of-combination tables
 * (lines 164-192) and, for the two Entry 3 mandatory units, of the barred-combinations table
 * (lines 198, 205). Two refs differ between those tables (lines 187/200 and 172/201); the
 * overrides choose K/601/6075 and M/601/6076. Level, credit and GLH are the unit pages',
 * equal in every table that repeats them (rules, barred "(Entry 3)"/"(Level 1)", summary
 * record lines 1346-1367). The tracking sheets of Appendix 2 (lines 1381-1848) repeat the
 * criteria (21 of them reworded, and one, L/601/6067 1.4 at line 1650, that the unit does
 * not print) and are not criteria.
 */
const EXPECTED: [ref: string, level: number | string, credit: number, glh: number, perOutcome: string, title: string][] = [
  ['J/601/6052', 'Entry 3', 2, 20, '2+2+2+3', 'Legislation, regulation and procedures to follow in customer service'],
  ['F/601/6065', 'Entry 3', 2, 20, '3+5+2', 'Introduction to customer service'],
  ['R/601/6071', 1, 3, 24, '2+2+2+3', 'Apply legislation, regulation and organisational procedures for customer service'],
  ['M/601/6076', 1, 2, 18, '2+2+3+3', 'Working in customer service'],
  ['A/601/6047', 'Entry 3', 2, 15, '2+2+6', 'The importance of appearance and behaviour in customer service'],
  ['R/601/6054', 'Entry 3', 3, 20, '2+2+2+2', 'Understand how to deal with queries and requests'],
  ['D/601/6056', 'Entry 3', 2, 18, '2+2+2+2', "Communicate customers' problems with others"],
  ['K/601/6058', 'Entry 3', 2, 20, '4+3+3', 'The customer service job role'],
  ['M/601/6059', 'Entry 3', 2, 18, '2+4+2', 'Handling telephone calls from customers'],
  ['M/601/6062', 'Entry 3', 2, 18, '3+2+3', 'Communicate effectively with customers'],
  ['A/601/6064', 'Entry 3', 2, 20, '3+4+4', 'Effective relationships with customers and colleagues'],
  ['L/601/6067', 'Entry 3', 2, 16, '3+5', 'Working in a customer focused way'],
  ['R/601/6068', 1, 2, 18, '3+3+3', 'Create a good impression to customers'],
  ['H/601/6074', 1, 3, 22, '2+2+2+2', 'Deal with queries and requests'],
  ['K/601/6075', 1, 2, 18, '2+2+3', 'Record and communicate customer problems'],
  ['T/601/6077', 1, 2, 18, '2+3+2', 'Answer telephone calls from customers'],
  ['A/601/6078', 1, 2, 20, '4+3+3', 'Positive communication with customers'],
  ['F/601/6079', 1, 2, 20, '2+3+4', 'Contribute to effective customer service'],
  ['T/601/6080', 1, 2, 20, '3+3+5', 'The customer service experience'],
  ['A/601/6081', 1, 2, 18, '5+2+4', 'Work in a customer-friendly way'],
];

describe('parseAscentis on the Ascentis Level 1 specification', () => {
  it('reads the specification and leaves qualifications to the rules of combination', () => {
    expect(spec.id).toBe('ascentis-l1');
    expect(spec.source).toBe(FILE);
    expect(spec.title).toBe('Ascentis Level 1 Award and Certificate for Introduction to Customer Service');
    expect(spec.qualifications).toEqual([]);
  });

  it('finds all 20 units in order, with ref, level, credit, GLH, criteria per outcome and title', () => {
    expect(
      spec.units.map((u) => [u.ref, u.level, u.credit, u.glh, u.outcomes.map((o) => o.criteria.length).join('+'), u.title]),
    ).toEqual(EXPECTED);
  });

  it('counts 65 outcomes and 181 criteria', () => {
    expect(spec.units.reduce((n, u) => n + u.outcomes.length, 0)).toBe(65);
    expect(spec.units.reduce((n, u) => n + u.outcomes.reduce((m, o) => m + o.criteria.length, 0), 0)).toBe(181);
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
    expect(unit('K/601/6075').outcomes[0].criteria[0].id).toBe('ascentis-l1:K6016075:1.1');
  });

  it('reads four-column rows, keeping the unit\'s words where the tracking sheet rewords them', () => {
    // Line 360; the tracking sheet (line 1395) prints "should not be done".
    expect(words('J/601/6052', '4.2')).toBe('List things that should be done in a customer service job because of regulation');
    // Line 354; the tracking sheet (line 1389) prints only "State the limits of responsibility".
    expect(words('J/601/6052', '1.2')).toBe('State the limits of responsibility and authority for a particular job in customer service');
    expect(unit('J/601/6052').outcomes[1].title).toBe(
      'Know how to protect the security of property and information when delivering customer service',
    );
    expect(words('M/601/6059', '2.3')).toBe(
      'Describe how to pass on calls from customers to appropriate colleagues when customer needs are outside their own authority',
    );
  });

  it('reads two-column rows, also with an outcome\'s criteria all in one cell', () => {
    // Line 567; the tracking sheet (line 1484) prints "a particular customer service job".
    expect(words('A/601/6047', '1.1')).toBe('State the appropriate dress in a particular service job');
    expect(unit('A/601/6047').outcomes[2].title).toBe('Know how to interact with customers');
    // Line 874: four criteria in one cell.
    expect(words('A/601/6064', '2.3')).toBe(
      'State what help could be reasonably expected from colleagues when carrying out routine customer service tasks',
    );
    expect(words('A/601/6064', '2.4')).toBe(
      'State what help colleagues could reasonably expect to be given when carrying out routine customer service tasks',
    );
    expect(words('L/601/6067', '2.3')).toBe('Identify what might annoy customers');
  });

  it('reads three-column rows (number and words in one cell)', () => {
    expect(unit('K/601/6075').outcomes[0].title).toBe('Be able to collect detailed information from a customer with a problem');
    expect(words('K/601/6075', '1.1')).toBe('Question a customer to collect detailed information about a problem');
    expect(words('K/601/6075', '3.3')).toBe('Give the customer information about the steps being taken to deal with the problem');
  });

  it('keeps the introduction and indicative content as notes, never as criteria', () => {
    const u = unit('J/601/6052');
    expect(u.notes?.map((n) => n.heading)).toEqual(['Introduction', 'Indicative Content']);
    expect(u.notes?.[1].text).toContain('- The procedures to follow');
    expect(u.notes?.[1].text.startsWith('The learner needs to be given or choose a specific job role')).toBe(true);
    const all = spec.units.flatMap((x) => x.outcomes.flatMap((o) => o.criteria.map((c) => c.text)));
    expect(all).not.toContain('The procedures to follow');
    expect(spec.units.every((x) => x.notes?.some((n) => n.heading === 'Indicative Content'))).toBe(true);
  });

  it('reports the refs printed differently in two tables, the malformed ref, and the tracking sheet\'s extra criterion', () => {
    expect(warnings.map((w) => [w.line, w.code])).toEqual([
      [202, 'ref-malformed'],
      [201, 'ref-mismatch'],
      [200, 'ref-mismatch'],
      [1650, 'tracking-sheet-extra'],
    ]);
    expect(warnings[1].message).toContain('T/601/6076');
    expect(warnings[1].message).toContain('M/601/6076');
    expect(warnings[3].message).toContain('1.4');
  });

  it('makes the ref choice explicit in the overrides: the same refs, the same warnings, without them', () => {
    const plain = parseAscentis(text, FILE);
    expect(plain.specification).toEqual(spec);
    expect(plain.warnings).toEqual(warnings);
    const other = parseAscentis(text, FILE, {
      units: { 'Record and communicate customer problems': { ref: 'M/601/6075', reason: 'test' } },
    });
    const u = other.specification.units.find((x) => x.title === 'Record and communicate customer problems');
    expect(u?.ref).toBe('M/601/6075');
    expect(u?.outcomes[0].criteria[0].id).toBe('ascentis-l1:M6016075:1.1');
  });
});

/** A small Ascentis-shaped document: a rules table, then the unit pages given. */
function doc(pages: string): string {
  return [
    'Ascentis Test Award',
    'Specification',
    '',
    'Title\tLevel\tCredit Value\tGLH\tUnit ref',
    'First unit\tLevel 1\t2\t10\tA/111/1111',
    'Second unit\tEntry 3\t3\t12\tD/222/2222',
    '',
    '# MANDATORY UNITS',
    pages,
    '## APPENDIX 1',
  ].join('\n');
}
const TABLE = 'Learning Outcomes\t\tAssessment Criteria\t\nThe learner will be able to\t\tThe learner can\t';

describe('parseAscentis on the defects the issue lists', () => {
  it('reports a unit page with no title', () => {
    const t = doc(`## UNIT SPECIFICATIONS\n**Credit Value of Unit: 2**\n**Level of Unit: Level 1**\n${TABLE}\n1\tKnow\t1.1\tState a thing`);
    const r = parseAscentis(t, 'x.txt');
    expect(r.specification.units).toHaveLength(1);
    expect(r.specification.units[0].title).toBe('');
    expect(r.warnings).toContainEqual(expect.objectContaining({ line: 9, code: 'unit-no-title' }));
  });

  it('reports a level in words and reads it', () => {
    const t = doc(`## UNIT SPECIFICATIONS\n### First unit\nCredit Value of Unit: 2\nLevel of Unit: Level One\n${TABLE}\n1\tKnow\t1.1\tState`);
    const r = parseAscentis(t, 'x.txt');
    expect(r.specification.units[0].level).toBe(1);
    expect(r.warnings).toContainEqual(expect.objectContaining({ line: 12, code: 'level-in-words' }));
  });

  it('reports a unit whose heading was lost, its details following the previous unit', () => {
    const t = doc(
      `## UNIT SPECIFICATIONS\n### First unit\nCredit Value of Unit: 2\nLevel of Unit: Level 1\n${TABLE}\n1\tKnow\t1.1\tState\n` +
        `#### Indicative Content\n- Things\nCredit Value of Unit: 3\nLevel of Unit: Entry 3\n${TABLE}\n1\tKnow more\t1.1\tList`,
    );
    const r = parseAscentis(t, 'x.txt');
    expect(r.specification.units.map((u) => [u.title, u.credit, u.outcomes[0]?.criteria[0]?.text])).toEqual([
      ['First unit', 2, 'State'],
      ['', 3, 'List'],
    ]);
    expect(r.warnings).toContainEqual(expect.objectContaining({ line: 18, code: 'lost-heading' }));
  });

  it('reports a unit whose heading was lost, its criteria following the previous unit\'s notes, and completes it from the overrides', () => {
    const t = doc(
      `## UNIT SPECIFICATIONS\n### First unit\nCredit Value of Unit: 2\nLevel of Unit: Level 1\n${TABLE}\n1\tKnow\t1.1\tState\n` +
        '#### Indicative Content\n- Things\n\t\t2.3\tList more\n3\tBe able\t3.1\tDo',
    );
    const plain = parseAscentis(t, 'x.txt');
    expect(plain.specification.units.map((u) => [u.title, u.outcomes.map((o) => `${o.number}:${o.criteria.length}`).join(' ')])).toEqual([
      ['First unit', '1:1'],
      ['', '2:1 3:1'],
    ]);
    expect(plain.specification.units[0].notes?.[0]).toEqual({ heading: 'Indicative Content', text: '- Things' });
    expect(plain.warnings.map((w) => [w.line, w.code])).toEqual([
      [18, 'lost-heading'],
      [18, 'lost-outcome-heading'],
      [6, 'unit-missing'],
    ]);
    const fixed = parseAscentis(t, 'x.txt', {
      units: { 'after A/111/1111': { ref: 'D/222/2222', title: 'Second unit', level: 'Entry 3', credit: 3, reason: 'test' } },
    });
    expect(fixed.specification.units[1]).toMatchObject({ ref: 'D/222/2222', title: 'Second unit', level: 'Entry 3', credit: 3 });
    expect(fixed.specification.units[1].outcomes[0].criteria[0].id).toBe('ascentis-l1:D2222222:2.3');
  });

  it('keeps both criteria where a number is printed twice, and joins a wrapped criterion', () => {
    const t = doc(`## UNIT SPECIFICATIONS\n### First unit\nCredit Value of Unit: 2\nLevel of Unit: Level 1\n${TABLE}\n1\tKnow\t1.1\tState a\nlong thing\n\t\t1.1\tState again`);
    const r = parseAscentis(t, 'x.txt');
    expect(r.specification.units[0].outcomes[0].criteria).toEqual([
      { id: 'ascentis-l1:A1111111:1.1', number: '1.1', text: 'State a long thing' },
      { id: 'ascentis-l1:A1111111:1.1~2', number: '1.1', text: 'State again' },
    ]);
    expect(r.warnings).toContainEqual(expect.objectContaining({ line: 17, code: 'duplicate-number' }));
  });

  it('reports a credit or level that differs between the unit page and the rules table', () => {
    const t = doc(`## UNIT SPECIFICATIONS\n### Second unit\nCredit Value of Unit: 2\nLevel of Unit: Level 1\n${TABLE}\n1\tKnow\t1.1\tState`);
    const r = parseAscentis(t, 'x.txt');
    expect(r.specification.units[0]).toMatchObject({ ref: 'D/222/2222', credit: 2, level: 1, glh: 12 });
    expect(r.warnings.map((w) => [w.line, w.code])).toEqual([
      [6, 'level-mismatch'],
      [6, 'credit-mismatch'],
      [5, 'unit-missing'],
    ]);
  });
});
