import { describe, expect, it } from 'vitest';
import { expandWord, numberMatch, parse, UnitKeys } from './query';
import { TermDictBuilder } from './terms';

const units = new UnitKeys(['CU824', 'CU795', 'L5062150', 'CS27']);

describe('parse', () => {
  it('reads a unit code, a number and words being typed', () => {
    expect(parse('CU795 2.3 body lang', units)).toEqual({
      units: [{ key: 'CU795', exact: true }],
      numbers: [{ value: '2.3', exact: true }],
      words: [{ word: 'body', prefix: true }, { word: 'lang', prefix: true }],
    });
  });

  it('joins up to three tokens into a unit key, however the ref is written', () => {
    expect(parse('CS 27 1.4', units).units).toEqual([{ key: 'CS27', exact: true }]);
    expect(parse('l/506/2150 1.4', units).units).toEqual([{ key: 'L5062150', exact: true }]);
  });

  it('takes the start of a unit key still being typed, not once a space follows', () => {
    expect(parse('cu79', units)).toEqual({ units: [{ key: 'CU79', exact: false }], numbers: [], words: [] });
    expect(parse('cu79 ', units).units).toEqual([]);
    expect(parse('xy79', units).units).toEqual([]);
  });

  it('reads a number with a trailing dot as still open while typed, whole once a space follows', () => {
    expect(parse('2.', units).numbers).toEqual([{ value: '2', exact: false }]);
    expect(parse('2.3.', units).numbers).toEqual([{ value: '2.3', exact: false }]);
    expect(parse('2.3. ', units).numbers).toEqual([{ value: '2.3', exact: true }]);
    expect(parse('2', units).numbers).toEqual([{ value: '2', exact: false }]);
  });

  it('drops stopwords unless they are all there is or still being typed', () => {
    expect(parse('the customer', units).words).toEqual([{ word: 'customer', prefix: true }]);
    expect(parse('to the', units).words).toEqual([{ word: 'the', prefix: true }]);
    expect(parse('to of ', units).words.map((w) => w.word)).toEqual(['to', 'of']);
    expect(parse('c', units).words).toEqual([]);
  });

  it('treats a short closed word as whole and a long one as a possible prefix', () => {
    expect(parse('pc listen ', units).words).toEqual([{ word: 'pc', prefix: false }, { word: 'listen', prefix: true }]);
    expect(parse('listen pc', units).words).toEqual([{ word: 'listen', prefix: true }, { word: 'pc', prefix: true }]);
  });
});

describe('UnitKeys', () => {
  it('finds keys exactly and by prefix, in sorted order', () => {
    expect(units.has('CU795')).toBe(true);
    expect(units.has('CU79')).toBe(false);
    expect(units.withPrefix('CU')).toEqual(['CU795', 'CU824']);
    expect(units.withPrefix('CU795')).toEqual(['CU795']);
    expect(units.hasPrefix('L506')).toBe(true);
    expect(units.hasPrefix('L507')).toBe(false);
    expect(units.withPrefix('Z')).toEqual([]);
  });
});

describe('numberMatch', () => {
  it('scores 1 for the number, 0.6 for a completion of an open number, 0 otherwise', () => {
    expect(numberMatch('2.3', { value: '2.3', exact: true })).toBe(1);
    expect(numberMatch('2.3~2', { value: '2.3', exact: true })).toBe(1);
    expect(numberMatch('2.3', { value: '2', exact: false })).toBe(0.6);
    expect(numberMatch('2.31', { value: '2.3', exact: false })).toBe(0.6);
    expect(numberMatch('2.3', { value: '2', exact: true })).toBe(0);
    expect(numberMatch('12.3', { value: '2', exact: false })).toBe(0);
  });
});

describe('expandWord', () => {
  const b = new TermDictBuilder();
  ['complaint', 'complaints', 'body', 'language', 'complain'].forEach((w, d) => b.add(w, d, 1, 'max'));
  const dict = b.freeze(5, true);
  const expand = (word: string, prefix: boolean) => expandWord(dict, { word, prefix }).map((x) => [dict.terms[x.term], x.quality]);

  it('gives the word itself 1 and completions less, more for a shorter completion', () => {
    expect(expand('complaint', false)).toEqual([['complaint', 1]]);
    expect(expand('complaint', true)).toEqual([['complaint', 1], ['complaints', 0.7 + 0.25 * (9 / 10)]]);
    const typed = expand('complai', true);
    expect(typed.map(([t]) => t)).toEqual(['complain', 'complaint', 'complaints']);
  });

  it('gives near misses of an unknown word less per edit', () => {
    expect(expand('complaynt', false)).toEqual([['complaint', 0.85 - 0.12], ['complaints', 0.85 - 0.24], ['complain', 0.85 - 0.24]]);
    expect(expand('langu', false)).toEqual([]);
  });
});
