import { describe, expect, it } from 'vitest';
import { NUMBER, splitQuery } from './codes';

describe('splitQuery', () => {
  it('splits on spaces, commas and semicolons and keeps case', () => {
    expect(splitQuery('CU795 2.3, body;lang')).toEqual(['CU795', '2.3', 'body', 'lang']);
  });

  it('trims punctuation from the ends but keeps a number\'s trailing dot', () => {
    expect(splitQuery('("customer journey") 2.3. -x-')).toEqual(['customer', 'journey', '2.3.', 'x']);
    expect(splitQuery('L/506/2150')).toEqual(['L/506/2150']);
  });

  it('drops tokens that are punctuation only', () => {
    expect(splitQuery(' ?! , ;  ... ')).toEqual([]);
  });
});

describe('NUMBER', () => {
  it.each(['2', '2.3', '2.3.', '2.10.1'])('accepts %s', (t) => expect(NUMBER.test(t)).toBe(true));
  it.each(['2..3', '.3', 'cu795', '2.3a', ''])('rejects %j', (t) => expect(NUMBER.test(t)).toBe(false));
});
