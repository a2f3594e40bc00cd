import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import overrides from '../../../data/sources/edi-l2.overrides';
import type { Unit } from '../model';
import { parseEdi } from './edi';

const ROOT = resolve(__dirname, '../../..');
const FILE = 'edi-l2-nvq-certificate-customer-service.txt';
const text = readFileSync(resolve(ROOT, '..', 'shared', 'specs', FILE), 'utf8');
const { specification: spec, warnings } = parseEdi(text, FILE, overrides);
const unit = (ref: string): Unit => {
  const u = spec.units.find((x) => x.ref === ref);
  if (!u) throw new Error(`no unit ${ref}`);
  return u;
};
const criterion = (ref: string, number: string, copy = '') =>
  unit(ref).outcomes.flatMap((o) => o.criteria).find((c) => c.id === `edi-l2:${ref}:${number}${copy}`);

/*
 * How these figures were established, by reading the document (not the parser's output):
 * each unit's section runs from its "Unit CUxxx" heading (lines 410-2004) to the next; its
 * table follows "Learning outcomes" and ends at "Evidence Requirements". For each outcome
 * the count is the last criterion number printed in its cell(s), including the rows of a
 * table split across pages (an empty outcome cell continuing it: CU792 l.449, CU802 l.771,
 * CU755 l.921, CU811 l.1206, CU822 l.1295, CU816 l.1452, CU824 l.1556, CU826 l.1627,
 * CU828 l.1698, CU829 l.1727, CU830 l.1742, CU831 l.1771, CU834 l.1874, CU837 l.1991 and
 * l.1995). Numbers run 1..n in every outcome except CU791 outcome 2, which prints 2.2 twice
 * (3 criteria). CU830 starts mid-outcome 2 at line 1742 (2.5-2.7 only). Level and credit are
 * the "Level"/"Credit value" lines under each heading, equal to the structure table (l.336-394).
 * Cross-check: grep of criterion numbers in tab rows after line 410 finds 996.
 */
const EXPECTED: [ref: string, level: number, credit: number, perOutcome: string][] = [
  ['CU791', 1, 4, '1:3 2:3 3:15'],
  ['CU792', 2, 4, '1:5 2:10'],
  ['CU793', 1, 5, '1:8 2:6 3:6'],
  ['CU794', 1, 5, '1:4 2:5 3:9'],
  ['CU795', 2, 5, '1:10 2:12'],
  ['CU796', 2, 5, '1:7 2:5 3:4 4:5'],
  ['CU797', 2, 6, '1:4 2:4 3:5 4:6'],
  ['CU798', 2, 5, '1:3 2:2 3:3 4:7'],
  ['CU799', 2, 6, '1:7 2:5 3:5'],
  ['CU800', 2, 6, '1:7 2:6 3:7'],
  ['CU801', 2, 6, '1:5 2:5 3:5 4:7'],
  ['CU802', 2, 5, '1:8 2:6 3:9'],
  ['CU803', 2, 5, '1:5 2:4 3:11 4:12'],
  ['CU804', 2, 6, '1:4 2:5 3:6 4:9'],
  ['CU818', 3, 6, '1:5 2:7 3:5 4:8'],
  ['CU755', 3, 8, '1:4 2:8 3:8'],
  ['CU819', 3, 7, '1:4 2:4 3:4 4:5'],
  ['CU820', 3, 7, '1:8 2:6 3:8'],
  ['CU805', 1, 5, '1:8 2:8'],
  ['CU806', 2, 5, '1:3 2:6 3:3 4:5'],
  ['CU807', 2, 5, '1:9 2:11 3:5'],
  ['CU808', 2, 5, '1:6 2:4 3:8'],
  ['CU809', 2, 8, '1:6 2:9 3:6'],
  ['CU810', 2, 4, '1:6 2:7 3:8'],
  ['CU811', 2, 5, '1:5 2:9 3:9'],
  ['CU812', 2, 4, '1:5 2:5 3:6'],
  ['CU821', 3, 6, '1:6 2:6 3:6'],
  ['CU822', 3, 6, '1:3 2:8 3:4 4:8'],
  ['CU823', 3, 7, '1:3 2:6 3:4 4:4'],
  ['CU813', 1, 5, '1:4 2:6 3:10'],
  ['CU814', 1, 4, '1:3 2:5 3:5 4:8'],
  ['CU815', 2, 6, '1:5 2:5 3:6 4:5'],
  ['CU816', 2, 6, '1:7 2:10 3:10'],
  ['CU756', 3, 6, '1:7 2:3 3:4 4:4'],
  ['CU817', 3, 10, '1:7 2:5 3:5'],
  ['CU824', 3, 6, '1:3 2:8 3:12'],
  ['CU825', 2, 6, '1:3 2:3 3:5 4:10'],
  ['CU826', 2, 5, '1:5 2:6 3:2 4:4'],
  ['CU827', 2, 6, '1:3 2:4 3:4 4:8'],
  ['CU828', 2, 5, '1:5 2:6 3:7'],
  ['CU829', 2, 5, '1:5 2:8 3:5 4:8'],
  ['CU830', 2, 6, '2:3 3:7'],
  ['CU831', 2, 5, '1:4 2:9 3:8'],
  ['CU832', 3, 8, '1:6 2:2 3:4 4:5'],
  ['CU833', 3, 7, '1:4 2:4 3:5 4:4'],
  ['CU834', 3, 8, '1:5 2:3 3:5 4:9'],
  ['CU835', 3, 7, '1:5 2:4 3:3 4:8'],
  ['CU836', 3, 10, '1:6 2:5 3:6 4:10'],
  ['CU837', 3, 7, '1:5 2:6 3:5 4:10'],
];

