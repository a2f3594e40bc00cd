/**
 * Issue 16's own test set in every form it asks for: each unit specification of
 * test/fixtures/specs that is a document (care, business administration, hospitality,
 * construction, team leading, leadership, adult care; the CSV template is not one) is
 * rendered from its hand-checked expected units into a Word file (fields table, outcomes
 * and criteria table with the outcome cell merged down) and a PDF (the same tables, running
 * header and footer, tables breaking across pages; and again a unit a page, in 9 pt, the
 * reference labelled "UAN"), and each must import as exactly the units, outcomes and
 * criteria its text form does, the same .expected.json.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { specDocx, specPdf, type UnitPage } from '../../../test/fixtures/spec-documents';
import { importFile } from './index';
import { expectedOf, SPEC_FIXTURES, unitShape, type ExpectedUnit } from '../../../test/fixtures/spec-expected';

const DIR = SPEC_FIXTURES;


/** A unit page as a specification prints it, from the hand-checked expected unit: its reference under a label, lettered criteria as "a)" or "a.". */
function pageOf(u: ExpectedUnit, refLabel = 'Unit reference number', letter = (a: string) => `${a})`): UnitPage {
  const n = (v: unknown) => (v == null ? '' : String(v));
  return {
    fields: [
      ['Title', u.title],
      [refLabel, u.ref],
      ['Level', n(u.level)],
      ['Credit value', n(u.credit)],
      ['Guided learning hours', n(u.glh)],
    ],
    // Criteria numbered by letter or roman numeral are printed "a)" (or as `letter` says), as their text forms print them.
    outcomes: u.outcomes.map((o) => ({ label: `${o.number}. ${o.title}`, criteria: o.criteria.map(([number, text]) => `${/^[a-z]+$/i.test(number) ? letter(number) : number} ${text}`) })),
  };
}

const documents = readdirSync(DIR).filter((f) => !f.endsWith('.expected.json') && !f.endsWith('.csv'));

describe('the fixtures as Word and PDF documents', () => {
  it('covers the seven document fixtures', () => {
    expect(documents.length).toBe(7);
  });

  for (const file of documents) {
    const stem = file.replace(/\.[a-z]+$/, '');
    const expected = expectedOf(stem);
    const title = readFileSync(join(DIR, file), 'utf8').split('\n')[0].replace(/<[^>]*>/g, '').replace(/^#+\s*/, '').trim() || stem;
    const pages = expected.units.map((u) => pageOf(u));
    const shape = async (bytes: Uint8Array, name: string) =>
      unitShape((await importFile(bytes, name)).specification);

    it(`${stem} as .docx imports as its expected units, outcomes and criteria`, async () => {
      expect(await shape(await specDocx(title, pages), `${stem}.docx`)).toEqual(expected.units);
    });

    it(`${stem} as a table PDF imports as its expected units, outcomes and criteria`, async () => {
      const pdf = await specPdf(title, pages, { header: `${title} – qualification specification`, footer: 'Version 2' });
      expect(await shape(pdf, `${stem}.pdf`)).toEqual(expected.units);
    });

    it(`${stem} as a PDF laid out another way (a unit a page, 9 pt, "UAN", criteria "a.") imports as the same`, async () => {
      const other = expected.units.map((u) => pageOf(u, 'UAN', (a) => `${a}.`));
      const pdf = await specPdf(title, other, { unitPerPage: true, size: 9, footer: `${title} – Version 2 – March 2024` });
      expect(await shape(pdf, `${stem}.pdf`)).toEqual(expected.units);
    });
  }
});
