import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Papa from 'papaparse';
import { indexCatalogue } from './catalogue-index';
import { ImportError } from './errors';
import { readTagsetCsv, tagsetCsv, TAGSET_COLUMNS, type TagsetItem } from './tagset';
import { byId, dataset, SPEC_A, type Dataset } from './test-data';

const catalogue = indexCatalogue([SPEC_A]);

function items(ds: Dataset): TagsetItem[] {
  return ds.mappings.map((mapping) => {
    const passage = ds.passages.find((p) => p.id === mapping.passageId)!;
    const decision = ds.decisions.find((d) => d.target.id === mapping.id);
    return {
      learner: ds.learners.find((l) => l.id === mapping.learnerId)!,
      passage,
      page: ds.pages.find((p) => p.id === passage.pageId)!,
      mapping,
      ...(decision ? { decision } : {}),
    };
  });
}

async function csvOf(ds: Dataset, bom = false): Promise<{ text: string; chunks: number }> {
  let text = '';
  let chunks = 0;
  // Two batches, so the stream really is more than one piece.
  const all = items(ds);
  for await (const c of tagsetCsv([all.slice(0, 2), all.slice(2)], catalogue, { bom, batch: 2 })) {
    text += c;
    chunks++;
  }
  return { text, chunks };
}

const rowsOf = (text: string) => Papa.parse<string[]>(text.replace(/^\ufeff/, ''), { skipEmptyLines: true }).data;

