import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readHypothesis, stableUuid, type HypothesisOptions } from './hypothesis';
import { ImportError } from './errors';

const BASELINES = resolve(import.meta.dirname, '..', '..', '..', 'shared', 'fixtures', 'hypothesis-baselines');
const load = (name: string) => JSON.parse(readFileSync(resolve(BASELINES, name), 'utf8'));
const options: HypothesisOptions = { learnerId: 'l1', assessor: 'Sam Assessor', now: new Date('2026-03-01T00:00:00Z') };

async function rejects(value: unknown, opts = options): Promise<string> {
  try {
    await readHypothesis(value, opts);
  } catch (e) {
    expect(e).toBeInstanceOf(ImportError);
    return (e as Error).message;
  }
  throw new Error('expected the import to fail');
}

describe('Hypothesis import', () => {
  it('turns each quoted annotation of the Wikipedia baseline into a passage with its selectors and no criteria', async () => {
    const file = load('wikipedia-regression-testing.json');
    const plan = await readHypothesis(file, options);
    expect(plan.mappings).toEqual([]);
    expect(plan.passages).toHaveLength(file.rows.length);
    expect(plan.pages).toEqual([expect.objectContaining({ url: 'https://en.wikipedia.org/wiki/Regression_testing', title: 'Regression testing - Wikipedia', kind: 'web' })]);
    const first = plan.passages[0];
    expect(first.quote).toBe('11 November 2016');
    // The quote and position carry over; Hypothesis's XPath RangeSelector does not (see carried()).
    const given = file.rows[0].target[0].selector as { type: string }[];
    expect(first.selectors).toEqual(given.filter((s) => s.type !== 'RangeSelector'));
    expect(first.selectors.map((s) => s.type).sort()).toEqual(['TextPositionSelector', 'TextQuoteSelector']);
    expect(first.learnerId).toBe('l1');
    expect(first.createdBy).toBe('mark@localhost');
    expect(first.createdAt).toBe('2016-12-16T11:24:14.673Z');
    expect(first.pageId).toBe(plan.pages[0].id);
  });

  it('gives the same ids every time, so a second import adds nothing; another learner gets other passages', async () => {
    const file = load('wikipedia-regression-testing.json');
    const a = await readHypothesis(file, options);
    const b = await readHypothesis(file, options);
    expect(b.passages.map((p) => p.id)).toEqual(a.passages.map((p) => p.id));
    const other = await readHypothesis(file, { ...options, learnerId: 'l2' });
    expect(other.passages.map((p) => p.id).some((id) => a.passages.some((p) => p.id === id))).toBe(false);
    expect(await stableUuid('x')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('asks for the page address when the file has none (the minimal baseline), and uses it when given', async () => {
    const file = load('minimal.json');
    expect(await rejects(file)).toBe("$.rows[0].uri: the annotation does not say which page it is on; enter the page's address and import again.");
    const plan = await readHypothesis(file, { ...options, pageUrl: 'http://127.0.0.1:8080/minimal.html#x' });
    expect(plan.pages[0].url).toBe('http://127.0.0.1:8080/minimal.html');
    expect(plan.passages[0].quote).toBe('Two');
    expect(plan.passages[0].createdBy).toBe('Sam Assessor');
  });

  it('clips quote context to 200 characters, as the overlay protocol allows', async () => {
    const file = load('minimal.json');
    file.rows[0].target[0].selector[2].prefix = 'p'.repeat(300);
    const plan = await readHypothesis(file, { ...options, pageUrl: 'http://x.example/' });
    expect(plan.passages[0].selectors.find((s) => s.type === 'TextQuoteSelector')).toEqual({ type: 'TextQuoteSelector', exact: 'Two', prefix: 'p'.repeat(200), suffix: ' Three\n' });
  });

  it('names the JSON path of a malformed selector', async () => {
    const file = load('minimal.json');
    file.rows[0].target[0].selector[1].start = 'four';
    expect(await rejects(file, { ...options, pageUrl: 'http://x.example/' })).toMatch(/^\$\.rows\[0\]\.target\[0\]\.selector\[1\]\.start: /);
  });

  it('skips page notes (no quote) with a warning, and refuses a file of nothing but notes', async () => {
    const note = { id: 'n1', uri: 'https://x.example/', target: [{ source: 'https://x.example/' }] };
    const file = load('wikipedia-regression-testing.json');
    const plan = await readHypothesis({ rows: [...file.rows, note] }, options);
    expect(plan.passages).toHaveLength(file.rows.length);
    expect(plan.warnings).toEqual([`$.rows[${file.rows.length}].target[0]: skipped, it quotes no words (a page note).`]);
    expect(await rejects({ rows: [note] })).toMatch(/no annotations that quote words/);
  });

  it('a PDF annotation known by its urn:x-pdf: fingerprint goes to the PDF’s URL from its links, as a pdf page, with its page selector', async () => {
    const plan = await readHypothesis({ total: 1, rows: [{
      id: 'a1', uri: 'urn:x-pdf:abc123',
      document: { title: ['Statement'], link: [{ href: 'urn:x-pdf:abc123' }, { href: 'https://portfolio.example/files/statement.pdf' }] },
      target: [{ source: 'urn:x-pdf:abc123', selector: [{ type: 'TextQuoteSelector', exact: 'greet Mrs Patel' }, { type: 'TextPositionSelector', start: 84, end: 99 }, { type: 'PageSelector', index: 0, label: '1' }] }],
    }] }, options);
    expect(plan.pages).toEqual([expect.objectContaining({ url: 'https://portfolio.example/files/statement.pdf', kind: 'pdf', title: 'Statement' })]);
    expect(plan.passages[0].selectors).toEqual([{ type: 'TextQuoteSelector', exact: 'greet Mrs Patel' }, { type: 'TextPositionSelector', start: 84, end: 99 }, { type: 'PageSelector', index: 0, label: '1' }]);
  });
});
