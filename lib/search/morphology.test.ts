import { describe, expect, it } from 'vitest';
import { irregularBase } from './morphology';
import { stem } from './text';

describe('irregular forms', () => {
  it.each([
    ['rang', 'ring'],
    ['told', 'tell'],
    ['spoke', 'speak'],
    ['wrote', 'write'],
    ['children', 'child'],
    ['bought', 'buy'],
  ])('takes %s to %s', (form, base) => {
    expect(irregularBase(form)).toBe(base);
    expect(stem(form)).toBe(stem(base));
  });

  it('leaves regular and unknown words to the stemmer', () => {
    expect(irregularBase('listened')).toBe('listened');
    expect(irregularBase('constructor')).toBe('constructor');
    expect(stem('listened')).toBe(stem('listen'));
    expect(stem('apologised')).toBe(stem('apologise'));
  });

  it('can be turned off (the bench\'s ablation)', () => {
    expect(stem('rang', false)).not.toBe(stem('ring', false));
  });
});
