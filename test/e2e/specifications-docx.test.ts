/**
 * Issue 16's done-when, in the built extension: a Word specification (.docx, its learning
 * outcomes and criteria in a table, the outcome cell merged down over its criteria rows, as
 * specifications lay them out; made in the test from a hand-checked text fixture) chosen on
 * the Specifications tab is reviewed beside its source lines, saved, and on the demo
 * portfolio a passage is tagged with one of its criteria found by words in the palette; the
 * side panel counts it. A PDF of another fixture (tables, running header and footer) goes
 * through the same screen. A specification defining two qualifications (an Award and a
 * Certificate, each with its own rules of combination) is reviewed one qualification at a
 * time and saves both.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { axeViolations } from './axe';
import { ROOT, type StaticServer } from './harness';
import { overlayUi, selectText } from './overlay-helpers';
import { closeSpecSession, criterionText, openSpecSession, panelCoverage, type SpecSession } from './spec-session';
import { importText } from '../../lib/catalogue/import/index';
import { pageOfUnit, specDocx, specPdf } from '../fixtures/spec-documents';

const SPECS = join(ROOT, 'test', 'fixtures', 'specs');
const QUAL = 'Level 3 Diploma in Business Administration (Word)';

interface Expected {
  units: { ref: string; outcomes: { number: string; criteria: [string, string][] }[] }[];
}

/** A text fixture as a document: its units read from the text, laid out in tables. */
function unitsOf(stem: string, ext: string) {
  return importText(readFileSync(join(SPECS, `${stem}.${ext}`), 'utf8'), `${stem}.${ext}`).specification.units.map((u) => pageOfUnit(u));
}
const expected = (stem: string) => JSON.parse(readFileSync(join(SPECS, `${stem}.expected.json`), 'utf8')) as Expected;
const criteriaCount = (e: Expected) => e.units.reduce((n, u) => n + u.outcomes.reduce((m, o) => m + o.criteria.length, 0), 0);

let session: SpecSession | undefined;
let server: StaticServer;
let context: BrowserContext;
let extensionId: string;
let options: Page;
let portfolio: Page;
let specId = '';

beforeAll(async () => {
  session = await openSpecSession();
  ({ server, context, extensionId, options, portfolio } = session);
});
afterAll(() => closeSpecSession(session));


