import { describe, expect, it } from 'vitest';
import { bestOf, topK } from './top-k';

const scores = [0.2, 0.9, 0.5, 0.9, 0.1, 0.7, 0.5];
const score = (d: number) => scores[d];
const all = Int32Array.from(scores.keys());
const sorted = (ds: number[]) => [...ds].sort((a, b) => score(b) - score(a) || a - b);

describe('topK', () => {
  it('keeps the k best documents', () => {
    expect(sorted(topK(all, all.length, score, null, 3))).toEqual([1, 3, 5]);
  });

  it('breaks ties in favour of the earlier document', () => {
    expect(sorted(topK(all, all.length, score, null, 4))).toEqual([1, 3, 5, 2]);
    // The same whichever order the documents were touched in.
    const reversed = Int32Array.from([...all].reverse());
    expect(sorted(topK(reversed, reversed.length, score, null, 4))).toEqual([1, 3, 5, 2]);
  });

  it('puts in-scope documents before any others', () => {
    const mask = Uint8Array.from([0, 0, 0, 0, 1, 0, 1]);
    const top = topK(all, all.length, score, mask, 3);
    expect(top.filter((d) => mask[d]).sort()).toEqual([4, 6]);
    expect(top).toContain(1);
  });

  it('reads only the first n touched documents, and returns them all when fewer than k', () => {
    expect(sorted(topK(all, 3, score, null, 10))).toEqual([1, 2, 0]);
    expect(topK(all, 0, score, null, 10)).toEqual([]);
  });
});

describe('bestOf', () => {
  it('returns the k highest-scoring documents, or all when there are no more than k', () => {
    expect(sorted(bestOf([0, 2, 4, 5, 6], score, 2))).toEqual([5, 2]);
    const few = [4, 0];
    expect(bestOf(few, score, 2)).toBe(few);
  });
});
