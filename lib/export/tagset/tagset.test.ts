import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Papa from 'papaparse';
import { indexCatalogue } from '../../catalogue/lookup';
import { ImportError } from '../errors';
import { TAGSET_COLUMNS, type TagsetItem } from './rows';
import { tagsetCsv } from './write';
import { readTagsetCsv } from './read';
import type { PassageRecord } from '../../db/records';
import { byId, dataset, nastyText, SPEC_A, type Dataset } from '../../../test/fixtures/export-data';
import { neutraliseCell } from '../formula';
import { illFormedPath } from '../text';
import { localDateTime } from '../dates';
import { criterionNumberOf } from '../../catalogue/ids';

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

/**
 * A plain tag-set writer, the reference the fast one (cells.ts) is held to: each row's
 * cells worked out on their own, the Passage record by JSON.stringify, and the whole
 * table written by papaparse after the formula guard (csv.test.ts holds csvCell to the
 * same). Slow and obvious on purpose.
 */
function plainTagsetCsv(all: readonly TagsetItem[], bom: boolean): string {
  // A row with ill-formed text (a lone surrogate) cannot be written: it is left out (and reported).
  const rows = all.filter((item) => !illFormedPath(item)).map(({ learner, passage, page, mapping, decision }) => {
    const info = catalogue.criterion(mapping.criterionId);
    const unit = info ?? catalogue.unit(mapping.unitId);
    const quals = catalogue.qualificationsOfUnit(mapping.unitId);
    const qual = quals.find((q) => learner.qualificationIds.includes(q.id)) ?? quals[0];
    const quoteAt = passage.selectors.findIndex((x) => x.type === 'TextQuoteSelector' && x.exact === passage.quote);
    const record = {
      selectors: passage.selectors.map((x, i) => {
        if (i !== quoteAt) return x;
        const { exact: _, ...rest } = x;
        return rest;
      }),
      ...(quoteAt < 0 ? {} : { exactIsEvidence: quoteAt }),
      createdBy: passage.createdBy,
      createdAt: passage.createdAt,
      updatedAt: passage.updatedAt,
      page: { kind: page.kind, createdAt: page.createdAt, updatedAt: page.updatedAt },
      ...(mapping.createdAt === passage.createdAt ? {} : { taggedAt: mapping.createdAt }),
      ...(decision ? { decisionCreatedAt: decision.createdAt, decisionUpdatedAt: decision.updatedAt } : {}),
      ...(passage.anchor ? { anchor: passage.anchor } : {}),
    };
    return [
      learner.name, learner.reference ?? '', qual ? `${qual.number} ${qual.title}` : (unit?.spec.title ?? ''), unit?.unit.ref ?? '', unit?.unit.title ?? '',
      info ? `${info.outcome.number} ${info.outcome.title}`.trim() : '', info?.criterion.number ?? criterionNumberOf(mapping.criterionId), info?.criterion.text ?? '',
      passage.quote, page.title, page.url, mapping.method, mapping.note, mapping.createdBy, localDateTime(mapping.createdAt),
      decision ? { agree: 'Agree', refer: 'Refer back' }[decision.decision] : '', decision?.reason ?? '', decision?.verifier ?? '', decision ? localDateTime(decision.createdAt) : '',
      learner.id, page.id, passage.id, mapping.id, mapping.criterionId, decision?.id ?? '', mapping.updatedAt, JSON.stringify(record),
    ];
  });
  const table = [[...TAGSET_COLUMNS], ...rows].map((r) => r.map(neutraliseCell));
  return (bom ? '\ufeff' : '') + Papa.unparse(table, { newline: '\r\n', escapeFormulae: false }) + '\r\n';
}

/** Any UTF-16 text, lone surrogates and control characters included. */
const anyText = fc.string({ unit: fc.nat(0xffff).map((c) => String.fromCharCode(c)), maxLength: 6 });