describe('parseEdi on the EDI Level 2 NVQ Certificate', () => {
  it('reads the specification title and id', () => {
    expect(spec.id).toBe('edi-l2');
    expect(spec.title).toBe('EDI Level 2 NVQ Certificate in Customer Service');
    expect(spec.source).toBe(FILE);
  });

  it('finds the 49 units CU755-CU837 in document order, with level, credit and no GLH', () => {
    expect(spec.units.map((u) => u.ref)).toEqual(EXPECTED.map((e) => e[0]));
    for (const [ref, level, credit] of EXPECTED) {
      expect({ ref, level: unit(ref).level, credit: unit(ref).credit, glh: unit(ref).glh }).toEqual({ ref, level, credit, glh: null });
    }
  });

  it('counts criteria per outcome as established by reading', () => {
    for (const [ref, , , perOutcome] of EXPECTED) {
      const got = unit(ref).outcomes.map((o) => `${o.number}:${o.criteria.length}`).join(' ');
      expect(`${ref} ${got}`).toBe(`${ref} ${perOutcome}`);
    }
    const total = spec.units.reduce((n, u) => n + u.outcomes.reduce((m, o) => m + o.criteria.length, 0), 0);
    expect(total).toBe(996);
  });

  it('gives every criterion a unique id, numbers without a trailing dot', () => {
    const all = spec.units.flatMap((u) => u.outcomes.flatMap((o) => o.criteria));
    expect(new Set(all.map((c) => c.id)).size).toBe(all.length);
    expect(all.every((c) => /^\d+\.\d+$/.test(c.number))).toBe(true);
    expect(all.every((c) => c.text.length > 10 && !/[<>]|\s{2}/.test(c.text))).toBe(true);
  });

  it('reads "2.3." as 2.3 (CU795)', () => {
    expect(criterion('CU795', '2.3')?.text).toBe('Describe how to read both positive and negative body language');
    expect(criterion('CU795', '2.2')?.text).toBe('Explain how to listen actively');
  });

  it('splits numbers glued to the previous word in <ul> cells (CU804, CU810)', () => {
    expect(criterion('CU804', '1.1')?.text).toBe('Use all appropriate customer information to plan their call');
    expect(criterion('CU804', '1.2')?.text).toBe(
      "Anticipate their customer's expectations and assemble all the information they might need before their conversation with the customer",
    );
    expect(criterion('CU804', '2.5')?.text).toBe('Update their customer records during or after the call to reflect the key points of the conversation');
    expect(criterion('CU810', '1.5')?.text).toBe(
      'Use both open and closed questions to make appropriate connection with their customer and open the door to more detailed investigation',
    );
  });

  it('keeps both copies of a number printed twice, the later with ~2 (CU791 2.2)', () => {
    expect(criterion('CU791', '2.2')?.text).toBe('Greet customers politely and positively');
    expect(criterion('CU791', '2.2', '~2')?.text).toBe(
      'List the information they need to deliver effective customer service and where that information can be found',
    );
  });

  it('continues an outcome across a page split (empty outcome cell)', () => {
    const o3 = unit('CU802').outcomes[2];
    expect(o3.title).toBe('Understand how to deal with customers face to face');
    expect(o3.criteria.at(-1)).toEqual({
      id: 'edi-l2:CU802:3.9',
      number: '3.9',
      text: 'Describe the agreed and recognised signs in customer behaviour in their organisation that indicates that their customer expects a particular action by them',
    });
    expect(criterion('CU792', '2.10')?.text).toBe(
      'List the main things that they must do and not do in their job under external regulations that affect their customer service work',
    );
  });

  it('reads plain, <p> and numbered-with-dot outcome cells, keeping printed words', () => {
    expect(unit('CU791').outcomes.map((o) => o.title)).toEqual([
      'Identify customers and their characteristics and expectations',
      "Identify their organisation's services and products",
      'Know how to communicate using customer service language',
    ]);
    expect(unit('CU797').outcomes[1].title).toBe('Inform customers about additional services or products');
    expect(criterion('CU806', '3.3')?.text).toBe(
      'Share information with colleagues and service partners to maintain and improve their standards of service delivery.',
    );
    expect(criterion('CU794', '3.5')?.text).toBe(
      'Describe what behaviour is considered by most customers to be “good manners” and what is considered to be “bad manners” or rudeness',
    );
    expect(criterion('CU821', '3.6')?.text).toBe('evaluate the formal and informal structures of the organisation and how they can influence relationships');
    expect(criterion('CU837', '4.10')?.text).toBe(
      'Explain the importance of keeping detailed records of coaching and training relating to customer service delivery',
    );
  });

  it('rebuilds CU830, whose heading was lost, from the overrides and the orphaned rows', () => {
    const u = unit('CU830');
    expect(u.title).toBe('Develop Your Own Customer Service Skills Through Self-study');
    expect(u.outcomes[0]).toMatchObject({ number: '2', title: '' });
    expect(u.outcomes[0].criteria.map((c) => c.id)).toEqual(['edi-l2:CU830:2.5', 'edi-l2:CU830:2.6', 'edi-l2:CU830:2.7']);
    expect(criterion('CU830', '2.5')?.text).toBe('Take action resulting from their learning to change the way they deal with customers');
    expect(u.outcomes[1].title).toBe('Know how to develop their own customer service skills through self-study');
    expect(u.notes?.[0].heading).toBe('Missing from the specification');
    // CU829 keeps only its own rows.
    expect(unit('CU829').outcomes[1].criteria.at(-1)?.text).toBe(
      "Make notes on their colleague's strengths and areas for development that they can discuss with their colleague",
    );
  });

  it('keeps aims and evidence requirements as notes, not criteria', () => {
    const notes = unit('CU795').notes ?? [];
    expect(notes.map((n) => n.heading)).toEqual(['Aims', 'Evidence Requirements']);
    expect(notes[0].text).toMatch(/^To provide good customer service the learner needs/);
    expect(notes[1].text).toContain('- a during routine delivery of customer service');
    expect(notes[1].text.split('\n')[0]).toMatch(/^1\. Wherever possible your evidence/);
    expect(notes[1].text).toContain('within this Unit. (Guidelines for a Realistic Working Environment');
    expect(spec.units.flatMap((u) => u.notes ?? []).some((n) => /[*<>]/.test(n.text))).toBe(false);
    // The last unit's notes stop before the back cover.
    expect(unit('CU837').notes?.[1].text).toMatch(/There are no additional evidence requirements other than those expressed within the Unit\.$/);
    const words = spec.units.flatMap((u) => u.outcomes.flatMap((o) => o.criteria.map((c) => c.text))).join(' ');
    expect(words).not.toMatch(/Wherever possible your evidence|International House|Learner signature/);
  });

  it('reports each defect with its line number', () => {
    expect(warnings.map((w) => `${w.line} ${w.code}`)).toEqual([
      '423 duplicate-number', // CU791 "2.2 Greet ... 2.2 List ..."
      '539 number-trailing-dot', // CU795 "<p>2.3. Describe ..."
      '850 glued-number', // CU804 "...plan their call1.2 Anticipate"
      '851 glued-number',
      '1171 glued-number', // CU810
      '1263 duplicate-outcome-title', // CU821 outcome 3 pasted from CU812
      '1460 note-numbering', // CU816 evidence requirements jump from 3 to 5
      '1505 duplicate-aims', // CU817 aims pasted from CU756
      '1706 note-numbering', // CU828 evidence requirements jump from 3 to 5
      '1742 lost-heading', // CU830's heading page is missing
    ]);
    expect(warnings.find((w) => w.code === 'lost-heading')?.message).toMatch(/CU829.*CU830/);
  });
});

