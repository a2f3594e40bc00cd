/**
 * The rules-of-combination reader on the three real specifications that print rules,
 * compared with the rules hand-written from them in data/sources/qualifications.ts, and on
 * small texts in other awarding bodies' phrasings.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { QUALIFICATIONS } from '../../../data/sources/qualifications';
import type { Qualification } from '../model';
import { importText } from './index';

const SPECS = '../shared/specs/';
const read = (file: string) => importText(readFileSync(`${SPECS}${file}`, 'utf8'), file);

/** Per-rule comparison: matched / missed / different, printed and returned. */
function compare(got: Qualification | undefined, want: Qualification) {
  const rows: [string, 'matched' | 'missed' | 'different', string][] = [];
  const row = (what: string, a: unknown, b: unknown) => {
    const ja = JSON.stringify(a);
    const jb = JSON.stringify(b);
    rows.push([what, ja === jb ? 'matched' : a === undefined ? 'missed' : 'different', ja === jb ? jb : `got ${ja}, built-in ${jb}`]);
  };
  const r = got?.rules;
  row('number', got?.number, want.number);
  row('glh', got?.glh, want.glh);
  row('total credits', r?.minCredits, want.rules.minCredits);
  row('groups in order', r?.groups.map((g) => g.id), want.rules.groups.map((g) => g.id));
  for (const g of want.rules.groups) {
    const h = r?.groups.find((x) => x.id === g.id);
    row(`group ${g.id} mandatory`, h?.mandatory, g.mandatory);
    row(`group ${g.id} units`, h?.units, g.units);
    for (const k of ['minCredits', 'maxCredits', 'minUnits', 'maxUnits', 'minCreditsAtLevel'] as const) {
      if (g[k] !== undefined || h?.[k] !== undefined) row(`group ${g.id} ${k}`, h?.[k], g[k]);
    }
  }
  for (const h of r?.groups ?? []) if (!want.rules.groups.some((g) => g.id === h.id)) row(`group ${h.id}`, h.id, undefined);
  row('level conditions', r?.levelConstraints.map((c) => [c.minLevel, c.credits, c.groups ?? null]), want.rules.levelConstraints.map((c) => [c.minLevel, c.credits, c.groups ?? null]));
  row('barred pairs', r?.barred.map((b) => b.units), want.rules.barred.map((b) => b.units));
  console.log(`${want.id}\n${rows.map((x) => `  ${x[1].padEnd(9)} ${x[0]}: ${x[2]}`).join('\n')}`);
  return rows;
}

describe('rules of combination from the real specifications', () => {
  it('EDI Level 2 NVQ Certificate: every rule as built in', () => {
    const { specification, warnings } = read('edi-l2-nvq-certificate-customer-service.txt');
    expect(specification.qualifications).toHaveLength(1);
    const rows = compare(specification.qualifications[0], QUALIFICATIONS['edi-l2'][0]);
    // GLH: the document prints a range (192-228) and the built-in leaves it empty, as the reader does with a warning.
    expect(rows.filter((x) => x[1] !== 'matched')).toEqual([]);
    expect(warnings.some((w) => w.code === 'rules-glh-range')).toBe(true);
  });

  it('HABC Level 3 Diploma: every rule as built in, and the 15 units / 15 credits slip is a warning', () => {
    const { specification, warnings } = read('habc-l3-diploma-customer-service.txt');
    expect(specification.qualifications).toHaveLength(1);
    const rows = compare(specification.qualifications[0], QUALIFICATIONS['habc-l3'][0]);
    expect(rows.filter((x) => x[1] !== 'matched')).toEqual([]);
    const slip = warnings.find((w) => w.code === 'rules-contradiction' && /15 units/.test(w.message));
    expect(slip).toBeDefined();
    expect(slip?.line).toBeGreaterThan(200);
  });

  it('Ascentis Level 1 Award and Certificate: both qualifications, groups and barred pairs', () => {
    const { specification, warnings } = read('ascentis-l1-introduction-to-customer-service.txt');
    expect(specification.qualifications.map((q) => q.number)).toEqual(['600/1686/3', '600/1684/X']);
    const award = compare(specification.qualifications[0], QUALIFICATIONS['ascentis-l1'][0]);
    const cert = compare(specification.qualifications[1], QUALIFICATIONS['ascentis-l1'][1]);
    expect(award.filter((x) => x[1] !== 'matched')).toEqual([]);
    expect(cert.filter((x) => x[1] !== 'matched')).toEqual([]);
    // The three refs printed wrongly in the barred table are each named in a warning.
    const mismatch = warnings.filter((w) => w.code === 'rules-ref-mismatch');
    expect(mismatch.map((w) => w.line)).toHaveLength(3);
    expect(warnings.some((w) => w.code === 'rules-shared-group')).toBe(true);
  });

  it('a unit specification that prints no rules gets no qualification (the review starts all mandatory)', () => {
    const { specification } = read('unit-j-506-2132-principles-of-customer-service.txt');
    expect(specification.qualifications).toEqual([]);
  });
});

/** A unit page the structure parser reads: ref, title, level, credit and one criterion. */
const page = (ref: string, title: string, level: number, credit: number) =>
  `Unit title: ${title}\nUnit reference number: ${ref}\nLevel: ${level}\nCredit value: ${credit}\n\nLearning outcomes\tAssessment criteria\n1. Understand ${title.toLowerCase()}\t1.1 Explain ${title.toLowerCase()}\n\n`;

