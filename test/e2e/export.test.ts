/**
 * Issue 7 in real Chromium, through the export and import panels (mounted on a test page
 * served from 127.0.0.1, see export-fixture/): the tag-set CSV is downloaded through the
 * UI and checked with a real CSV parser, then imported back; the Hypothesis baselines are
 * imported through the file picker and their passages anchor on their pages; a bad file
 * gets its message and changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser, serveStatic, SHARED, type StaticServer } from './harness';
import { fixtureBundle } from './export-fixture/bundle';
import type * as Fixture from './export-fixture/main';
import { SPEC_A } from '../fixtures/catalogue';
import { TAGSET_COLUMNS } from '../../lib/export/tagset/rows';
import { VERSIONS } from '../../lib/db/schema';

declare global {
  interface Window {
    ExportFixture: typeof Fixture;
  }
}

const BASELINES = join(SHARED, 'fixtures', 'hypothesis-baselines');
let server: StaticServer;
let context: BrowserContext;
let page: Page;
let bundle: string;

const T = '2026-01-05T09:30:00.000Z';
const learners = [
  { id: 'l1', name: 'Jordan, "JJ" Ellis', qualificationIds: ['spec-a:600/0000/1'], unitChoices: {}, archived: false, createdAt: T, updatedAt: T },
  { id: 'l2', name: 'مريم 😀', qualificationIds: [], unitChoices: {}, archived: false, createdAt: T, updatedAt: T },
];
const pages = [{ id: 'pg1', url: 'https://portfolio.example/a', title: 'Reflective account, week 1', kind: 'web', createdAt: T, updatedAt: T }];
const quotes = ['=HYPERLINK("http://evil.example","click")', 'I said: "hello,\nhow can I help?"', '+44 7700 900123', '\tindented', 'שלום, עולם'];
const passages = quotes.map((quote, i) => ({
  id: `p${i}`, learnerId: i % 2 ? 'l2' : 'l1', pageId: 'pg1', selectors: [{ type: 'TextQuoteSelector', exact: quote }], quote, createdBy: 'Sam', createdAt: T, updatedAt: T,
}));
const mappings = passages.flatMap((p, i) =>
  ['spec-a:CU1:1.1', 'spec-a:CU2:1.1'].slice(0, 1 + (i % 2)).map((criterionId) => ({
    id: `${p.id}|${criterionId}`, passageId: p.id, learnerId: p.learnerId, criterionId, unitId: criterionId.slice(0, criterionId.lastIndexOf(':')),
    method: 'Obs' as const, note: i === 0 ? '@note, with "quotes"' : '', createdBy: 'Sam Assessor', createdAt: T, updatedAt: T,
  })),
);
const decisions = [{ id: 'd1', learnerId: 'l1', target: { type: 'mapping', id: mappings[0].id }, decision: 'refer', reason: 'Whose words?', verifier: 'Ivy IV', createdAt: T, updatedAt: T }];

async function openFixture(): Promise<void> {
  await page.goto(`${server.url}/fixture.html`);
  await page.getByRole('heading', { name: 'Export' }).waitFor();
}

beforeAll(async () => {
  bundle = await fixtureBundle();
  // Keep script elements of the baselines (their text counts in textContent offsets) but never run them.
  server = await serveStatic(BASELINES, (_p, html) => html.replace(/<script\b/gi, '<script type="text/inert"'));
  context = await launchBrowser();
  await context.route(`${server.url}/fixture.html`, (route) =>
    route.fulfill({ contentType: 'text/html', body: `<!doctype html><html lang="en"><meta charset="utf-8"><title>Export fixture</title><main id="app"></main><script>${bundle.replace(/<\/script/gi, '<\\/script')}</script></html>` }),
  );
  page = await context.newPage();
});

afterAll(async () => {
  await context?.close();
  await server?.close();
});

describe('tag-set CSV through the UI', () => {
  it('downloads the CSV, which a real CSV parser reads back with every row, guarded cell and the IV decision', async () => {
    await openFixture();
    await page.evaluate(({ spec, records }) => window.ExportFixture.seed([spec], records), { spec: SPEC_A, records: { learners, pages, passages, mappings, decisions } });
    await page.getByRole('radio', { name: /Tag set \(CSV\)/ }).check();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^tag-set-all-learners-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text.startsWith('\ufeff')).toBe(true);
    const [header, ...rows] = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
    expect(header).toEqual([...TAGSET_COLUMNS]);
    expect(rows).toHaveLength(mappings.length);
    const col = (name: string) => header.indexOf(name);
    const byMapping = new Map(rows.map((r) => [r[col('Mapping ID')], r]));
    for (const m of mappings) {
      const r = byMapping.get(m.id)!;
      const quote = passages.find((p) => p.id === m.passageId)!.quote;
      // Cells a spreadsheet would run get a leading apostrophe; nothing else changes.
      expect(r[col('Evidence')]).toBe(/^[=+\-@\t\r]/.test(quote) ? `'${quote}` : quote);
      expect(r[col('Learner')]).toBe(learners.find((l) => l.id === m.learnerId)!.name);
    }
    expect(byMapping.get(mappings[0].id)![col('IV decision')]).toBe('Refer back');
    expect(byMapping.get(mappings[0].id)![col('Note')]).toBe("'@note, with \"quotes\"");
    await expect.poll(() => page.getByRole('status').first().textContent()).toMatch(/^Saved tag-set-all-learners/);

    // The same file, imported into an emptied database, brings the records back.
    const before = await page.evaluate(() => window.ExportFixture.dump());
    await page.evaluate(() => window.ExportFixture.clear());
    await page.getByLabel(/A backup \(\.json\), Hypothesis annotations/).setInputFiles({ name: 'tags.csv', mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });
    await page.getByRole('button', { name: 'Import' }).click();
    await page.getByText('Imported the tag-set CSV.').waitFor();
    const after = await page.evaluate(() => window.ExportFixture.dump());
    expect(after.passages).toEqual(before.passages);
    expect(after.mappings).toEqual(before.mappings);
    expect(after.decisions).toEqual(before.decisions);
  });

  it('a bad file gets its message and changes nothing', async () => {
    await openFixture();
    const before = await page.evaluate(() => window.ExportFixture.dump());
    const input = page.getByLabel(/A backup \(\.json\), Hypothesis annotations/);
    await input.setInputFiles({ name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.alloc(0) });
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('empty.csv cannot be imported. The file is empty. Nothing was imported.');
    await input.setInputFiles({ name: 'cut.json', mimeType: 'application/json', buffer: Buffer.from('{"formatVersion":1,"learners":[{"id":"x"') });
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/cut short: it ends inside \$\.learners\[0\]/);
    expect(await page.evaluate(() => window.ExportFixture.dump())).toEqual(before);
  });
});

describe('Hypothesis annotations through the UI', () => {
  for (const name of ['minimal', 'wikipedia-regression-testing']) {
    it(`imports ${name}.json as passages that anchor on the page`, async () => {
      await openFixture();
      await page.evaluate(() => window.ExportFixture.clear());
      await page.evaluate(({ spec, records }) => window.ExportFixture.seed([spec], records), { spec: SPEC_A, records: { learners } });
      const file = join(BASELINES, `${name}.json`);
      const rows = JSON.parse(readFileSync(file, 'utf8')).rows as unknown[];
      await page.getByLabel(/A backup \(\.json\), Hypothesis annotations/).setInputFiles(file);
      await page.getByText(`${name}.json: Hypothesis annotations.`).waitFor();
      await page.getByLabel('Learner these annotations are evidence for').selectOption({ label: learners[0].name });
      // The annotations were made on the page now served here, so its address is given.
      await page.getByLabel(/Address of the page they were made on/).fill(`${server.url}/${name}.html`);
      await page.getByRole('button', { name: 'Import' }).click();
      await page.getByText('Imported the Hypothesis annotations.').waitFor();
      expect(await page.getByRole('row', { name: /passages/ }).textContent()).toBe(`passages${rows.length}00`);

      await page.goto(`${server.url}/${name}.html`, { waitUntil: 'domcontentloaded' });
      await page.addScriptTag({ content: bundle });
      const anchored = await page.evaluate(() => window.ExportFixture.anchorStored());
      expect(anchored).toHaveLength(rows.length);
      for (const a of anchored) {
        expect(a.status).toBe('exact');
        expect(a.found).toBe(a.quote);
      }
    });
  }
});

describe('the database upgrade in real IndexedDB', () => {
  it('moves version 1\'s passages and mappings into sheets, every field kept, and drops the old stores', async () => {
    await openFixture();
    const result = await page.evaluate(({ passages, mappings }) => window.ExportFixture.migrateFromVersion1('migration-check', passages, mappings), { passages, mappings });
    // The upgrade runs through every later version too (4 added the quarantine of issue 13).
    expect(result.version).toBe(VERSIONS[VERSIONS.length - 1].version);
    expect(result.stores).not.toContain('mappings');
    expect(result.stores).not.toContain('passages');
    const byId = <T extends { id: string }>(list: T[]) => [...list].sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(result.evidence.passages).toEqual(byId(passages));
    expect(result.evidence.mappings).toEqual(byId(mappings));
  });
});
