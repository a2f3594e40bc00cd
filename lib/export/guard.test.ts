/**
 * Every CSV this tool writes (tag set, evidence matrix, coverage summary) goes through one
 * formula guard: no cell a spreadsheet reads may start with = + - @ tab CR LF (OWASP's CSV
 * injection list) or NUL (OWASP ASVS 5.0, 1.2.10), and the tag-set reader reads back what
 * the writer guarded.
 */
import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { csvChunks } from './csv';
import { evidenceMatrix, MATRIX_COLUMNS } from './matrix';
import { summaryRows, SUMMARY_COLUMNS } from './summary';
import { tagsetCsv } from './tagset/write';
import { readTagsetCsv } from './tagset/read';
import { indexCatalogue } from '../catalogue/lookup';
import type { Unit } from '../catalogue/model';
import type { TagsetItem } from './tagset/rows';
import { SPEC_A } from '../../test/fixtures/export-data';

const TRIGGERS = ['=', '+', '-', '@', '\t', '\r', '\n', '\0'];
/** Each trigger before a formula, also after apostrophes (so the guard must still be undone exactly). */
const HOSTILE = TRIGGERS.flatMap((t) => [`${t}1+1`, `${t}=1+1`, `'${t}=1+1`]);
const UNSAFE = /^[=+\-@\t\r\n\0]/;

async function text(chunks: AsyncIterable<string>): Promise<string> {
  let s = '';
  for await (const c of chunks) s += c;
  return s;
}

function unsafeCells(csv: string): string[] {
  const rows = Papa.parse<string[]>(csv, { skipEmptyLines: true }).data;
  return rows.flat().filter((c) => UNSAFE.test(c));
}

const T = '2026-01-01T00:00:00.000Z';

function item(hostile: string, n: number): TagsetItem {
  const learner = { id: `l${n}`, name: hostile, reference: hostile, qualificationIds: ['spec-a:600/0000/1'], unitChoices: {}, archived: false, createdAt: T, updatedAt: T };
  const page = { id: `pg${n}`, url: `https://p.example/${n}`, title: hostile, kind: 'web' as const, createdAt: T, updatedAt: T };
  const passage = { id: `p${n}`, learnerId: learner.id, pageId: page.id, selectors: [{ type: 'TextQuoteSelector', exact: hostile }], quote: hostile, createdBy: hostile, createdAt: T, updatedAt: T };
  const mapping = { id: `m${n}`, passageId: passage.id, learnerId: learner.id, criterionId: 'spec-a:CU1:1.1', unitId: 'spec-a:CU1', method: 'Obs' as const, note: hostile, createdBy: hostile, createdAt: T, updatedAt: T };
  const decision = { id: `d${n}`, learnerId: learner.id, target: { type: 'mapping' as const, id: mapping.id }, decision: 'agree' as const, reason: hostile, verifier: hostile, createdAt: T, updatedAt: T };
  return { learner, page, passage, mapping, decision };
}

describe('the formula guard, in every CSV export', () => {
  it('tag set: no hostile cell starts with a trigger, and the reader brings each back exactly', async () => {
    const items = HOSTILE.map(item);
    const csv = await text(tagsetCsv([items], indexCatalogue([SPEC_A])));
    expect(unsafeCells(csv)).toEqual([]);
    const plan = await readTagsetCsv(csv);
    expect(plan.passages.map((p) => p.quote)).toEqual(HOSTILE);
    expect(plan.mappings.map((m) => m.note)).toEqual(HOSTILE);
    expect(plan.learners.map((l) => l.name)).toEqual(HOSTILE);
    expect(plan.decisions.map((d) => d.reason)).toEqual(HOSTILE);
  });

  it('evidence matrix: a hostile outcome, criterion or text (an imported specification) is guarded', async () => {
    const unit: Unit = {
      ...SPEC_A.units[0],
      outcomes: HOSTILE.map((h, i) => ({ number: h, title: '', criteria: [{ id: `spec-a:CU1:${i}`, number: h, text: h }] })),
    };
    const csv = await text(csvChunks(MATRIX_COLUMNS, [evidenceMatrix(unit, [])]));
    expect(unsafeCells(csv)).toEqual([]);
  });

  it('coverage summary: a learner named "\\n=1+1" (and every other trigger) is guarded', async () => {
    for (const h of HOSTILE) {
      const rows = summaryRows(h, [{ qualification: h, ref: h, title: h, evidenced: 1, total: 2, achieved: false, signoff: { assessor: h, signedAt: T } }]);
      const csv = await text(csvChunks(SUMMARY_COLUMNS, [rows]));
      expect(unsafeCells(csv), JSON.stringify(h)).toEqual([]);
    }
  });
});
