/**
 * The general importer's rules, one layout defect at a time, on small texts written the
 * way awarding bodies print unit pages: what a reviewer relies on is that every criterion
 * is found once with its number and words, nothing else is taken for a criterion, and each
 * warning says where in the file it arose.
 */
import { describe, expect, it } from 'vitest';
import { decodeFile, detectFormat, ImportError, importFile, importLines, importText } from './index';
import { linesFromText, removeRunningLines } from './lines';

const enc = (s: string) => new TextEncoder().encode(s);
const crit = (text: string, name = 'spec.txt') =>
  importText(text, name).specification.units.map((u) => [u.ref, u.outcomes.map((o) => [o.number, o.criteria.map((c) => `${c.number} ${c.text}`)])]);

const OFQUAL_PAGE = `Unit title: Lead and motivate a team
Unit reference number: A/601/1234
Level: 3
Credit value: 4
GLH: 28

Learning outcomes\tAssessment criteria
The learner will:\tThe learner can:
1. Understand how to motivate a team\t1.1 Explain what motivates people at work
\t1.2 Describe ways of recognising achievement
2. Be able to lead a team\t2.1 Agree team objectives with team members
`;

describe('units, outcomes and criteria from an Ofqual-style unit page', () => {
  it('reads the unit fields, outcomes and criteria with ids', () => {
    const { specification } = importText(OFQUAL_PAGE, 'Team Leading L3.txt');
    expect(specification.id).toBe('team-leading-l3');
    const [u] = specification.units;
    expect(u).toMatchObject({ ref: 'A/601/1234', title: 'Lead and motivate a team', level: 3, credit: 4, glh: 28 });
    expect(u.outcomes.map((o) => o.title)).toEqual(['Understand how to motivate a team', 'Be able to lead a team']);
    expect(u.outcomes[0].criteria).toEqual([
      { id: 'team-leading-l3:A6011234:1.1', number: '1.1', text: 'Explain what motivates people at work' },
      { id: 'team-leading-l3:A6011234:1.2', number: '1.2', text: 'Describe ways of recognising achievement' },
    ]);
  });

  it('takes the body\'s code as the ref when no unit reference number is printed', () => {
    const text = 'Unit HSC 2001 Support individuals at meal times\n\nLevel 2\nCredit value 3\n\nLearning outcomes\tAssessment criteria\n1 Know about nutrition\t1.1 List the food groups\n';
    expect(importText(text, 'x.txt').specification.units[0]).toMatchObject({ ref: 'HSC 2001', title: 'Support individuals at meal times', level: 2, credit: 3, glh: null });
  });

  it('keeps a unit whole when a short line stands between its heading and its fields', () => {
    const aims = Array.from({ length: 8 }, (_, k) => `Aim paragraph ${k + 1} about greeting customers.\n`).join('\n');
    const text = `Unit CU1 Greet customers\n\nAims\n\n${aims}\nGreeting customers in person and by phone\n\nLevel: 2\n\nCredit value: 5\n\nLearning outcomes\tAssessment criteria\n1 Greet\t1.1 Greet people\n`;
    const { specification } = importText(text, 'x.txt');
    expect(specification.units.map((u) => [u.ref, u.title, u.level, u.credit])).toEqual([['CU1', 'Greet customers', 2, 5]]);
  });

  it('reads Entry levels', () => {
    const text = '### Working in a team\n\n**Credit Value of Unit: 2**\n\n**Level of Unit: Entry 3**\n\nLearning Outcomes\t\tAssessment Criteria\t\n1\tKnow team roles\t1.1\tName two team roles\n';
    expect(importText(text, 'x.md').specification.units[0]).toMatchObject({ title: 'Working in a team', level: 'Entry 3', credit: 2 });
  });
});

