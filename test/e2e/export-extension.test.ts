/**
 * Issue 7 in the built extension, in real Chromium: the options page's Export tab
 * downloads a tag-set CSV (checked with a real CSV parser), and its Import tab takes the
 * Hypothesis baselines through the file picker, after which the overlay anchors their
 * passages exactly on the baseline pages (served on 127.0.0.1, where it is enabled).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import type { BrowserContext, Page } from 'playwright-core';
import { axeViolations } from './axe';
import { launchWithExtension, ROOT, serveStatic, SHARED, type StaticServer } from './harness';
import { extensionReady, paintedTexts } from './overlay-helpers';
import { TAGSET_COLUMNS } from '../../lib/export/tagset/rows';
import type { Catalogue } from '../../lib/catalogue/model';
import { packSheets } from '../../lib/db/sheets';
import type { MappingRecord, PassageRecord } from '../../lib/db/records';

const BASELINES = join(SHARED, 'fixtures', 'hypothesis-baselines');
const catalogue = JSON.parse(readFileSync(join(ROOT, 'data', 'catalogue.json'), 'utf8')) as Catalogue;
const spec = catalogue.specifications[0];
const unit = spec.units[0];
const criteria = unit.outcomes.flatMap((o) => o.criteria).slice(0, 2);

let server: StaticServer;
let context: BrowserContext;
let extensionId: string;
let page: Page;

const T = '2026-01-05T09:30:00.000Z';
const learner = { id: 'l1', name: 'Jordan, "JJ" Ellis', qualificationIds: spec.qualifications.slice(0, 1).map((q) => q.id), unitChoices: {}, archived: false, createdAt: T, updatedAt: T };
const quote = '=HYPERLINK("http://evil.example","click me"), said the page';

/** Writes records into the extension's database with plain IndexedDB (from an extension page). */
async function put(records: Record<string, unknown[]>): Promise<void> {
  await page.evaluate(async (records) => {
    const db = await new Promise<IDBDatabase>((ok, no) => {
      const r = indexedDB.open('evidence-mapper');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => no(r.error);
    });
    const tx = db.transaction(Object.keys(records), 'readwrite');
    for (const [store, rows] of Object.entries(records)) for (const row of rows) tx.objectStore(store).put(row);
    await new Promise((ok, no) => {
      tx.oncomplete = ok;
      tx.onerror = () => no(tx.error);
    });
    db.close();
  }, records);
}

/** The passages stored in the extension's database, with their page's address and anchor status. */
async function passages(): Promise<{ quote: string; pageUrl: string; anchor?: string }[]> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((ok, no) => {
      const r = indexedDB.open('evidence-mapper');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => no(r.error);
    });
    const all = <T,>(store: string) =>
      new Promise<T[]>((ok, no) => {
        const r = db.transaction(store).objectStore(store).getAll();
        r.onsuccess = () => ok(r.result as T[]);
        r.onerror = () => no(r.error);
      });
    const pages = new Map((await all<{ id: string; url: string }>('pages')).map((p) => [p.id, p.url]));
    // Passages are stored in one sheet per learner and page (lib/db/stored.ts).
    const stored = (await all<{ passages: { quote: string; pageId: string; anchor?: { status: string } }[] }>('sheets')).flatMap((s) => s.passages);
    const out = stored.map((p) => ({ quote: p.quote, pageUrl: pages.get(p.pageId) ?? '', anchor: p.anchor?.status }));
    db.close();
    return out;
  });
}

async function options(tab: 'Export' | 'Import'): Promise<void> {
  // A fresh load each time, so the panels start from nothing.
  await page.goto('about:blank');
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await page.getByRole('tab', { name: tab }).click();
  await page.getByRole('heading', { name: tab }).waitFor();
}

beforeAll(async () => {
  server = await serveStatic(BASELINES, (_p, html) => html.replace(/<script\b/gi, '<script type="text/inert"'));
  ({ context, extensionId } = await launchWithExtension());
  await extensionReady(context);
  page = await context.newPage();
  await options('Export');
  await put({ learners: [learner] });
});

afterAll(async () => {
  await context?.close();
  await server?.close();
});