describe('importing a Word specification through the options page', () => {
  it('reads the .docx tables into units and criteria shown beside the source lines, and saves them', async () => {
    const stem = 'business-admin-l3-units';
    const docx = await specDocx('Level 3 Diploma in Business Administration', unitsOf(stem, 'md'));
    const want = expected(stem);
    await options.goto(`chrome-extension://${extensionId}/options.html#specifications`);
    await options.getByLabel('Choose a specification file, or drop one here').setInputFiles({
      name: 'business-admin-l3.docx',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      buffer: Buffer.from(docx),
    });
    await expect.poll(() => options.getByRole('heading', { name: 'Review business-admin-l3.docx' }).isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await options.getByRole('alert').count()).toBe(0);
    // Every unit and criterion of the hand-checked expected output, no more.
    expect(await options.getByRole('combobox', { name: new RegExp(`^Unit \\(${want.units.length} units, ${criteriaCount(want)} criteria\\)`) }).isVisible()).toBe(true);
    expect(await options.getByRole('textbox', { name: 'Unit ref' }).inputValue()).toBe('R/506/1901');
    const u = want.units[0];
    for (const o of u.outcomes) {
      for (const [number, text] of o.criteria) expect(await criterionText(options, number).inputValue()).toBe(text);
    }
    // Choosing a criterion marks the Word file's line it was read from.
    await criterionText(options, '2.3').focus();
    await expect.poll(() => options.locator('.line.current .text').textContent()).toContain('2.3 Describe ways of protecting the security and confidentiality of documents');
    expect(await options.locator('.line.current').first().isVisible()).toBe(true);

    await options.getByRole('textbox', { name: 'Qualification title' }).fill(QUAL);
    await options.getByRole('textbox', { name: /^Qualification number/ }).fill('603/7777/2');
    specId = await options.getByRole('textbox', { name: /^Specification id/ }).inputValue();
    expect(specId).toMatch(/^[a-z0-9-]+$/);
    expect(await axeViolations(options)).toEqual([]);
    await options.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => options.getByRole('heading', { name: /^Saved: / }).isVisible()).toBe(true);
    expect(await options.locator(`li[data-spec-id="${specId}"]`).textContent()).toContain(`${QUAL} (603/7777/2)`);
  });

  it('the palette finds one of its criteria by words and tags a passage with it; the side panel counts it', async () => {
    await portfolio.bringToFront();
    await selectText(portfolio, '#ra-summary');
    await portfolio.keyboard.press('Alt+Shift+T');
    const ui = await overlayUi(portfolio);
    await ui.getByRole('textbox', { name: "Learner's name" }).fill('Robin Ellis');
    await ui.getByRole('checkbox', { name: new RegExp(QUAL.replace(/[()]/g, '\\$&')) }).check();
    await ui.getByRole('button', { name: 'Create learner' }).click();
    const combobox = ui.getByRole('combobox', { name: 'Search criteria by code or words' });
    await combobox.waitFor({ state: 'visible' });
    await combobox.fill('security confidentiality documents');
    await expect.poll(() => ui.getByRole('option').first().getAttribute('data-criterion-id')).toBe(`${specId}:R5061901:2.3`);
    await combobox.press('Enter');
    await combobox.press('Control+Enter');
    await combobox.waitFor({ state: 'detached' });

    expect(await panelCoverage(session!, /^R\/506\/1901$/, '1')).toBe('6');
  });

  it('a PDF specification (tables, running header and footer) goes through the same review and saves', async () => {
    const stem = 'leadership-l3-unit-layout';
    const pdf = await specPdf('Level 3 Award in Leadership', unitsOf(stem, 'txt'), { header: 'Leadership units', footer: 'Version 3' });
    const want = expected(stem);
    await options.bringToFront();
    await options.goto(`chrome-extension://${extensionId}/options.html#specifications`);
    await options.getByLabel('Choose a specification file, or drop one here').setInputFiles({ name: 'leadership-l3.pdf', mimeType: 'application/pdf', buffer: Buffer.from(pdf) });
    await expect.poll(() => options.getByRole('heading', { name: 'Review leadership-l3.pdf' }).isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await options.getByRole('combobox', { name: new RegExp(`^Unit \\(${want.units.length} units?, ${criteriaCount(want)} criteria\\)`) }).isVisible()).toBe(true);
    expect(await options.getByRole('textbox', { name: 'Unit ref' }).inputValue()).toBe(want.units[0].ref);
    for (const o of want.units[0].outcomes) {
      for (const [number, text] of o.criteria) expect(await criterionText(options, number).inputValue()).toBe(text);
    }
    // Choosing a criterion marks the PDF line it was read from.
    const [firstNumber, firstText] = want.units[0].outcomes[0].criteria[0];
    await criterionText(options, firstNumber).focus();
    await expect.poll(() => options.locator('.line.current .text').textContent()).toContain(firstText.split(' ').slice(0, 4).join(' '));
    await options.getByRole('textbox', { name: 'Qualification title' }).fill('Level 3 Award in Leadership (PDF)');
    await options.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => options.getByRole('heading', { name: /^Saved: / }).isVisible()).toBe(true);
  });
});