describe('layout defects worked round', () => {
  it('joins a table split across pages and drops the running header, footer and repeated header row', () => {
    const page = (n: number, body: string) => `Care Certificate handbook\n${body}\nIssue 2\tPage ${n} of 3`;
    const text = [
      page(1, `Unit 1: Duty of care\nUnit reference number: T/617/1001\n\nLearning outcomes\tAssessment criteria\n1. Understand duty of care\t1.1 Define duty of care\n\t1.2 Describe how duty of care`),
      page(2, `Learning outcomes\tAssessment criteria\n\taffects own work role\n2. Know how to address dilemmas\t2.1 Describe dilemmas`),
      page(3, `Learning outcomes\tAssessment criteria\n\t2.2 Explain where to get support\n\nRange\n2.1 Dilemmas: between rights and duty of care`),
    ].join('\f');
    const { specification, warnings } = importText(text, 'care.txt');
    expect(crit(text, 'care.txt')).toEqual([
      ['T/617/1001', [
        ['1', ['1.1 Define duty of care', '1.2 Describe how duty of care affects own work role']],
        ['2', ['2.1 Describe dilemmas', '2.2 Explain where to get support']],
      ]],
    ]);
    expect(specification.units[0].title).toBe('Duty of care');
    expect(warnings.filter((w) => w.code === 'running-header').map((w) => [w.line, w.page])).toEqual([[1, 1], [8, 1]]);
    // Without form feeds, the "Page N of 3" footers mark the pages: the same result.
    const noFeeds = text.replace(/\f/g, '\n');
    expect(crit(noFeeds, 'care.txt')).toEqual(crit(text, 'care.txt'));
    expect(importText(noFeeds, 'care.txt').warnings.filter((w) => w.code === 'running-header')).toHaveLength(2);
  });

  it('splits criteria glued in one cell, also with no space before the number', () => {
    const text = 'Unit CU1 Handle mail\nLearning outcomes\tAssessment criteria\n1 Sort mail\t1.1 Sort incoming mail 1.2 Deal with damaged items1.3 Record recorded deliveries in line with section 2.4 of the policy\n';
    expect(crit(text)).toEqual([
      ['CU1', [['1', ['1.1 Sort incoming mail', '1.2 Deal with damaged items', '1.3 Record recorded deliveries in line with section 2.4 of the policy']]]],
    ]);
  });

  it('reads a number printed twice once, and keeps two different criteria printed with one number', () => {
    const text = 'Unit CU2 Greet visitors\nLearning outcomes\tAssessment criteria\n1.\tGreet visitors\t1.1.\t1.1. Greet visitors politely\n\t\t1.2\tSign visitors in\n\t\t1.2\tSign visitors in\n\t\t1.2\tIssue visitor badges\n';
    const { specification, warnings } = importText(text, 'x.txt');
    expect(specification.units[0].outcomes[0].criteria.map((c) => [c.id, c.text])).toEqual([
      ['x:CU2:1.1', 'Greet visitors politely'],
      ['x:CU2:1.2', 'Sign visitors in'],
      ['x:CU2:1.2~2', 'Issue visitor badges'],
    ]);
    expect(warnings.map((w) => [w.line, w.code])).toEqual([
      [3, 'duplicate-number'],
      [5, 'duplicate-criterion'],
      [6, 'repeated-number'],
    ]);
  });

  it('never reads indicative content, range, guidance, evidence requirements or tracking sheets as criteria', () => {
    const text = `Unit 3: Handle customer complaints
Unit number: K/506/2169

Learning Outcomes\tAssessment Criteria
1. Understand complaints\t1.1 Explain what a complaint is

Indicative content
1.1 Complaint: an expression of dissatisfaction
2.1 Record keeping

Evidence requirements
1. Evidence must come from the workplace.

Assessment guidance
2.2 Learners may use simulation.

Tracking sheet
Learning Outcome\tAssessment Criteria\tEvidence Reference\tDate
1. Understand complaints\t1.1 Explain what a complaint is\t\t
\t1.2 Something for the tracker\t\t
`;
    expect(crit(text)).toEqual([['K/506/2169', [['1', ['1.1 Explain what a complaint is']]]]]);
    // Kept apart for assessors, as notes of the unit; the tracking sheet is not kept.
    expect(importText(text, 'x.txt').specification.units[0].notes).toEqual([
      { heading: 'Indicative content', text: '1.1 Complaint: an expression of dissatisfaction\n2.1 Record keeping' },
      { heading: 'Evidence requirements', text: '1. Evidence must come from the workplace.' },
      { heading: 'Assessment guidance', text: '2.2 Learners may use simulation.' },
    ]);
  });

  it('recovers a unit whose heading page was lost from the contents and the table that lists it', () => {
    const text = `Contents
UNIT AB1 – Answer the telephone\t4
UNIT AB2 – Take messages\t6
UNIT AB3 – Transfer calls\t8

Code\tTitle\tLevel\tCredit
AB2\tTake messages\t1\t2

Unit AB1 Answer the telephone
Learning outcomes\tAssessment criteria
1 Answer calls\t1.1 Answer calls promptly
Evidence Requirements
1. Two calls observed.

\t<p>2.2 Write down the caller's number</p>
<p>3 Pass messages on</p>\t<p>3.1 Pass messages to the right person</p>
Evidence Requirements
1. Two messages.

Unit AB3 Transfer calls
Learning outcomes\tAssessment criteria
1 Transfer calls\t1.1 Transfer a call
`;
    const { specification, warnings } = importText(text, 'x.txt');
    expect(specification.units.map((u) => [u.ref, u.title, u.level, u.credit])).toEqual([
      ['AB1', 'Answer the telephone', null, null],
      ['AB2', 'Take messages', 1, 2],
      ['AB3', 'Transfer calls', null, null],
    ]);
    expect(specification.units[1].outcomes.map((o) => [o.number, o.title, o.criteria.map((c) => c.number)])).toEqual([
      ['2', '', ['2.2']],
      ['3', 'Pass messages on', ['3.1']],
    ]);
    expect(warnings.find((w) => w.code === 'lost-heading')).toMatchObject({ line: 15 });
  });

  it('takes a unit\'s reference from a table that lists it by title, and says when tables disagree', () => {
    const text = `Title\tLevel\tCredit Value\tGLH\tUnit ref
Serve drinks\tLevel 1\t2\t15\tA/601/6047

Unit Title\tReference\t\tUnit Title\tReference
Serve drinks (Level 1)\tF/601/6047\tMay not be taken with\tServe food (Level 1)\tR/601/6068

### Serve drinks

**Credit Value of Unit: 2**

**Level of Unit: Level 1**

Learning Outcomes\t\tAssessment Criteria\t
1\tKnow drinks\t1.1\tList hot drinks
`;
    const { specification, warnings } = importText(text, 'x.md');
    expect(specification.units[0].ref).toBe('A/601/6047');
    expect(warnings.map((w) => w.code)).toEqual(['ref-from-table', 'ref-mismatch']);
  });

  it('joins an outcome title wrapped onto the next table row, and reads "AC 1.1" and "1.2:" numbers', () => {
    const text = `Unit title\tSupport individuals to eat and drink
Unit reference\tM/601/8014
Unit level\t2
Unit credit value\t2
Unit guided learning hours\t15

Learning outcomes\tAssessment criteria
1. Be able to support individuals to make choices about\tAC 1.1 Establish with the individual the food and drink they wish to consume
food and drink\t1.2: Encourage the individual to communicate their needs
`;
    const { specification } = importText(text, 'x.txt');
    expect(specification.units[0]).toMatchObject({ ref: 'M/601/8014', title: 'Support individuals to eat and drink', level: 2, credit: 2, glh: 15 });
    expect(specification.units[0].outcomes.map((o) => [o.title, o.criteria.map((c) => `${c.number} ${c.text}`)])).toEqual([
      [
        'Be able to support individuals to make choices about food and drink',
        ['1.1 Establish with the individual the food and drink they wish to consume', '1.2 Encourage the individual to communicate their needs'],
      ],
    ]);
  });

  it('names the specification after the qualification it prints, its title broken over two lines joined', () => {
    const text = `Awarding Body Ltd\n\nLevel 2 Certificate for\nWarehousing and Storage\n\nUnit WS1 Store goods\nLearning outcomes\n1 Store goods\t1.1 Store goods safely\n`;
    expect(importText(text, 'ws.txt').specification.title).toBe('Level 2 Certificate for Warehousing and Storage');
    expect(importText('Unit WS1 Store goods\nLearning outcomes\n1 Store\t1.1 Store goods\n', 'ws.txt').specification.title).toBe('WS1 Store goods');
  });

  it('reads lettered criteria under "Learning outcome N:" headings', () => {
    const text = 'Unit 116 Lay bricks\nUAN:\tL/506/4356\nLearning outcome 1: Know bonds\nThe learner can:\na) name two bonds\nb) describe stretcher bond\nRange\na) English, Flemish\n';
    expect(crit(text)).toEqual([['L/506/4356', [['1', ['a name two bonds', 'b describe stretcher bond']]]]]);
  });
});