/** Selectors as a file or an old version may hold them: any keys, any JSON-ish values. */
const oddSelector = fc
  .record({
    type: fc.constantFrom('TextQuoteSelector', 'TextPositionSelector', 'RangeSelector', 'FragmentSelector'),
    fields: fc.dictionary(
      fc.oneof(fc.constantFrom('exact', 'prefix', 'suffix', 'start', '0', '10'), anyText).filter((k) => k !== 'type'),
      fc.oneof(anyText, nastyText, fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.jsonValue({ maxDepth: 2 })),
      { maxKeys: 4 },
    ),
  })
  .map(({ type, fields }) => ({ type, ...fields }));

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

describe('tag-set CSV writer', () => {
  it('property: writes exactly what the plain reference writer writes', async () => {
    await fc.assert(
      fc.asyncProperty(dataset, fc.array(fc.array(oddSelector, { maxLength: 3 }), { maxLength: 8 }), fc.nat(3), fc.boolean(), async (ds, odd, at, bom) => {
        // Odd selectors around the usual ones, so the quote's selector is not always the first.
        ds.passages = ds.passages.map((p, i) => {
          const extra = odd[i] ?? [];
          const k = Math.min(at, extra.length);
          return { ...p, selectors: [...extra.slice(0, k), ...p.selectors, ...extra.slice(k)] };
        });
        expect((await csvOf(ds, bom)).text).toBe(plainTagsetCsv(items(ds), bom));
      }),
      { numRuns: 300 },
    );
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

describe('tag-set Passage record', () => {
  const T = '2026-01-01T00:00:00.000Z';
  const learner = { id: 'l1', name: 'Jordan, "JJ" Ellis', reference: 'ULN 123', qualificationIds: ['spec-a:600/0000/1'], unitChoices: {}, archived: false, createdAt: T, updatedAt: T };
  const page = { id: 'pg1', url: 'https://portfolio.example/jordan', title: 'Reflective account', kind: 'web' as const, createdAt: T, updatedAt: '2026-01-02T00:00:00.000Z' };
  const quote = 'I said "yes", then =SUM(1)';
  const passage: PassageRecord = {
    id: 'p1', learnerId: 'l1', pageId: 'pg1', quote, createdBy: 'Sam', createdAt: T, updatedAt: T, anchor: { status: 'fuzzy', at: T },
    selectors: [{ type: 'TextQuoteSelector', exact: quote, prefix: 'A ', suffix: '' }, { type: 'TextPositionSelector', start: 4, end: 30 }],
  };
  const m1 = { id: 'm1', passageId: 'p1', learnerId: 'l1', criterionId: 'spec-a:CU1:1.1', unitId: 'spec-a:CU1', method: 'Obs' as const, note: 'Seen', createdBy: 'Sam', createdAt: T, updatedAt: T };
  const m2 = { ...m1, id: 'm2', criterionId: 'spec-a:CU2:1.1', unitId: 'spec-a:CU2', note: '' };
  const decision = { id: 'd1', learnerId: 'l1', target: { type: 'mapping' as const, id: 'm2' }, decision: 'agree' as const, reason: '', verifier: 'Ivy', createdAt: '2026-02-01T00:00:00.000Z', updatedAt: '2026-02-02T00:00:00.000Z' };

  // Exported by the version before the quote was left out of the Passage record.
  const EXPORTED_BEFORE =
  "Learner,Learner reference,Qualification,Unit,Unit title,Outcome,Criterion,Criterion text,Evidence,Page title,Page URL,Method,Note,Assessor,Date tagged,IV decision,IV reason,IV verifier,IV date,Learner ID,Page ID,Passage ID,Mapping ID,Criterion ID,IV decision ID,Mapping updated,Passage record\r\n" +
  "\"Jordan, \"\"JJ\"\" Ellis\",ULN 123,600/0000/1 Level 2 Certificate in Testing,CU1,\"Deliver a service, \"\"well\"\"\",1 Understand the customer,1.1,\"Explain needs, wants\",\"I said \"\"yes\"\", then =SUM(1)\",Reflective account,https://portfolio.example/jordan,Obs,Seen,Sam,2026-01-01T00:00:00.000Z,,,,,l1,pg1,p1,m1,spec-a:CU1:1.1,,2026-01-01T00:00:00.000Z,\"{\"\"selectors\"\":[{\"\"type\"\":\"\"TextQuoteSelector\"\",\"\"exact\"\":\"\"I said \\\"\"yes\\\"\", then =SUM(1)\"\",\"\"prefix\"\":\"\"A \"\",\"\"suffix\"\":\"\"\"\"},{\"\"type\"\":\"\"TextPositionSelector\"\",\"\"start\"\":4,\"\"end\"\":30}],\"\"createdBy\"\":\"\"Sam\"\",\"\"createdAt\"\":\"\"2026-01-01T00:00:00.000Z\"\",\"\"updatedAt\"\":\"\"2026-01-01T00:00:00.000Z\"\",\"\"page\"\":{\"\"kind\"\":\"\"web\"\",\"\"createdAt\"\":\"\"2026-01-01T00:00:00.000Z\"\",\"\"updatedAt\"\":\"\"2026-01-02T00:00:00.000Z\"\"},\"\"anchor\"\":{\"\"status\"\":\"\"fuzzy\"\",\"\"at\"\":\"\"2026-01-01T00:00:00.000Z\"\"}}\"\r\n" +
  "\"Jordan, \"\"JJ\"\" Ellis\",ULN 123,600/0000/1 Level 2 Certificate in Testing,CU2,Handle complaints,1 Resolve,1.1,Resolve a complaint,\"I said \"\"yes\"\", then =SUM(1)\",Reflective account,https://portfolio.example/jordan,Obs,,Sam,2026-01-01T00:00:00.000Z,Agree,,Ivy,2026-02-01T00:00:00.000Z,l1,pg1,p1,m2,spec-a:CU2:1.1,d1,2026-01-01T00:00:00.000Z,\"{\"\"selectors\"\":[{\"\"type\"\":\"\"TextQuoteSelector\"\",\"\"exact\"\":\"\"I said \\\"\"yes\\\"\", then =SUM(1)\"\",\"\"prefix\"\":\"\"A \"\",\"\"suffix\"\":\"\"\"\"},{\"\"type\"\":\"\"TextPositionSelector\"\",\"\"start\"\":4,\"\"end\"\":30}],\"\"createdBy\"\":\"\"Sam\"\",\"\"createdAt\"\":\"\"2026-01-01T00:00:00.000Z\"\",\"\"updatedAt\"\":\"\"2026-01-01T00:00:00.000Z\"\",\"\"page\"\":{\"\"kind\"\":\"\"web\"\",\"\"createdAt\"\":\"\"2026-01-01T00:00:00.000Z\"\",\"\"updatedAt\"\":\"\"2026-01-02T00:00:00.000Z\"\"},\"\"decisionUpdatedAt\"\":\"\"2026-02-02T00:00:00.000Z\"\",\"\"anchor\"\":{\"\"status\"\":\"\"fuzzy\"\",\"\"at\"\":\"\"2026-01-01T00:00:00.000Z\"\"}}\"\r\n";

  async function exported(p: PassageRecord): Promise<string> {
    let text = '';
    for await (const c of tagsetCsv([[{ learner, passage: p, page, mapping: m1 }, { learner, passage: p, page, mapping: m2, decision }]], catalogue)) text += c;
    return text;
  }

  const records = (text: string) => {
    const [header, ...rows] = rowsOf(text);
    return rows.map((r) => r[header.indexOf('Passage record')]);
  };

  it('reads a file exported before, with the quote in full in the Passage record, into the same records', async () => {
    const before = await readTagsetCsv(EXPORTED_BEFORE);
    const now = await readTagsetCsv(await exported(passage));
    expect(before.passages).toEqual([passage]);
    expect(now).toEqual(before);
    expect(before.decisions).toEqual([decision]);
    expect(byId(before.mappings)).toEqual([m1, m2]);
  });

  it('leaves the quote out of the selector that holds it, and only there: every other cell is as before', async () => {
    const text = await exported(passage);
    const [header, ...rows] = rowsOf(text);
    const [headerBefore, ...rowsBefore] = rowsOf(EXPORTED_BEFORE);
    expect(header).toEqual(headerBefore);
    const record = header.indexOf('Passage record');
    // Issue 13 changed the date columns too: local dd/mm/yyyy HH:MM now, not ISO (dates.test.ts).
    const dates = [header.indexOf('Date tagged'), header.indexOf('IV date')];
    const others = (r: string[]) => r.filter((_, i) => i !== record && !dates.includes(i));
    expect(rows.map(others)).toEqual(rowsBefore.map(others));
    expect(rows.map((r) => dates.map((i) => r[i]))).toEqual(rowsBefore.map((r) => dates.map((i) => (r[i] ? localDateTime(r[i]) : ''))));
    const details = records(text).map((r) => JSON.parse(r));
    expect(details[0].selectors[0]).toEqual({ type: 'TextQuoteSelector', prefix: 'A ', suffix: '' });
    expect(details[0].exactIsEvidence).toBe(0);
    expect(details[1].decisionUpdatedAt).toBe(decision.updatedAt);
    // A selector whose words differ from the Evidence keeps them.
    const other = { ...passage, selectors: [passage.selectors[1], { ...passage.selectors[0], exact: 'other words' }] };
    const kept = JSON.parse(records(await exported(other))[0]);
    expect(kept.selectors[1].exact).toBe('other words');
    expect(kept.exactIsEvidence).toBeUndefined();
    expect((await readTagsetCsv(await exported(other))).passages).toEqual([other]);
  });

  it('writes the record as JSON.stringify would, whatever the selectors hold', async () => {
    const odd = {
      ...passage,
      selectors: [
        { type: 'RangeSelector', startSelector: { type: 'XPathSelector', value: '/p[1]' }, refinedBy: [{ type: 'TextPositionSelector', start: 0, end: -0 }], gone: undefined },
        { type: 'TextQuoteSelector', '0': 'first key', exact: quote, prefix: 'tab\t "q" \\ \u0001 😀 \ud83d\ude00', nothing: null, yes: true, big: 1e21 },
      ],
    };
    const [record] = records(await exported(odd));
    const { exact: _, ...rest } = odd.selectors[1];
    expect(record).toBe(JSON.stringify({
      selectors: [odd.selectors[0], rest], exactIsEvidence: 1, createdBy: 'Sam', createdAt: T, updatedAt: T,
      page: { kind: 'web', createdAt: T, updatedAt: page.updatedAt }, anchor: odd.anchor,
    }));
    const { selectors } = (await readTagsetCsv(await exported(odd))).passages[0];
    expect(selectors).toEqual(JSON.parse(JSON.stringify(odd.selectors)));
    // A lone surrogate (ill-formed text, issue 13) cannot be written: the rows are left out and reported.
    const lone = { ...odd, selectors: [odd.selectors[0], { ...odd.selectors[1], prefix: 'x \ud800' }] };
    const skipped: string[] = [];
    let text = '';
    for await (const c of tagsetCsv([[{ learner, passage: lone, page, mapping: m1 }]], catalogue, { onSkip: (p) => skipped.push(p) })) text += c;
    expect(records(text)).toEqual([]);
    expect(skipped).toEqual([expect.stringMatching(/^mapping "m1" .*: its passage's selectors\[1\]\.prefix holds ill-formed text/)]);
  });

  it('refuses a record whose exactIsEvidence names no selector without its words', async () => {
    const text = await exported(passage);
    const rows = rowsOf(text);
    const col = rows[0].indexOf('Passage record');
    for (const bad of [5, 1, -1]) {
      const edited = rows.map((r) => [...r]);
      const details = JSON.parse(edited[1][col]);
      // Selector 1 given words of its own: there is nowhere left to put the Evidence.
      if (bad === 1) details.selectors[1].exact = 'x';
      details.exactIsEvidence = bad;
      edited[1][col] = JSON.stringify(details);
      await expect(readTagsetCsv(Papa.unparse(edited))).rejects.toThrow(/^Row 2, column "Passage record" \(AA\): \$\.exactIsEvidence: /);
    }
  });
});
