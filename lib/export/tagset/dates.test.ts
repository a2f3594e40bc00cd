/**
 * Issue 13: the tag set's date columns are local dd/mm/yyyy HH:MM, which Excel (UK) reads
 * as dates, and a file edited in Excel (dates rewritten dd/mm/yyyy or dd/mm/yyyy hh:mm) reads
 * back as UK dates, never US. The exact times still come back for a file not edited.
 */
process.env.TZ = 'Europe/London';
import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { indexCatalogue } from '../../catalogue/lookup';
import { tagsetCsv } from './write';
import { readTagsetCsv } from './read';
import { SPEC_A } from '../../../test/fixtures/export-data';
import type { TagsetItem } from './rows';
import { evidenceMatrix } from '../matrix';
import { summaryRows } from '../summary';
import { localDate, localDateTime, readUkDate } from '../dates';

const catalogue = indexCatalogue([SPEC_A]);
const T = '2026-01-01T00:00:00.000Z';
const learner = { id: 'l1', name: 'Jordan', qualificationIds: ['spec-a:600/0000/1'], unitChoices: {}, archived: false, createdAt: T, updatedAt: T };
const page = { id: 'pg1', url: 'https://p.example/a', title: 'A', kind: 'web' as const, createdAt: T, updatedAt: T };
// 3 April 2026, 09:05:07.123 in London (BST, UTC+1).
const TAGGED = '2026-04-03T08:05:07.123Z';
const passage = { id: 'p1', learnerId: 'l1', pageId: 'pg1', selectors: [{ type: 'TextQuoteSelector', exact: 'q' }], quote: 'q', createdBy: 'Sam', createdAt: T, updatedAt: T };
const mapping = { id: 'm1', passageId: 'p1', learnerId: 'l1', criterionId: 'spec-a:CU1:1.1', unitId: 'spec-a:CU1', method: 'Obs' as const, note: '', createdBy: 'Sam', createdAt: TAGGED, updatedAt: TAGGED };
const decision = { id: 'd1', learnerId: 'l1', target: { type: 'mapping' as const, id: 'm1' }, decision: 'agree' as const, reason: '', verifier: 'Ivy', createdAt: '2026-12-25T23:30:00.000Z', updatedAt: '2026-12-26T00:00:00.000Z' };
const item: TagsetItem = { learner, page, passage, mapping, decision };

async function csv(): Promise<string[][]> {
  let text = '';
  for await (const c of tagsetCsv([[item]], catalogue)) text += c;
  return Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
}

const cell = (rows: string[][], name: string) => rows[1][rows[0].indexOf(name)];

function edited(rows: string[][], name: string, value: string): string {
  const copy = rows.map((r) => [...r]);
  copy[1][copy[0].indexOf(name)] = value;
  return Papa.unparse(copy);
}

describe('tag-set dates', () => {
  it('writes the date columns as local dd/mm/yyyy HH:MM', async () => {
    const rows = await csv();
    expect(cell(rows, 'Date tagged')).toBe('03/04/2026 09:05');
    expect(cell(rows, 'IV date')).toBe('25/12/2026 23:30');
  });

  it('reads an unedited file back to the exact times', async () => {
    const plan = await readTagsetCsv(Papa.unparse(await csv()));
    expect(plan.mappings[0].createdAt).toBe(TAGGED);
    expect(plan.decisions[0].createdAt).toBe(decision.createdAt);
  });

  it('reads dates rewritten by Excel (UK) as UK dates, never US: 03/04/2026 is 3 April', async () => {
    const rows = await csv();
    const read = async (value: string) => (await readTagsetCsv(edited(rows, 'Date tagged', value))).mappings[0].createdAt;
    // Excel kept the minute: the exact time stands.
    expect(await read('03/04/2026 09:05')).toBe(TAGGED);
    // Excel showed only the day: the exact time stands too.
    expect(await read('03/04/2026')).toBe(TAGGED);
    // The assessor changed the date: it is read as a UK date, in local time.
    expect(await read('04/03/2026 10:00')).toBe('2026-03-04T10:00:00.000Z');
    expect(await read('02/04/2026')).toBe('2026-04-01T23:00:00.000Z');
    expect(await read('2/4/2026 14:30:15')).toBe('2026-04-02T13:30:15.000Z');
    const iv = (await readTagsetCsv(edited(rows, 'IV date', '03/04/2026'))).decisions[0].createdAt;
    expect(iv).toBe('2026-04-02T23:00:00.000Z');
    await expect(readTagsetCsv(edited(rows, 'Date tagged', '31/02/2026'))).rejects.toThrow(/Row 2, column "Date tagged" \(O\): "31\/02\/2026" is not a date/);
    await expect(readTagsetCsv(edited(rows, 'Date tagged', '13/13/2026'))).rejects.toThrow(/is not a date/);
  });
});

describe('dates in the matrix and the summary, and the UK reader', () => {
  it('writes local dd/mm/yyyy in the evidence matrix and the coverage summary', () => {
    const matrix = evidenceMatrix(SPEC_A.units[0], [item]);
    expect(matrix[0][6]).toBe('03/04/2026');
    // Signed at 23:30 UTC on 31 May is 1 June in London.
    const [row] = summaryRows('Jordan', [{ qualification: 'Q', ref: 'CU1', title: 'T', evidenced: 1, total: 1, achieved: true, signoff: { assessor: 'Sam', signedAt: '2026-05-31T23:30:00.000Z' } }]);
    expect(row.at(-1)).toBe('01/06/2026');
  });

  it('reads day first, to the precision given, and refuses days that do not exist', () => {
    expect(readUkDate('03/04/2026')?.date.toISOString()).toBe('2026-04-02T23:00:00.000Z');
    expect(readUkDate('3/4/26 7:05')).toEqual({ date: new Date(2026, 3, 3, 7, 5), precision: 'minute' });
    expect(readUkDate('29/02/2027')).toBeNull();
    expect(readUkDate('2026-04-03')).toBeNull();
    expect(localDate('2026-01-15T12:00:00.000Z')).toBe('15/01/2026');
    expect(localDateTime('2026-07-15T12:00:00.000Z')).toBe('15/07/2026 13:00');
  });
});