describe('formats and unreadable files', () => {
  it('reads HTML tables and headings', () => {
    const html = '<html><body><h2>Unit 5 Serve food</h2><table><tr><th>Unit reference</th><td>D/600/1234</td></tr></table><table><tr><th>Learning outcomes</th><th>Assessment criteria</th></tr><tr><td>1. Serve food</td><td><p>1.1 Serve food &amp; drink safely</p><p>1.2 Clear tables</p></td></tr></table><h3>Guidance</h3><p>1.3 Not a criterion</p></body></html>';
    expect(detectFormat('unit.html', html)).toBe('html');
    expect(crit(html, 'unit.html')).toEqual([['D/600/1234', [['1', ['1.1 Serve food & drink safely', '1.2 Clear tables']]]]]);
  });

  it('places an HTML warning at its line in the HTML file', () => {
    const html = '<html>\n<body>\n<h2>Unit 5\nServe food</h2>\n<table><tr><th>Learning outcomes</th></tr>\n<tr><td>1. Serve</td>\n<td><p>1.1 Serve food</p>\n<p>1.1 Serve food</p></td></tr>\n</table></body></html>';
    const { warnings } = importText(html, 'unit.html');
    expect(warnings.map((w) => [w.line, w.code])).toEqual([
      [3, 'missing-ref'],
      [8, 'duplicate-criterion'],
    ]);
  });

  it('reads the CSV template, whatever its extension, and names the line of a bad row', () => {
    const csv = 'unit ref,unit title,level,credit,GLH,outcome number,outcome title,criterion number,criterion text\nA/1,Unit one,2,3,20,1,Know things,1.1,State a thing\n,,,,,,,1.2,"Explain, with commas"\nA/1,Unit one,x,3,20,1,Know things,1.3,Bad level\n';
    expect(detectFormat('template.txt', csv)).toBe('csv');
    const { specification, warnings } = importText(csv, 'template.txt');
    expect(specification).toMatchObject({ id: 'template', title: 'Template', source: 'template.txt' });
    expect(specification.units[0]).toMatchObject({ ref: 'A/1', title: 'Unit one', level: 2, credit: 3, glh: 20 });
    expect(specification.units[0].outcomes[0].criteria.map((c) => c.text)).toEqual(['State a thing', 'Explain, with commas']);
    expect(warnings).toEqual([{ line: 4, code: 'csv-row', message: 'Row left out: level is not a level (1-8 or Entry 1-3)' }]);
  });

  it('refuses a CSV that is not the template with the columns it needs', () => {
    expect(() => importText('name,email\nA,b\n', 'people.csv')).toThrow(/not the specification template: .*unit ref, unit title, level/);
  });

  it('refuses empty and binary files, zips that are not Word, old .doc files and texts with no units, saying why', async () => {
    await expect(importFile(new Uint8Array(), 'a.txt')).rejects.toThrow(new ImportError('a.txt is empty'));
    await expect(importFile(enc(' \n\n\t'), 'a.txt')).rejects.toThrow(/a\.txt is empty/);
    await expect(importFile(Uint8Array.from([0, 159, 146, 150, 1, 2, 3, 0]), 'a.bin')).rejects.toThrow(/not a text file/);
    await expect(importFile(Uint8Array.from([0x50, 0x4b, 3, 4, 20, 0]), 'spec.zip')).rejects.toThrow(/spec\.zip is a zip archive but not a Word document/);
    await expect(importFile(Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'spec.doc')).rejects.toThrow(/old-style Word document \(\.doc\).*save it as \.docx/);
    expect(() => importText('A letter about the weather.\n1. It rained.\n', 'a.txt')).toThrow(/holds no units with learning outcomes/);
  });

  it('reads Windows-1252 text that is not UTF-8', () => {
    const bytes = Uint8Array.from([...enc('Unit CU9 Customers\u2019 needs\nLearning outcomes\n1 Know needs\t1.1 List needs\n')].map((b) => b));
    expect(decodeFile(bytes, 'a.txt')).toContain('Customers’ needs');
    const cp1252 = Uint8Array.from([...'Unit CU9 Customers'].map((c) => c.charCodeAt(0)).concat([0x92, 0x0a]));
    expect(decodeFile(cp1252, 'b.txt')).toBe('Unit CU9 Customers’\n');
  });
});

