import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Papa from 'papaparse';
import { csvChunks, streamCsv, type Progress } from './csv';
import { neutraliseCell } from './formula';
import { ImportError } from './errors';
import { nastyText } from '../../test/fixtures/export-data';

/** A whole file through the real reader, {@link streamCsv}: the header (trimmed, as the tag-set reader trims it) and the rows. */
async function parseCsv(text: string, onProgress?: Progress): Promise<{ header: string[]; rows: string[][] }> {
  const all: string[][] = [];
  await streamCsv(text, (rows) => void all.push(...rows), onProgress);
  const [header = [], ...rows] = all;
  return { header: header.map((h) => h.trim()), rows };
}

async function write(header: string[], rows: string[][], batch = 2): Promise<string> {
  let s = '';
  for await (const c of csvChunks(header, [rows], { batch })) s += c;
  return s;
}

describe('CSV writing', () => {
  it('quotes exactly as papaparse does (RFC 4180, CRLF), after the formula guard', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(nastyText, { minLength: 3, maxLength: 3 }), { maxLength: 5 }), async (rows) => {
        const ours = await write(['a', 'b', 'c'], rows);
        const papa = Papa.unparse([['a', 'b', 'c'], ...rows.map((r) => r.map(neutraliseCell))], { newline: '\r\n', escapeFormulae: false }) + '\r\n';
        expect(ours).toBe(papa);
      }),
      { numRuns: 500 },
    );
  });

  it('property: what it writes, papaparse reads back cell for cell', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(nastyText, { minLength: 4, maxLength: 4 }), { minLength: 1, maxLength: 6 }), async (rows) => {
        const table = await parseCsv(await write(['w', 'x', 'y', 'z'], rows));
        expect(table.header).toEqual(['w', 'x', 'y', 'z']);
        // A row of empty cells is a line of commas, which is kept.
        expect(table.rows).toEqual(rows);
      }),
      { numRuns: 500 },
    );
  });

  it('yields control between chunks and reports progress while reading a large file', async () => {
    const big = await write(['a', 'b'], Array.from({ length: 60_000 }, (_, i) => [`row ${i}`, 'x,"y"\nz']), 5000);
    const seen: number[] = [];
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const table = await parseCsv(big, (f) => seen.push(f));
    clearInterval(timer);
    expect(table.rows).toHaveLength(60_000);
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.at(-1)).toBe(1);
    expect(ticks).toBeGreaterThan(0);
  });

  it('names the row of a quote that is never closed', async () => {
    await expect(parseCsv('a,b\r\n1,2\r\n"3,4\r\n')).rejects.toThrow(new ImportError('Row 3: a quoted cell is never closed (the file may be cut short).'));
  });
});