describe('options page, Export tab', () => {
  it('downloads the tag-set CSV, which a real CSV parser reads with the catalogue words and the formula guarded', async () => {
    const pageRecord = { id: 'pg1', url: 'https://portfolio.example/a', title: 'Reflective account', kind: 'web' as const, createdAt: T, updatedAt: T };
    const passage: PassageRecord = { id: 'p1', learnerId: 'l1', pageId: 'pg1', selectors: [{ type: 'TextQuoteSelector', exact: quote }], quote, createdBy: 'Sam', createdAt: T, updatedAt: T };
    const mappings: MappingRecord[] = criteria.map((c) => ({
      id: `p1|${c.id}`, passageId: 'p1', learnerId: 'l1', criterionId: c.id, unitId: c.id.slice(0, c.id.lastIndexOf(':')), method: 'Obs', note: 'line one\nline two', createdBy: 'Sam Assessor', createdAt: T, updatedAt: T,
    }));
    // Stored as the extension stores them: the passage and its mappings in the learner's sheet for the page.
    await put({ pages: [pageRecord], sheets: packSheets([passage], mappings) });
    await options('Export');
    await page.getByRole('radio', { name: /Tag set \(CSV\)/ }).check();
    await page.getByRole('combobox', { name: /^Learner\b/ }).selectOption({ label: learner.name });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^tag-set-jordan-jj-ellis-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text.startsWith('\ufeff')).toBe(true);
    const [header, ...rows] = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
    expect(header).toEqual([...TAGSET_COLUMNS]);
    expect(rows).toHaveLength(criteria.length);
    const cell = (r: string[], name: string) => r[header.indexOf(name)];
    expect(rows.map((r) => cell(r, 'Criterion ID')).sort()).toEqual(criteria.map((c) => c.id).sort());
    for (const r of rows) {
      const c = criteria.find((x) => x.id === cell(r, 'Criterion ID'))!;
      expect(cell(r, 'Learner')).toBe(learner.name);
      expect(cell(r, 'Unit')).toBe(unit.ref);
      expect(cell(r, 'Unit title')).toBe(unit.title);
      expect(cell(r, 'Criterion')).toBe(c.number);
      expect(cell(r, 'Evidence')).toBe(`'${quote}`);
      expect(cell(r, 'Note')).toBe('line one\nline two');
    }
  });
});

describe('accessibility', () => {
  it('the Export and Import tabs have no serious or critical axe violations, in each state a user meets', async () => {
    await options('Export');
    for (const kind of [/Tag set/, /Evidence matrix/, /Coverage summary/, /Backup/]) {
      await page.getByRole('radio', { name: kind }).check();
      expect(await axeViolations(page), String(kind)).toEqual([]);
    }
    await options('Import');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel(/A backup \(\.json\), Hypothesis annotations/).setInputFiles(join(BASELINES, 'minimal.json'));
    await page.getByText('minimal.json: Hypothesis annotations.').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel(/A backup \(\.json\), Hypothesis annotations/).setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"rows": [') });
    await page.getByRole('alert').waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });
});

describe('options page, Import tab', () => {
  for (const name of ['minimal', 'wikipedia-regression-testing']) {
    it(`imports ${name}.json from Hypothesis, and the overlay anchors its passages on the page`, async () => {
      const file = join(BASELINES, `${name}.json`);
      const rows = JSON.parse(readFileSync(file, 'utf8')).rows as { target: { selector: { type: string; exact?: string }[] }[] }[];
      const quotes = rows.map((r) => r.target[0].selector.find((s) => s.type === 'TextQuoteSelector')!.exact!);
      await options('Import');
      await page.getByLabel(/A backup \(\.json\), Hypothesis annotations/).setInputFiles(file);
      await page.getByText(`${name}.json: Hypothesis annotations.`).waitFor();
      await page.getByLabel('Learner these annotations are evidence for').selectOption({ label: learner.name });
      // The annotations were made on the page now served here, so its address is given.
      await page.getByLabel(/Address of the page they were made on/).fill(`${server.url}/${name}.html`);
      await page.getByRole('button', { name: 'Import' }).click();
      await page.getByText('Imported the Hypothesis annotations.').waitFor();

      // The overlay anchors the page's stored passages, records how each anchored, and paints
      // them (grey, untagged) on their exact words, ready to tag.
      const site = await context.newPage();
      await site.goto(`${server.url}/${name}.html`);
      await expect
        .poll(async () => (await passages()).filter((p) => p.pageUrl === `${server.url}/${name}.html`).map((p) => `${p.quote}: ${p.anchor ?? 'not yet'}`).sort(), { timeout: 20_000 })
        .toEqual(quotes.map((q) => `${q}: exact`).sort());
      expect(await paintedTexts(site)).toEqual([...quotes].sort());
      await site.close();
    });
  }
});