describe('lines with pages, as PDF and Word readers will give them', () => {
  it('keeps each warning at its page and line', () => {
    const lines = [
      { text: 'Unit 1: Plan work', page: 3, line: 40 },
      { text: 'Learning outcomes\tAssessment criteria', page: 3, line: 41 },
      { text: '1. Plan\t1.1 Plan a task', page: 3, line: 42 },
      { text: '\t1.1 Plan a task', page: 4, line: 43 },
    ];
    const { specification, warnings } = importLines(lines, 'plan.pdf');
    expect(specification.units[0].ref).toBe('Unit 1');
    expect(warnings).toContainEqual(expect.objectContaining({ code: 'duplicate-criterion', line: 43, page: 4 }));
    expect(warnings).toContainEqual(expect.objectContaining({ code: 'missing-ref', line: 40, page: 3 }));
  });

  it('numbers pages from form feeds and from "Page N of M" footers', () => {
    expect(linesFromText('a\fb\nc').map((l) => [l.text, l.page, l.line])).toEqual([['a', 1, 1], ['b', 2, 1], ['c', 2, 2]]);
    expect(linesFromText('a\nPage 1 of 2\nb').map((l) => l.page)).toEqual([1, 1, 2]);
    expect(linesFromText('a\nIssue 2, March 2024\tPage 1 of 2\nb\nSee page 4 of the handbook for the rules.\nc').map((l) => l.page)).toEqual([1, 1, 2, 2, 2]);
  });

  it('keeps a line that repeats in the body rather than at page edges', () => {
    const lines = [1, 2, 3].flatMap((p) => ['Header', 'x', 'y', 'Learning outcomes', 'z', 'w', 'v', 'Footer'].map((text, i) => ({ text: `${text}${text === 'x' ? p : ''}`, page: p, line: p * 10 + i })));
    const kept = removeRunningLines(lines).lines.map((l) => l.text);
    expect(kept.filter((t) => t === 'Learning outcomes')).toHaveLength(3);
    expect(kept).not.toContain('Header');
    expect(kept).not.toContain('Footer');
  });
});
