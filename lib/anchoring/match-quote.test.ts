import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { contextErrors, errorBudget, matchQuote } from './match-quote.ts';

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

const WORDS = 'the learner assessor observed safe practice risk report evidence unit criterion meeting client tools checked signed'.split(' ');
const prose = (seed: number[], n: number) => Array.from({ length: n }, (_, i) => WORDS[(seed[i % seed.length] + i * 7) % WORDS.length]).join(' ');

describe('matchQuote', () => {
  it('breaks ties between exact repeats by context, then by position', () => {
    const text = 'alpha beta gamma. one two three. alpha beta gamma. four five six. alpha beta gamma.';
    const second = text.indexOf('alpha beta gamma', 5);
    expect(matchQuote(text, 'alpha beta gamma', { prefix: 'two three. ', suffix: '. four' })?.start).toBe(second);
    const third = text.lastIndexOf('alpha beta gamma');
    expect(matchQuote(text, 'alpha beta gamma', { hint: third - 3 })?.start).toBe(third);
  });

  it('scores context anchored at the quote, not anywhere nearby', () => {
    expect(contextErrors('xx abc', 6, 'abc', true)).toBe(0);
    expect(contextErrors('abc xx', 6, 'abc', true)).toBeGreaterThan(0);
    expect(contextErrors('abc', 0, 'abc', false)).toBe(0);
  });

  it('never returns text further from the quote than the edit budget allows', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(50), { minLength: 5, maxLength: 20 }),
        fc.integer({ min: 2, max: 40 }),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom('sub', 'ins', 'del')), { maxLength: 12 }),
        (seed, words, edits) => {
          const text = prose(seed, 200);
          const start = text.indexOf(' ', 40) + 1;
          const end = text.indexOf(' ', start + words * 5);
          const quote = text.slice(start, end > 0 ? end : undefined).trim();
          let edited = quote;
          for (const [p, kind] of edits) {
            const i = p % edited.length;
            edited = kind === 'sub' ? edited.slice(0, i) + 'q' + edited.slice(i + 1) : kind === 'ins' ? edited.slice(0, i) + 'z' + edited.slice(i) : edited.slice(0, i) + edited.slice(i + 1);
          }
          edited = edited.trim();
          if (!edited) return;
          const m = matchQuote(text, edited, { prefix: text.slice(start - 32, start), suffix: text.slice(start + quote.length, start + quote.length + 32), hint: start });
          if (m) expect(editDistance(edited, text.slice(m.start, m.end))).toBeLessThanOrEqual(errorBudget(edited.length));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('finds an edited quote in place when its context is intact', () => {
    const text = 'Intro words here. The learner checked the tools before starting work. Closing words here.';
    const m = matchQuote(text, 'The learner checkd the tools before startng work.', { prefix: 'Intro words here. ', suffix: ' Closing words' });
    expect(m && text.slice(m.start, m.end)).toBe('The learner checked the tools before starting work.');
    expect(m?.errors).toBe(2);
  });

  it('orphans a short quote found only with unrelated context', () => {
    const text = 'Nothing about it here. The word report appears in a different sentence entirely.';
    expect(matchQuote(text, 'report', { prefix: 'The assessor signed the final ', suffix: ' on the first day of the visit' })).toBeNull();
  });
});