describe('tag-set CSV export', () => {
  const ds: Dataset = {
    learners: [{ id: 'l1', name: 'Jordan, "JJ" Ellis', reference: 'ULN 123', qualificationIds: ['spec-a:600/0000/1'], unitChoices: {}, archived: false, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' }],
    pages: [{ id: 'pg1', url: 'https://portfolio.example/jordan', title: 'Reflective account', kind: 'web', createdAt: '2026-01-02T00:00:00.000Z', updatedAt: '2026-01-02T00:00:00.000Z' }],
    passages: [{ id: 'p1', learnerId: 'l1', pageId: 'pg1', selectors: [{ type: 'TextQuoteSelector', exact: '=1+2' }], quote: '=1+2', createdBy: 'Sam', createdAt: '2026-01-03T10:00:00.000Z', updatedAt: '2026-01-03T10:00:00.000Z' }],
    mappings: [
      { id: 'm1', passageId: 'p1', learnerId: 'l1', criterionId: 'spec-a:CU1:1.2', unitId: 'spec-a:CU1', method: 'Obs', note: 'Line one\nline two', createdBy: 'Sam Assessor', createdAt: '2026-01-03T10:00:00.000Z', updatedAt: '2026-01-03T10:00:00.000Z' },
      { id: 'm2', passageId: 'p1', learnerId: 'l1', criterionId: 'spec-a:CU2:1.1', unitId: 'spec-a:CU2', method: 'Pe', note: '', createdBy: 'Sam Assessor', createdAt: '2026-01-04T10:00:00.000Z', updatedAt: '2026-01-04T10:00:00.000Z' },
    ],
    decisions: [{ id: 'd1', learnerId: 'l1', target: { type: 'mapping', id: 'm1' }, decision: 'refer', reason: 'Needs a date', verifier: 'Ivy IV', createdAt: '2026-02-01T09:00:00.000Z', updatedAt: '2026-02-01T09:00:00.000Z' }],
    signoffs: [],
  };

  it('writes one row per passage x criterion with the words a person reads, and the IV decision', async () => {
    const { text } = await csvOf(ds);
    const [header, ...rows] = rowsOf(text);
    expect(header).toEqual([...TAGSET_COLUMNS]);
    const row = (name: string, r: string[]) => r[header.indexOf(name)];
    expect(rows).toHaveLength(2);
    expect(row('Learner', rows[0])).toBe('Jordan, "JJ" Ellis');
    expect(row('Qualification', rows[0])).toBe('600/0000/1 Level 2 Certificate in Testing');
    expect(row('Unit', rows[0])).toBe('CU1');
    expect(row('Unit title', rows[0])).toBe('Deliver a service, "well"');
    expect(row('Outcome', rows[0])).toBe('1 Understand the customer');
    expect(row('Criterion', rows[0])).toBe('1.2');
    expect(row('Criterion text', rows[0])).toBe("'=Describe risks");
    expect(row('Evidence', rows[0])).toBe("'=1+2");
    expect(row('Note', rows[0])).toBe('Line one\nline two');
    expect(row('IV decision', rows[0])).toBe('Refer back');
    expect(row('IV verifier', rows[0])).toBe('Ivy IV');
    expect(row('IV decision', rows[1])).toBe('');
    expect(row('Unit', rows[1])).toBe('CU2');
  });

  it('quotes as RFC 4180 says: CRLF line ends, quotes doubled, only cells that need it quoted', async () => {
    const { text } = await csvOf(ds);
    expect(text.startsWith('Learner,Learner reference,')).toBe(true);
    expect(text).toContain('\r\n"Jordan, ""JJ"" Ellis",ULN 123,');
    expect(text).toContain('"Line one\nline two"');
    expect(text.endsWith('\r\n')).toBe(true);
  });

  it('starts with a UTF-8 byte-order mark only when asked', async () => {
    expect((await csvOf(ds, true)).text.startsWith('\ufeffLearner,')).toBe(true);
    expect((await csvOf(ds, false)).text.startsWith('Learner,')).toBe(true);
  });

  it('is streamed in chunks, not built as one string', async () => {
    expect((await csvOf(ds)).chunks).toBeGreaterThan(1);
  });
});

describe('tag-set CSV import', () => {
  it('property: random records with hostile text survive export then import unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(dataset, fc.boolean(), async (ds, bom) => {
        const plan = await readTagsetCsv((await csvOf(ds, bom)).text);
        const exportedPassages = new Set(ds.mappings.map((m) => m.passageId));
        const passages = ds.passages.filter((p) => exportedPassages.has(p.id));
        const pageIds = new Set(passages.map((p) => p.pageId));
        expect(byId(plan.mappings)).toEqual(byId(ds.mappings));
        expect(byId(plan.passages)).toEqual(byId(passages));
        expect(byId(plan.pages)).toEqual(byId(ds.pages.filter((p) => pageIds.has(p.id))));
        expect(byId(plan.decisions)).toEqual(byId(ds.decisions));
        const learnerIds = new Set(passages.map((p) => p.learnerId));
        expect(byId(plan.learners).map(({ id, name, reference }) => ({ id, name, reference }))).toEqual(
          byId(ds.learners.filter((l) => learnerIds.has(l.id))).map(({ id, name, reference }) => ({ id, name, reference })),
        );
      }),
      { numRuns: 150 },
    );
  });

  async function rejects(text: string): Promise<string> {
    try {
      await readTagsetCsv(text);
    } catch (e) {
      expect(e).toBeInstanceOf(ImportError);
      return (e as Error).message;
    }
    throw new Error('expected the import to fail');
  }

  it('names the columns a CSV is missing', async () => {
    expect(await rejects('Learner,Unit,Criterion\r\nA,CU1,1.1\r\n')).toMatch(/no "Learner reference", "Qualification".*"Passage record" columns/);
  });

  it('names the row and column of a bad cell', async () => {
    const base = Papa.parse<string[]>((await csvOf({
      learners: [{ id: 'l', name: 'N', qualificationIds: [], unitChoices: {}, archived: false, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' }],
      pages: [{ id: 'pg', url: 'https://x.example/', title: 'T', kind: 'web', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' }],
      passages: [{ id: 'p', learnerId: 'l', pageId: 'pg', selectors: [], quote: 'q', createdBy: 'A', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' }],
      mappings: ['1.1', '1.2'].map((n) => ({ id: `m${n}`, passageId: 'p', learnerId: 'l', criterionId: `spec-a:CU1:${n}`, unitId: 'spec-a:CU1', method: 'Obs' as const, note: '', createdBy: 'A', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' })),
      decisions: [], signoffs: [],
    })).text, { skipEmptyLines: true }).data;
    const edit = (col: string, value: string) => {
      const rows = base.map((r) => [...r]);
      rows[2][rows[0].indexOf(col)] = value;
      return Papa.unparse(rows);
    };
    expect(await rejects(edit('Method', 'Guess'))).toBe('Row 3, column "Method" (L): "Guess" is not an assessment method (Obs, Pe, Q, D, Wt, Sim, R, O).');
    expect(await rejects(edit('Date tagged', 'yesterday'))).toBe('Row 3, column "Date tagged" (O): "yesterday" is not a date and time.');
    expect(await rejects(edit('Mapping ID', ''))).toBe('Row 3, column "Mapping ID" (W) is empty.');
    expect(await rejects(edit('Page URL', 'javascript:alert(1)'))).toBe('Row 3, column "Page URL" (K): "javascript:alert(1)" is not a web address (http, https or file).');
    expect(await rejects(edit('Passage record', '{"selectors":[{}]'))).toMatch(/^Row 3, column "Passage record" \(AA\): not valid JSON/);
    expect(await rejects(edit('Passage record', '{"selectors":[{"type":1}]}'))).toMatch(/^Row 3, column "Passage record" \(AA\): \$\.selectors\[0\]\.type: /);
    const cut = Papa.unparse(base);
    expect(await rejects(cut.slice(0, cut.lastIndexOf('\r\n')) + '\r\n"unclosed,')).toMatch(/^Row 3: a quoted cell is never closed/);
    expect(await rejects(Papa.unparse([...base.slice(0, 2), base[2].slice(0, 5)]))).toBe('Row 3 has 5 cells but the header has 27: the file may be cut short or a cell was split.');
  });
});
