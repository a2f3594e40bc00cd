import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { neutraliseCell, restoreCell } from './formula';

describe('formula-injection guard', () => {
  it('prefixes an apostrophe to cells a spreadsheet would run as formulas', () => {
    for (const v of ['=SUM(A1)', '+1', '-2', '@cmd', '\tx', '\rx', '\n=1+1', '\0=1+1', '=HYPERLINK("http://x")']) {
      expect(neutraliseCell(v)).toBe(`'${v}`);
    }
  });

  it('leaves ordinary text alone, including text with a formula character later on', () => {
    for (const v of ['Plain', 'a=b', '', "'quoted", '1+1', ' =x']) expect(neutraliseCell(v)).toBe(v);
  });

  it('guards text that already starts with apostrophes before a trigger, so it restores exactly', () => {
    expect(neutraliseCell("'=x")).toBe("''=x");
    expect(restoreCell("''=x")).toBe("'=x");
    expect(restoreCell("'abc")).toBe("'abc");
  });

  it('restore(neutralise(s)) === s for any string, and a guarded cell never starts with a trigger', () => {
    const tricky = fc.string({ unit: fc.constantFrom("'", '=', '+', '-', '@', '\t', '\r', '\n', '\0', 'a', ' ', '"', ',') });
    fc.assert(
      fc.property(fc.oneof(tricky, fc.string({ unit: 'grapheme' })), (s) => {
        const n = neutraliseCell(s);
        expect(restoreCell(n)).toBe(s);
        expect(/^[=+\-@\t\r\n\0]/.test(n)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});
