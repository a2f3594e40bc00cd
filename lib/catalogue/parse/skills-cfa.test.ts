import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import overrides from '../../../data/sources/skills-cfa-l3.overrides';
import type { Unit } from '../model';
import { parseSkillsCfa } from './skills-cfa';

const ROOT = resolve(__dirname, '../../..');
const FILE = 'skills-cfa-l3-customer-service-units.txt';
const text = readFileSync(resolve(ROOT, '..', 'shared', 'specs', FILE), 'utf8');
const { specification: spec, warnings } = parseSkillsCfa(text, FILE, overrides);
const unit = (ref: string): Unit => {
  const u = spec.units.find((x) => x.ref === ref);
  if (!u) throw new Error(`no unit ${ref}`);
  return u;
};
const criterion = (ref: string, number: string) => {
  const c = unit(ref).outcomes.flatMap((o) => o.criteria).find((x) => x.number === number);
  if (!c) throw new Error(`no criterion ${ref} ${number}`);
  return c;
};
const codes = (code: string) => warnings.filter((w) => w.code === code).map((w) => w.line);

describe('parseSkillsCfa on the Skills CFA draft units', () => {
  it('finds the ten units CS 27 to CS 36 with their titles and level 3', () => {
    expect(spec.id).toBe('skills-cfa-l3');
    expect(spec.source).toBe(FILE);
    expect(spec.title).toBe('Skills CFA draft Level 3 customer service units (CS 27 to CS 36)');
    expect(spec.units.map((u) => u.ref)).toEqual(['CS 27', 'CS 28', 'CS 29', 'CS 30', 'CS 31', 'CS 32', 'CS 33', 'CS 34', 'CS 35', 'CS 36']);
    expect(unit('CS 27').title).toBe('Organise the delivery of customer service');
    expect(unit('CS 32').title).toBe('Solve customers’ problems');
    expect(unit('CS 34').title).toBe('Gather, analyse and interpret customer feedback to recommend improvements to customer service');
    expect(unit('CS 36').title).toBe('Competence-based synoptic unit');
    expect(new Set(spec.units.map((u) => u.level))).toEqual(new Set([3]));
  });

  it('has the criteria per outcome counted by reading the document', () => {
    // Counted by hand in the text file: for each unit, the lines between "The learner can:"
    // and "Additional Information about the unit" that start with a number n.m, per outcome
    // heading "n. ..." (a wrapped line without a number is not a new criterion: lines 447, 532;
    // the sentence at line 281 starts with "“Build”" and is no criterion).
    // CS 27 lines 25-50; CS 28 107-134; CS 29 191-212; CS 30 269-297; CS 31 354-369;
    // CS 32 426-447; CS 33 504-532; CS 34 589-622; CS 35 679-700; CS 36 757-764 (all empty).
    const counts = Object.fromEntries(spec.units.map((u) => [u.ref, u.outcomes.map((o) => o.criteria.length)]));
    expect(counts).toEqual({
      'CS 27': [5, 6, 3],
      'CS 28': [5, 3, 5, 2],
      'CS 29': [5, 5, 3],
      'CS 30': [5, 3, 5],
      'CS 31': [2, 4, 5],
      'CS 32': [4, 9],
      'CS 33': [8, 8],
      'CS 34': [8, 3, 3, 3, 2],
      'CS 35': [6, 4, 4],
      'CS 36': [0, 0, 0],
    });
    expect(spec.units.flatMap((u) => u.outcomes.flatMap((o) => o.criteria)).length).toBe(128);
  });

  it('keeps outcome titles and criterion words as printed', () => {
    expect(unit('CS 27').outcomes.map((o) => o.title)).toEqual([
      'Understand how to organise customer service delivery',
      'Be able to plan the delivery of customer service',
      'Be able to prepare staff for the delivery of customer service',
    ]);
    // Line 37: curly quotes and brackets kept.
    expect(criterion('CS 27', '2.2').text).toBe(
      'Map the “customer journey” (points of transaction, points of contact and response mechanisms for each stage of the journey)',
    );
    // Line 27: trailing space dropped.
    expect(criterion('CS 27', '1.1').text).toBe('Explain the implications to customer service of different methods of promoting products and/or services');
    // Line 46: the first criterion sits on the outcome's next line with no blank between.
    expect(criterion('CS 27', '3.1').text).toBe('Confirm that staff understand the vision, objectives, roles, plans, standards and procedures to deliver customer service');
    expect(criterion('CS 34', '5.2').text).toBe('Identify ways in which improvements can be communicated to customers');
    expect(criterion('CS 35', '3.4').id).toBe('skills-cfa-l3:CS35:3.4');
  });

  it('joins criteria that wrap onto a second line', () => {
    // Lines 446-447 and 531-532.
    expect(criterion('CS 32', '2.9').text).toBe('Adhere to organisational and legal policies and procedures, legal and ethical requirements');
    expect(criterion('CS 33', '2.8').text).toBe('Adhere to organisational and legal policies and procedures, legal and ethical requirements');
    expect(criterion('CS 33', '2.6').text).toBe('Agree solutions with customers that address the complaint and which are within the limits of their own authority');
  });

  it('keeps the sentence under an outcome heading and the misplaced guidance as notes, not criteria', () => {
    const notes = unit('CS 30').notes ?? [];
    expect(notes).toContainEqual({ heading: 'Outcome 2', text: '“Build” includes building from scratch and building on an existing knowledge base' });
    expect(notes.find((n) => n.heading === 'Guidance')?.text).toMatch(/^Guidance needed on what should be contained in a CS knowledge base/);
    expect(criterion('CS 30', '2.1').text).toBe('Identify the information that should be included in a knowledge base');
    expect(codes('misplaced-text')).toEqual([261]);
  });

  it('reports the draft\'s defects with their lines', () => {
    // Credit Value and GLH are blank for every unit: the value lines after each heading.
    expect(codes('missing-credit')).toEqual([11, 93, 177, 255, 340, 412, 490, 575, 665, 743]);
    expect(codes('missing-glh')).toEqual([14, 96, 180, 258, 343, 415, 493, 578, 668, 746]);
    expect(spec.units.every((u) => u.credit === null && u.glh === null)).toBe(true);
    // "Unit purpose and aim(s)" is the unfinished "This unit concerns" in every unit.
    expect(codes('unfinished-text')).toHaveLength(10);
    // CS 36 has outcome stems and criterion numbers with no words.
    expect(codes('unfinished-outcome')).toEqual([757, 760, 763]);
    expect(codes('empty-criterion')).toEqual([758, 761, 764]);
    expect(unit('CS 36').outcomes.map((o) => o.title)).toEqual(['Understand', 'Be able to', 'Be able to']);
    // Reviewers' comments left at the end of the file.
    expect(warnings.filter((w) => w.code === 'reviewer-comment').map((w) => [w.line, w.message])).toEqual([
      [797, 'Reviewer\'s comment left in the document: "Legal twice – do you mean social?"'],
      [800, 'Reviewer\'s comment left in the document: "Legal twice"'],
      [803, 'Reviewer\'s comment left in the document: "Is exercise a suitabe word?"'],
    ]);
    // Nothing else: no stray text, no numbering out of sequence, no duplicates.
    const known = ['missing-credit', 'missing-glh', 'unfinished-text', 'unfinished-outcome', 'empty-criterion', 'reviewer-comment', 'misplaced-text'];
    expect(warnings.filter((w) => !known.includes(w.code))).toEqual([]);
  });

  it('reports the missing title when no override gives one', () => {
    const bare = parseSkillsCfa(text, FILE);
    expect(bare.specification.title).toBe('skills-cfa-l3-customer-service-units');
    expect(bare.warnings.filter((w) => w.code === 'missing-spec-title')).toHaveLength(1);
  });

  it('applies unit overrides as data', () => {
    const r = parseSkillsCfa(text, FILE, { units: { 'CS 27': { credit: 6, glh: 30, reason: 'test' } } });
    const u = r.specification.units[0];
    expect([u.credit, u.glh]).toEqual([6, 30]);
    // The defect is still reported.
    expect(r.warnings.filter((w) => w.code === 'missing-credit')[0].line).toBe(11);
  });
});

