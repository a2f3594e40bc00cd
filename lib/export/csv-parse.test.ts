import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Papa from 'papaparse';
import { guessNewline, QuoteError, readCsvRows, unquote } from './csv-parse';
import { nastyText } from './test-data';

/** Our reader over the whole text at once: the rows, or the row index of a quote error. */
function ours(text: string): string[][] | { quoteErrorAt: number } {
  const rows: string[][] = [];
  try {
    readCsvRows(text, guessNewline(text), 0, text.length, rows, 0);
  } catch (e) {
    if (e instanceof QuoteError) return { quoteErrorAt: e.row };
    throw e;
  }
  return rows;
}

/** Papaparse as streamCsv used it: the rows, or that it found a quote error. */
function papa(text: string): string[][] | 'quote error' {
  const result = Papa.parse<string[]>(text, { delimiter: ',', skipEmptyLines: true });
  return result.errors.some((e) => e.code === 'MissingQuotes' || e.code === 'InvalidQuotes') ? 'quote error' : result.data;
}

function agree(text: string) {
  const mine = ours(text);
  const theirs = papa(text);
  if (theirs === 'quote error') expect(mine).toHaveProperty('quoteErrorAt');
  else expect(mine).toEqual(theirs);
}

const pieces = fc.constantFrom(',', '"', '""', '\r\n', '\n', '\r', 'a', 'b c', ' ', '\t', '=x', '😀', "'");
const newlines = fc.constantFrom('\r\n', '\n', '\r');

describe('CSV reading', () => {
  it('property: reads what papaparse writes as papaparse reads it, whatever the line ends', () => {
    fc.assert(
      fc.property(fc.array(fc.array(nastyText, { minLength: 1, maxLength: 4 }), { maxLength: 6 }), newlines, fc.boolean(), (rows, newline, end) => {
        agree(Papa.unparse(rows, { newline }) + (end ? newline : ''));
      }),
      { numRuns: 1000 },
    );
  });

  it('property: reads any text as papaparse does, quote errors included', () => {
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 30 }), (parts) => agree(parts.join(''))),
      { numRuns: 3000 },
    );
  });

  it('property: a column given as it is in the text unquotes to the cell read the usual way', () => {
    fc.assert(
      fc.property(fc.array(fc.array(nastyText, { minLength: 3, maxLength: 3 }), { maxLength: 6 }), newlines, (rows, newline) => {
        const text = Papa.unparse(rows, { newline });
        const raw: string[][] = [];
        readCsvRows(text, guessNewline(text), 0, text.length, raw, 0, 1);
        expect(raw.map((r) => r.map((cell, i) => (i === 1 ? unquote(cell) : cell)))).toEqual(ours(text));
      }),
      { numRuns: 1000 },
    );
  });

  it('names the row of an unclosed or misplaced quote, counting from 0 and skipping empty lines', () => {
    expect(ours('a,b\r\n1,2\r\n"3,4\r\n')).toEqual({ quoteErrorAt: 2 });
    expect(ours('a,b\r\n\r\n"x"y,2\r\n')).toEqual({ quoteErrorAt: 1 });
  });

  it('stops after the row it is in when it passes the stop, so rows are never split', () => {
    const text = 'a,"b\r\nc"\r\nd,e\r\nf,g\r\n';
    const rows: string[][] = [];
    const at = readCsvRows(text, '\r\n', 0, 3, rows, 0);
    expect(rows).toEqual([['a', 'b\r\nc']]);
    expect(readCsvRows(text, '\r\n', at, text.length, rows, 1)).toBe(text.length);
    expect(rows).toEqual([['a', 'b\r\nc'], ['d', 'e'], ['f', 'g']]);
  });
});
