import { describe, expect, it } from 'vitest';
import { checkedSelectors, selectorSchema, storedSelectorSchema } from './selector-schema';

const quote = { type: 'TextQuoteSelector', exact: 'I sat at her level', prefix: 'so ', suffix: ' and' };
const position = { type: 'TextPositionSelector', start: 120, end: 138 };
const range = {
  type: 'RangeSelector',
  startSelector: { type: 'XPathSelector', value: '/div[1]/p[2]', refinedBy: { type: 'TextPositionSelector', start: 4, end: 4 } },
  endSelector: { type: 'XPathSelector', value: '/div[1]/p[2]', refinedBy: { type: 'TextPositionSelector', start: 22, end: 22 } },
};

describe('the selector schema', () => {
  it('accepts the three selectors the engine writes, as they are', () => {
    for (const s of [quote, position, range]) expect(selectorSchema.parse(s)).toEqual(s);
  });

  it('refuses an empty quote, a negative offset, context over 200 characters and unknown types', () => {
    expect(selectorSchema.safeParse({ ...quote, exact: '' }).success).toBe(false);
    expect(selectorSchema.safeParse({ ...position, start: -1 }).success).toBe(false);
    expect(selectorSchema.safeParse({ ...quote, prefix: 'x'.repeat(201) }).success).toBe(false);
    expect(selectorSchema.safeParse({ type: 'CssSelector', value: 'p' }).success).toBe(false);
  });

  it('the stored form keeps any typed selector with all its fields', () => {
    const foreign = { type: 'CssSelector', value: 'p:nth-child(2)', refinedBy: { type: 'TextQuoteSelector', exact: 'x' } };
    expect(storedSelectorSchema.parse(foreign)).toEqual(foreign);
    expect(storedSelectorSchema.safeParse({ value: 'no type' }).success).toBe(false);
  });

  it('checkedSelectors keeps, in order, only what a page may be sent', () => {
    expect(checkedSelectors([{ type: 'CssSelector', value: 'p' }, position, { ...quote, exact: '' }, quote])).toEqual([position, quote]);
  });
});