describe('parseSkillsCfa on forms the draft does not use but its siblings do', () => {
  const page = (rows: string) =>
    ['\t\tTitle', '\t\tA unit', '', '\t\tSkills CFA Reference', '\t\tCS 99', '', '\t\tLevel', '\t\tthree', '',
      '\t\tLearning Outcomes', '\t\tAssessment Criteria', '', rows, '', '\t\tAdditional Information about the unit'].join('\n');

  it('splits glued numbers, reads "1.1." as 1.1 and keeps a number printed twice', () => {
    const r = parseSkillsCfa(page('\t\t1. Understand things\n\t\t1.1. Explain one thing1.2 Explain another\n1.2 Explain again'), 'x.txt');
    const crit = r.specification.units[0].outcomes[0].criteria;
    expect(crit.map((c) => [c.id, c.text])).toEqual([
      ['skills-cfa-l3:CS99:1.1', 'Explain one thing'],
      ['skills-cfa-l3:CS99:1.2', 'Explain another'],
      ['skills-cfa-l3:CS99:1.2~2', 'Explain again'],
    ]);
    expect(r.warnings.find((w) => w.code === 'duplicate-number')?.line).toBe(15);
    // Level printed in words is read, and reported.
    expect(r.specification.units[0].level).toBe(3);
    expect(r.warnings.find((w) => w.code === 'level-in-words')?.line).toBe(8);
  });
});
