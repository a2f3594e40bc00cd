import { describe, expect, it } from 'vitest';
import { normaliseRef, OutcomeCollector, splitRow, titleKey, warningList } from './outcome-rows';

describe('splitRow', () => {
  it('finds the outcome and criteria parts in the table shapes the documents use', () => {
    expect(splitRow('1\tKnow the rules\t1.1\tState them')).toEqual({ outcome: '1 Know the rules', criteria: '1.1 State them' });
    expect(splitRow('\t\t1.2\tList them')).toEqual({ outcome: '', criteria: '1.2 List them' });
    expect(splitRow('1 Know\t1.1 State 1.2 List')).toEqual({ outcome: '1 Know', criteria: '1.1 State 1.2 List' });
    expect(splitRow('1\tBe able\t1.1 Question a customer')).toEqual({ outcome: '1 Be able', criteria: '1.1 Question a customer' });
    expect(splitRow('<p>2. Be able</p>\t<p>2.1 Identify</p> <p>2.2 Map</p>')).toEqual({ outcome: '2. Be able', criteria: '2.1 Identify 2.2 Map' });
    expect(splitRow('\tcontinued words')).toEqual({ outcome: '', criteria: 'continued words' });
    expect(splitRow('3\tAn outcome with no criteria yet')).toEqual({ outcome: '3 An outcome with no criteria yet', criteria: '' });
  });
});

describe('OutcomeCollector', () => {
  it('continues an outcome printed again after a page break, and warns on a changed title', () => {
    const { warnings, warn } = warningList();
    const c = new OutcomeCollector(warn);
    c.row('1. Know\t1.1 One', 1);
    c.row('1. Know\t1.2 Two', 2);
    c.row('1. Known\t1.3 Three', 3);
    expect(c.finish('s', 'A/1/2').map((o) => [o.number, o.criteria.length])).toEqual([['1', 3]]);
    expect(warnings.map((w) => [w.line, w.code])).toEqual([[3, 'outcome-title-differs']]);
  });

  it('warns on a criterion that seems to hold another outcome\'s criterion, and on an empty outcome', () => {
    const { warnings, warn } = warningList();
    const c = new OutcomeCollector(warn);
    c.row('1. Know\t1.1 One thing 2.1 Another', 4);
    c.row('2. Be able\t', 5);
    expect(c.finish('s', 'A').map((o) => o.criteria.map((x) => x.text))).toEqual([['One thing 2.1 Another'], []]);
    expect(warnings.map((w) => [w.line, w.code])).toEqual([[4, 'stray-number'], [5, 'outcome-no-criteria']]);
  });
});

describe('refs and titles', () => {
  it('normalises a ref with a lost slash, and rejects what is no ref', () => {
    expect(normaliseRef('M601/6059')).toBe('M/601/6059');
    expect(normaliseRef('K/601/6075')).toBe('K/601/6075');
    expect(normaliseRef('601/6075')).toBeNull();
  });

  it('compares titles without case or apostrophe forms, but with hyphens', () => {
    expect(titleKey('Introduction to Customer Service')).toBe(titleKey('Introduction to customer service'));
    expect(titleKey('customers’ problems')).toBe(titleKey("customers' problems"));
    expect(titleKey('post-transaction')).not.toBe(titleKey('post transaction'));
  });
});