const TEAM_UNITS = [
  page('A/100/0001', 'Lead a team', 2, 4),
  page('A/100/0002', 'Plan work for a team', 2, 5),
  page('A/100/0003', 'Solve problems in a team', 2, 3),
  page('A/100/0004', 'Manage conflict in a team', 3, 4),
  page('A/100/0005', 'Handle disagreements at work', 2, 4),
].join('');

describe('rules of combination in other phrasings', () => {
  it('prose total, "all units in this group", "at least N units from this group", a prose barred pair (NCFE-style)', () => {
    const text = `NCFE Level 2 Certificate in Team Leading

Qualification number: 603/1111/2

Structure of the qualification

To achieve the NCFE Level 2 Certificate in Team Leading learners must achieve 13 credits.

Mandatory group M: learners must achieve all units in this group.
Unit reference\tUnit title\tLevel\tCredit
A/100/0001\tLead a team\t2\t4
A/100/0002\tPlan work for a team\t2\t5

Optional group 1
Learners must achieve at least 1 unit from this group.
Unit reference\tUnit title\tLevel\tCredit
A/100/0003\tSolve problems in a team\t2\t3
A/100/0004\tManage conflict in a team\t3\t4
A/100/0005\tHandle disagreements at work\t2\t4

Unit A/100/0004 cannot be taken with unit A/100/0005.

${TEAM_UNITS}`;
    const { specification, warnings } = importText(text, 'ncfe-team-leading.txt');
    const [q] = specification.qualifications;
    expect(q.number).toBe('603/1111/2');
    expect(q.rules.minCredits).toBe(13);
    expect(q.rules.groups.map((g) => [g.id, g.mandatory, g.units, g.minUnits ?? null, g.minCredits ?? null])).toEqual([
      ['M', true, ['A/100/0001', 'A/100/0002'], null, null],
      ['1', false, ['A/100/0003', 'A/100/0004', 'A/100/0005'], 1, null],
    ]);
    expect(q.rules.barred.map((b) => b.units)).toEqual([['A/100/0004', 'A/100/0005']]);
    expect(warnings.filter((w) => w.code.startsWith('rules'))).toEqual([]);
  });

  it('"Total credit value", "at or above level 3", a group maximum, and a line it cannot read is a warning (Pearson-style)', () => {
    const text = `Rules of combination

Total credit value: 15
At least 4 credits must be achieved at or above level 3.
Credits from a maximum of two units may be transferred from other qualifications.

Group A – Mandatory units
A/100/0001\tLead a team\t2\t4
A/100/0002\tPlan work for a team\t2\t5

Group B – Optional units
A minimum of 6 credits, and no more than 8 credits from this group.
A/100/0003\tSolve problems in a team\t2\t3
A/100/0004\tManage conflict in a team\t3\t4
A/100/0005\tHandle disagreements at work\t2\t4
A/100/0009\tUnit of another specification\t2\t3

${TEAM_UNITS}`;
    const { specification, warnings } = importText(text, 'pearson-team-leading.txt');
    const [q] = specification.qualifications;
    expect(q.rules.minCredits).toBe(15);
    expect(q.rules.levelConstraints.map((c) => [c.minLevel, c.credits, c.groups ?? null])).toEqual([[3, 4, null]]);
    const b = q.rules.groups.find((g) => g.id === 'B');
    // "A minimum of 6 credits" has no group of its own in its clause: not read, and said so.
    expect([b?.maxCredits, b?.minCredits]).toEqual([8, undefined]);
    expect(b?.units).toEqual(['A/100/0003', 'A/100/0004', 'A/100/0005']);
    const lineOf = (s: string) => text.split('\n').findIndex((x) => x.includes(s)) + 1;
    const unread = warnings.filter((w) => w.code === 'rules-unread').map((w) => w.line);
    expect(unread).toEqual([lineOf('Credits from a maximum of two units'), lineOf('A minimum of 6 credits')]);
    expect(warnings.find((w) => w.code === 'rules-unknown-unit')?.line).toBe(lineOf('A/100/0009'));
  });

  it('a barred table, two totals that disagree, a group named neither mandatory nor optional (other layouts)', () => {
    const text = `Rules of combination

Learners must achieve a minimum of 12 credits.

Group X
Learners must achieve a minimum of 3 credits from this group.
A/100/0003\tSolve problems in a team\t2\t3
A/100/0004\tManage conflict in a team\t3\t4
A/100/0005\tHandle disagreements at work\t2\t4

Barred combinations
Unit\tReference\t\tUnit\tReference
Manage conflict in a team\tA/100/0004\tBarred with\tHandle disagreements at work\tA/100/0005

The qualification's total is 14 credits overall.

${TEAM_UNITS}`;
    const { specification, warnings } = importText(text, 'other-team-leading.txt');
    const [q] = specification.qualifications;
    expect(q.rules.minCredits).toBe(12);
    expect(q.rules.groups.map((g) => [g.id, g.mandatory, g.minCredits])).toEqual([['X', false, 3]]);
    expect(q.rules.barred.map((b) => b.units)).toEqual([['A/100/0004', 'A/100/0005']]);
    expect(warnings.filter((w) => w.code.startsWith('rules')).map((w) => w.code).sort()).toEqual(['rules-contradiction', 'rules-group-kind']);
  });
});
