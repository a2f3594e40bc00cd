import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { illFormedPath, isWellFormed, isWellFormedByHand, shown } from './text';

describe('well-formed text', () => {
  it('agrees with String.prototype.isWellFormed on any UTF-16 text', () => {
    const any = fc.string({ unit: fc.nat(0xffff).map((c) => String.fromCharCode(c)), maxLength: 8 });
    fc.assert(fc.property(any, (s) => isWellFormed(s) === isWellFormedByHand(s) && isWellFormed(s) === (s as string & { isWellFormed(): boolean }).isWellFormed()), { numRuns: 2000 });
  });

  it('finds the path of the first ill-formed string or key', () => {
    expect(illFormedPath({ a: ['ok', { b: 'x\ud800' }] })).toEqual(['a', 1, 'b']);
    expect(illFormedPath({ ['k\udc00']: 1 })).toEqual(['k\udc00']);
    expect(illFormedPath({ a: '😀', n: 1, z: null })).toBeNull();
    expect(shown('a\ud800b😀')).toBe('a\ufffdb😀');
  });
});
