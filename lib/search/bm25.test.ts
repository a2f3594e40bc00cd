import { describe, expect, it } from 'vitest';
import { bm25 } from './bm25';
import { BM25_B, BM25_K1 } from './weights';

describe('bm25', () => {
  it('has the value of the formula with K1 = 1.2 and B = 0.5', () => {
    expect([BM25_K1, BM25_B]).toEqual([1.2, 0.5]);
    // 2 × 2.2 / (2 + 1.2 × (0.5 + 0.5 × 10 / 5)) = 4.4 / 3.8
    expect(bm25(2, 10, 5)).toBe(4.4 / 3.8);
    expect(bm25(1, 5, 5)).toBeCloseTo(1, 12);
    expect(bm25(0, 5, 5)).toBe(0);
  });

  it('grows with the term count but saturates below K1 + 1', () => {
    let last = 0;
    for (const f of [0.35, 0.5, 1, 1.5, 2, 4, 8, 100]) {
      const v = bm25(f, 6, 6);
      expect(v).toBeGreaterThan(last);
      expect(v).toBeLessThan(BM25_K1 + 1);
      last = v;
    }
  });

  it('weighs a term less in a longer document', () => {
    expect(bm25(1, 12, 6)).toBeLessThan(bm25(1, 6, 6));
    expect(bm25(1, 3, 6)).toBeGreaterThan(bm25(1, 6, 6));
  });
});
