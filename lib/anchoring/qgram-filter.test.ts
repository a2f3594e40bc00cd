import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import approxSearch from 'approx-string-match';
import { candidateRegions as regionsOf, chooseGram, toCodes } from './qgram-filter.ts';

const candidateRegions = (text: string, pattern: string, k: number) => regionsOf(toCodes(text), pattern, k);

/** Best error count over the regions, as the engine verifies them. */
function bestInRegions(text: string, pattern: string, k: number, regions: Array<[number, number]>): number | null {
  let best: number | null = null;
  for (const [a, b] of regions) {
    for (const m of approxSearch(text.slice(a, b), pattern, k)) if (best === null || m.errors < best) best = m.errors;
  }
  return best;
}

describe('q-gram filter', () => {
  it('never loses a match that the full search finds (the filter is lossless)', () => {
    const alphabet = fc.constantFrom(...'abcde ');
    fc.assert(
      fc.property(
        fc.array(alphabet, { minLength: 50, maxLength: 400 }).map((a) => a.join('')),
        fc.nat(),
        fc.integer({ min: 12, max: 60 }),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom('sub', 'ins', 'del'), alphabet), { maxLength: 8 }),
        (text, at, len, edits) => {
          const start = at % Math.max(1, text.length - len);
          let pattern = text.slice(start, start + len);
          for (const [p, kind, c] of edits) {
            const i = p % pattern.length;
            pattern = kind === 'sub' ? pattern.slice(0, i) + c + pattern.slice(i + 1) : kind === 'ins' ? pattern.slice(0, i) + c + pattern.slice(i) : pattern.slice(0, i) + pattern.slice(i + 1);
          }
          const k = Math.ceil(pattern.length / 8);
          const regions = candidateRegions(text, pattern, k);
          if (!regions) return;
          const full = approxSearch(text, pattern, k);
          const fullBest = full.length ? Math.min(...full.map((m) => m.errors)) : null;
          expect(bestInRegions(text, pattern, k, regions)).toBe(fullBest);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('passes over prose that cannot hold the pattern', () => {
    const text = 'The quick brown fox jumps over the lazy dog. '.repeat(2000);
    const pattern = 'Assessor observed the learner completing a manual handling risk assessment';
    expect(candidateRegions(text, pattern, Math.ceil(pattern.length / 8))).toEqual([]);
  });

  it('declines to filter when the budget leaves too few grams to prove anything', () => {
    expect(chooseGram(4, 1)).toBeNull();
    expect(candidateRegions('abcdefgh', 'abcd', 1)).toBeNull();
  });
});
