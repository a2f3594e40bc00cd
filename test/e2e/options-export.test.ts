/**
 * Issue 7 through the built extension: passages tagged on the demo portfolio leave as a
 * tag-set CSV downloaded from the options page's Export tab, read back with a real CSV
 * parser (papaparse), and an evidence matrix for the unit has the criterion's row filled.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Papa from 'papaparse';
import { launchWithExtension, ROOT, serveStatic, type StaticServer } from './harness';
import { extensionReady, overlayUi, selectText } from './overlay-helpers';

let server: StaticServer;
let context: BrowserContext;
let extensionId: string;
let quote: string;

beforeAll(async () => {
  server = await serveStatic(join(ROOT, 'test', 'demo-portfolio'));
  ({ context, extensionId } = await launchWithExtension());
  await extensionReady(context);
  const page = await context.newPage();
  await page.goto(`${server.url}/index.html`);
  quote = (await selectText(page, '#ra-body-language', 0, 120)).trim();
  await page.keyboard.press('Alt+Shift+T');
  const ui = await overlayUi(page);
  await ui.getByRole('textbox', { name: "Learner's name" }).fill('Jordan Ellis');
  await ui.getByRole('checkbox', { name: /EDI Level 2/ }).check();
  await ui.getByRole('button', { name: 'Create learner' }).click();
  const combobox = ui.getByRole('combobox', { name: 'Search criteria by code or words' });
  await combobox.fill('CU795 1.8');
  await ui.locator('[role="option"][data-criterion-id="edi-l2:CU795:1.8"]').click();
  await ui.getByRole('textbox', { name: 'Note (optional)' }).fill('=HYPERLINK("x") read, "quoted", her mood');
  await combobox.press('Control+Enter');
  await combobox.waitFor({ state: 'detached' });
});
afterAll(async () => {
  await context?.close();
  await server?.close();
});

async function download(page: Page): Promise<string> {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download' }).click()]);
  return readFile((await dl.path())!, 'utf8');
}

describe('export from the options page', () => {
  it('downloads the tag set as CSV that a CSV parser reads back with the quote, criterion, method and a defused note', async () => {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/options.html#export`);
    await page.getByRole('radio', { name: /Tag set/ }).check();
    const csv = await download(page);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const parsed = Papa.parse<Record<string, string>>(csv.slice(1), { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toHaveLength(1);
    const row = parsed.data[0];
    const values = Object.values(row);
    expect(values).toContain(quote);
    expect(values).toContain('Jordan Ellis');
    expect(values.some((v) => v === '1.8')).toBe(true);
    expect(values.some((v) => v.startsWith("'=HYPERLINK"))).toBe(true);
    await page.screenshot({ path: join(ROOT, 'test', 'screenshots', 'options-export.png') });
  });

  it('downloads the evidence matrix for the unit, the tagged criterion filled and the others blank', async () => {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/options.html#export`);
    await page.getByRole('radio', { name: /Evidence matrix/ }).check();
    const selects = page.locator('select');
    await selects.first().selectOption({ label: 'Jordan Ellis' });
    const unitSelect = page.locator('select').filter({ has: page.locator('option', { hasText: 'CU795' }) }).last();
    await unitSelect.selectOption({ label: (await unitSelect.locator('option', { hasText: 'CU795' }).first().textContent())!.trim() });
    const csv = await download(page);
    const rows = Papa.parse<string[]>(csv.replace(/^\ufeff/, ''), { skipEmptyLines: true }).data;
    const filled = rows.filter((r) => r.some((c) => c.includes('1.8')) && r.some((c) => /Obs|Observation/.test(c)));
    expect(filled.length).toBeGreaterThanOrEqual(1);
    // 22 criteria in CU795: one row each, only one with evidence.
    const criterionRows = rows.filter((r) => r.some((c) => /^\d\.\d+$/.test(c)));
    expect(criterionRows).toHaveLength(22);
  });

  it('a backup leaves out a learner no file can hold (a lone surrogate in its id), says so, and writes the rest', async () => {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/options.html#export`);
    // As an older version could import it (issue 13): then every backup failed with "URI malformed".
    await page.evaluate(
      () =>
        new Promise<void>((ok, fail) => {
          const open = indexedDB.open('evidence-mapper');
          open.onerror = () => fail(open.error);
          open.onsuccess = () => {
            const lone = String.fromCharCode(0xd800);
            const t = open.result.transaction('learners', 'readwrite');
            const now = new Date().toISOString();
            t.objectStore('learners').put({ id: `bad${lone}`, name: `Bad ${lone}`, qualificationIds: [], unitChoices: {}, archived: false, createdAt: now, updatedAt: now });
            t.oncomplete = () => (open.result.close(), ok());
            t.onerror = () => fail(t.error);
          };
        }),
    );
    await page.getByRole('radio', { name: /Backup of everything/ }).check();
    const json = await download(page);
    const alert = page.locator('.problems[role="alert"]');
    await expect.poll(() => alert.textContent()).toMatch(/^\s*1 record could not be written: learner "Bad \ufffd" \(id "bad\ufffd"\): its id holds ill-formed text/);
    const doc = JSON.parse(json);
    expect(doc.learners.map((l: { name: string }) => l.name)).toEqual(['Jordan Ellis']);
    expect(doc.annotations.total).toBe(1);
  });
});