describe('a specification that defines two qualifications', () => {
  it('reviews the Award and the Certificate each with its rules, switched from the keyboard, and saves both', async () => {
    const name = 'ascentis-l1-introduction-to-customer-service.txt';
    const file = join(mkdtempSync(join(tmpdir(), 'em-multiq-')), name);
    writeFileSync(file, readFileSync(join(ROOT, '..', 'shared', 'specs', name), 'utf8'));
    const AWARD = 'Ascentis Level 1 Award for Introduction to Customer Service (600/1686/3)';
    const CERT = 'Ascentis Level 1 Certificate for Introduction to Customer Service (600/1684/X)';
    await options.bringToFront();
    await options.goto(`chrome-extension://${extensionId}/options.html#specifications`);
    await options.getByLabel('Choose a specification file, or drop one here').setInputFiles(file);
    await expect.poll(() => options.getByRole('heading', { name: `Review ${name}` }).isVisible(), { timeout: 20_000 }).toBe(true);

    const chooser = options.getByRole('combobox', { name: 'Qualification shown' });
    expect(await chooser.locator('option').allTextContents()).toEqual([`1. ${AWARD}`, `2. ${CERT}`]);
    const title = options.getByRole('textbox', { name: 'Qualification title' });
    const minCredits = options.getByRole('spinbutton', { name: 'Minimum credits' });
    expect(await title.inputValue()).toBe('Ascentis Level 1 Award for Introduction to Customer Service');
    expect(await minCredits.inputValue()).toBe('7');
    // The live check follows the qualification shown: its mandatory units are the Award's (one unit), not the Certificate's (two).
    const verdict = options.locator('.check .verdict');
    await options.getByRole('spinbutton', { name: 'Credits of optional units' }).fill('6');
    await expect.poll(() => verdict.textContent()).toMatch(/^With \d+ units/);
    const awardVerdict = await verdict.textContent();

    // Down arrow on the chooser shows the Certificate, with its own fields and rules.
    await chooser.focus();
    await options.keyboard.press('ArrowDown');
    await expect.poll(() => title.inputValue()).toBe('Ascentis Level 1 Certificate for Introduction to Customer Service');
    expect(await options.getByRole('textbox', { name: /^Qualification number/ }).inputValue()).toBe('600/1684/X');
    expect(await minCredits.inputValue()).toBe('13');
    await expect.poll(() => verdict.textContent()).toMatch(/^With \d+ units/);
    expect(await verdict.textContent()).not.toBe(awardVerdict);
    await options.keyboard.press('ArrowUp');
    await expect.poll(() => minCredits.inputValue()).toBe('7');
    await expect.poll(() => verdict.textContent()).toBe(awardVerdict);
    expect(await axeViolations(options)).toEqual([]);

    // A third qualification added without a title stops the save, its problem shown at its own title cell.
    await options.getByRole('button', { name: 'Add a qualification' }).click();
    await expect.poll(() => chooser.locator('option').count()).toBe(3);
    await chooser.focus();
    await options.keyboard.press('ArrowUp');
    await expect.poll(() => minCredits.inputValue()).toBe('13');
    await options.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => chooser.locator('option').nth(2).textContent()).toBe('3. (no title) — has problems');
    expect(await chooser.inputValue()).toBe('2');
    await expect.poll(() => options.evaluate(() => (document.activeElement as HTMLInputElement | null)?.getAttribute('aria-invalid'))).toBe('true');
    expect(await title.getAttribute('aria-invalid')).toBe('true');
    await options.getByRole('button', { name: 'Remove this qualification' }).click();
    expect(await chooser.locator('option').allTextContents()).toEqual([`1. ${AWARD}`, `2. ${CERT}`]);

    const id = await options.getByRole('textbox', { name: /^Specification id/ }).inputValue();
    await options.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => options.getByRole('heading', { name: /^Saved: / }).isVisible()).toBe(true);
    expect(await options.getByRole('status').filter({ hasText: /^Saved/ }).getByRole('listitem').allTextContents()).toEqual([AWARD, CERT]);
    const saved = await options.locator(`li[data-spec-id="${id}"]`).textContent();
    expect(saved).toContain(AWARD);
    expect(saved).toContain(CERT);
  });
});