describe('parseEdi without overrides', () => {
  const bare = parseEdi(text, FILE);
  it('does not attach the orphaned rows to the previous unit, and says the unit is missing', () => {
    expect(bare.specification.units.map((u) => u.ref)).not.toContain('CU830');
    expect(bare.specification.units).toHaveLength(48);
    const cu829 = bare.specification.units.find((u) => u.ref === 'CU829');
    expect(cu829?.outcomes.map((o) => o.criteria.length)).toEqual([5, 8, 5, 8]);
    const codes = bare.warnings.map((w) => `${w.line} ${w.code}`);
    expect(codes).toContain('1742 lost-heading');
    expect(codes).toContain('70 unit-missing'); // contents
    expect(codes).toContain('387 unit-missing'); // structure table
  });
  it('ignores overrides meant for another specification', () => {
    const other = parseEdi(text, FILE, { ...overrides, specId: 'edi-l3' });
    expect(other.specification.units).toHaveLength(48);
  });
});

describe('parseEdi on defects the EDI document does not show', () => {
  const doc = [
    'EDI Level 3 NVQ Diploma in Something',
    'UNIT CU901 – First Unit\t3',
    'UNIT CU902 – Second Unit\t5',
    'GROUP A\tUNIT CODE\tMandatory\tQCF LEVEL\tQCF CREDIT',
    'A1\tCU901\tFirst unit\t3\t4',
    'A2\tCU902\tSecond unit\t3\t5',
    'Unit CU901 First Unit',
    'Credit value: four',
    'Level: three',
    'Learning outcomes\tAssessment criteria',
    '1. Do the first thing\t1.1 Start the work and carry',
    'on until it is done 1.2 Stop',
    'Unit CU9O2',
    'Level: 3',
    'Credit value: 5',
    'Learning outcomes\tAssessment criteria',
    '1 Do it\t1.1 Act 1.3 Skip',
  ].join('\n');
  const r = parseEdi(doc, 'x.txt');
  it('joins a criterion wrapped onto the next line', () => {
    expect(r.specification.id).toBe('edi-l3');
    expect(r.specification.units[0].outcomes[0].criteria.map((c) => c.text)).toEqual(['Start the work and carry on until it is done', 'Stop']);
  });
  it('reads levels and credits in words, and reports them', () => {
    expect(r.specification.units[0]).toMatchObject({ level: 3, credit: 4 });
    const codes = r.warnings.map((w) => `${w.line} ${w.code}`);
    expect(codes).toContain('8 credit-in-words');
    expect(codes).toContain('9 level-in-words');
  });
  it('applies unit and criterion overrides, and reports overrides that match nothing', () => {
    const fixed = parseEdi(doc, 'x.txt', {
      specId: 'edi-l3',
      units: { CU9O2: { title: 'Second Unit', reason: 'heading lost its title' }, CU999: { level: 2, reason: 'stale' } },
      criteria: { 'CU901:1.2': { text: 'Stop the work', reason: 'words cut short' } },
    });
    const [u1, u2] = fixed.specification.units;
    expect(u2.title).toBe('Second Unit');
    expect(u1.outcomes[0].criteria[1]).toEqual({ id: 'edi-l3:CU901:1.2', number: '1.2', text: 'Stop the work' });
    expect(fixed.warnings.filter((w) => w.code === 'override-unused').map((w) => w.message)).toEqual([
      'Override for unit CU999 matches no unit',
    ]);
  });

  it('reports a unit without a title, a ref typo and a gap in numbering', () => {
    const codes = r.warnings.map((w) => `${w.line} ${w.code}`);
    expect(codes).toContain('13 unit-no-title');
    expect(r.warnings.find((w) => w.code === 'ref-unknown')?.message).toMatch(/CU9O2.*typo for CU902/);
    expect(codes).toContain('6 unit-missing');
    expect(codes).toContain('17 number-sequence');
  });
});
