/**
 * The PDF and Word readers, on documents made here as specifications lay them out (tables,
 * pages, running headers, merged cells, lists), and on one of the built-in specifications
 * rendered to PDF and Word: the importer must read them as it reads the .txt.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pageOfUnit, passwordPdf, specDocx, specPdf, textlessPdf, twoColumnPdf, type UnitPage } from '../../../test/fixtures/spec-documents';
import type { Unit } from '../model';
import { ImportError, importFile, importText, pdfToLines } from './index';

const SPEC = 'skills-cfa-l3-customer-service-units';
const specText = () => readFileSync(resolve(__dirname, `../../../../shared/specs/${SPEC}.txt`), 'utf8');
const shape = (units: Unit[]) =>
  units.map((u) => ({
    ref: u.ref,
    title: u.title,
    level: u.level,
    credit: u.credit,
    glh: u.glh,
    outcomes: u.outcomes.map((o) => [o.number, o.title, o.criteria.map((c) => `${c.number} ${c.text}`)]),
  }));

/** A unit long enough that its criteria table runs over a page break. */
const longUnit: UnitPage = {
  heading: 'Unit 204 Move and store materials on site',
  fields: [
    ['Unit reference number', 'K/615/2204'],
    ['Level', '2'],
    ['Credit value', '4'],
    ['GLH', '30'],
  ],
  outcomes: Array.from({ length: 6 }, (_, k) => ({
    label: `${k + 1}. Know how to move and store ${['bricks', 'blocks', 'timber', 'cement', 'sand and aggregate', 'glass'][k]} safely on a building site and report damage`,
    criteria: Array.from(
      { length: 5 },
      (_, j) =>
        `${k + 1}.${j + 1} Describe step ${j + 1} of handling ${['bricks', 'blocks', 'timber', 'cement', 'sand and aggregate', 'glass'][k]}, including the checks made before lifting, the equipment used, and how the load is protected from weather and theft until it is needed`,
    ),
  })),
  after: { heading: 'Range', text: 'Equipment: sack trucks, pallet trucks, wheelbarrows, hoists. This is not a criterion.' },
};

describe('PDF reader', () => {
  it('reads a real specification rendered as a PDF with tables exactly as its text', async () => {
    const txt = importText(specText(), `${SPEC}.txt`);
    const pdf = await specPdf('Level 3 units in customer service', txt.specification.units.map((u) => pageOfUnit(u, 'Skills CFA Reference')), {
      header: 'Skills CFA customer service units',
      footer: 'Issue 2, March 2024',
    });
    const { specification, warnings } = await importFile(pdf, `${SPEC}.pdf`);
    expect(specification.units).toHaveLength(10);
    expect(shape(specification.units)).toEqual(shape(txt.specification.units));
    // The running header is found and left out, named once, on page 1; the "Page N of 7"
    // footer in the margin goes without a word.
    expect(warnings.filter((w) => w.code === 'running-header').map((w) => [w.page, w.message.slice(0, 40)])).toEqual([[1, '"Skills CFA customer service units" repe']]);
    expect(JSON.stringify(specification)).not.toMatch(/Issue 2|Page \d of 7|Skills CFA customer service units/);
  });

  it('joins a criteria table that breaks across pages, skipping the repeated header row and the running lines', async () => {
    const pdf = await specPdf('Level 2 Diploma in Bricklaying', [longUnit, longUnit], { header: 'Level 2 Diploma in Bricklaying (603/0000/1)', footer: 'Version 3' });
    const lines = await pdfToLines(pdf, 'bricks.pdf');
    const pages = new Set(lines.map((l) => l.page));
    expect(pages.size).toBeGreaterThanOrEqual(3);
    // The header row is printed again at the top of later pages.
    expect(lines.filter((l) => l.text === 'Learning outcomes\tAssessment criteria').length).toBeGreaterThan(2);

    const { specification, warnings } = await importFile(pdf, 'bricks.pdf');
    const [first, second] = specification.units;
    expect(specification.units).toHaveLength(2);
    expect(first).toMatchObject({ ref: 'K/615/2204', title: 'Move and store materials on site', level: 2, credit: 4, glh: 30 });
    expect(second.ref).toBe('K/615/2204 (2)');
    for (const u of [first, second]) {
      expect(shape([u])[0].outcomes).toEqual(longUnit.outcomes.map((o) => [o.label.split('. ')[0], o.label.replace(/^\d+\. /, ''), o.criteria]));
      expect(u.notes).toEqual([{ heading: 'Range', text: 'Equipment: sack trucks, pallet trucks, wheelbarrows, hoists. This is not a criterion.' }]);
    }
    // Warnings point at a page and line of the text read from the PDF, which the result carries.
    const repeated = warnings.find((w) => w.code === 'repeated-unit');
    expect(repeated?.page).toBeGreaterThan(1);
    expect(lines[(repeated?.line ?? 0) - 1].page).toBe(repeated?.page);
    const result = await importFile(pdf, 'bricks.pdf');
    expect(result.lines?.map((l) => [l.text, l.page, l.line])).toEqual(lines.map((l) => [l.text, l.page, l.line]));
    expect(result.lines?.[(repeated?.line ?? 0) - 1].text).toBe('Unit 204 Move and store materials on site');
    expect(warnings.filter((w) => w.code === 'running-header')).toHaveLength(1);
    expect(JSON.stringify(specification)).not.toMatch(/Version 3|Page \d|603\/0000\/1|Assessment criteria|learner can/);
  });

  it('keeps a unit field at the top of every page (not a running header) when each unit starts a page', async () => {
    const unit = (n: number): UnitPage => ({
      fields: [['Title', `Lay bricks to line, course ${n}`], ['Unit reference number', `M/615/22${10 + n}`], ['Level', '2']],
      outcomes: [{ label: '1. Be able to lay bricks', criteria: ['1.1 Set out the first course', '1.2 Lay bricks to line and level'] }],
    });
    const pdf = await specPdf('Level 2 Award in Bricklaying', [1, 2, 3, 4].map(unit), { unitPerPage: true, footer: 'Level 2 Award in Bricklaying' });
    const { specification } = await importFile(pdf, 'award.pdf');
    expect(specification.units.map((u) => [u.ref, u.level])).toEqual([1, 2, 3, 4].map((n) => [`M/615/22${10 + n}`, 2]));
  });

  it('does not take a table with both columns full on every row for two columns of prose', async () => {
    // Ascentis's units: short criteria beside wrapped outcome titles fill both columns.
    const name = 'ascentis-l1-introduction-to-customer-service';
    const txt = importText(readFileSync(resolve(__dirname, `../../../../shared/specs/${name}.txt`), 'utf8'), `${name}.txt`);
    const pdf = await specPdf('Entry 3 to Level 1 units in customer service', txt.specification.units.map((u) => pageOfUnit(u)), { header: 'Customer service units', footer: 'Issue 1' });
    const { specification } = await importFile(pdf, `${name}.pdf`);
    expect(shape(specification.units)).toEqual(shape(txt.specification.units));
  });

  it('reads a page set in two columns down the left column, then the right', async () => {
    const pdf = await twoColumnPdf([
      'Unit 301 Plan a journey',
      'Level: 3',
      'Credit value: 2',
      'Learning outcomes',
      '1. Understand how journeys are planned for groups of travellers with different needs',
      '1.1 Explain how the needs of travellers with reduced mobility are taken into account when planning a journey',
      '1.2 Describe the sources of timetable and fare information that a planner uses and how to check that they are current',
      '1.3 Explain how to choose between routes that differ in cost, time and the number of changes',
      '2. Be able to plan a journey for a group',
      '2.1 Agree the group’s needs, budget and times of travel with the group leader before booking anything',
      '2.2 Plan a route that meets the group’s needs and budget, with times of connections checked',
      '2.3 Record the plan and share it with the group leader and the travellers in good time',
      'Guidance',
      'Evidence may come from a real or a simulated group booking, as long as the learner makes every decision.',
    ]);
    const { specification } = await importFile(pdf, 'leaflet.pdf');
    expect(shape(specification.units)).toEqual([
      {
        ref: 'Unit 301',
        title: 'Plan a journey',
        level: 3,
        credit: 2,
        glh: null,
        outcomes: [
          [
            '1',
            'Understand how journeys are planned for groups of travellers with different needs',
            [
              '1.1 Explain how the needs of travellers with reduced mobility are taken into account when planning a journey',
              '1.2 Describe the sources of timetable and fare information that a planner uses and how to check that they are current',
              '1.3 Explain how to choose between routes that differ in cost, time and the number of changes',
            ],
          ],
          [
            '2',
            'Be able to plan a journey for a group',
            [
              '2.1 Agree the group’s needs, budget and times of travel with the group leader before booking anything',
              '2.2 Plan a route that meets the group’s needs and budget, with times of connections checked',
              '2.3 Record the plan and share it with the group leader and the travellers in good time',
            ],
          ],
        ],
      },
    ]);
  });

  it('says why it cannot read a scanned, password-protected or damaged PDF', async () => {
    await expect(importFile(await textlessPdf(), 'scan.pdf')).rejects.toThrow(new ImportError(
      'scan.pdf has no text: it looks scanned (its 2 pages are images); run it through text recognition (OCR) or ask the awarding body for the text version, and import that',
    ));
    await expect(importFile(await passwordPdf(), 'secret.pdf')).rejects.toThrow(/^secret\.pdf is protected by a password \(an encrypted PDF\)/);
    const good = await specPdf('Level 2 Award', [longUnit]);
    await expect(importFile(good.slice(0, 400), 'cut.pdf')).rejects.toThrow(/^cut\.pdf is not a readable PDF \(the file is damaged or incomplete\)/);
    await expect(importFile(new TextEncoder().encode('%PDF-1.4\n%âãÏÓ\n'), 'stub.pdf')).rejects.toThrow(/^stub\.pdf is not a readable PDF/);
  });
});

describe('Word reader', () => {
  it('reads a real specification rendered as a Word document (merged outcome cells) exactly as its text', async () => {
    const txt = importText(specText(), `${SPEC}.txt`);
    const docx = await specDocx('Level 3 units in customer service', txt.specification.units.map((u) => pageOfUnit(u, 'Skills CFA Reference')));
    const { specification } = await importFile(docx, `${SPEC}.docx`);
    expect(shape(specification.units)).toEqual(shape(txt.specification.units));
  });

  it('reads a table with an outcome cell merged over its criteria, a range section and a numbered list', async () => {
    const docx = await specDocx('Level 2 Certificate in Hospitality', [longUnit], {
      numberedList: {
        intro: ['Unit 205 Serve hot drinks', 'Learning outcomes'],
        items: [['Know how to prepare hot drinks', 'Describe how to clean a coffee machine', 'State safe temperatures for serving'], ['Be able to serve hot drinks', 'Serve drinks to order']],
      },
    });
    const { specification } = await importFile(docx, 'hospitality.docx');
    expect(specification.units.map((u) => u.ref)).toEqual(['K/615/2204', 'Unit 205']);
    const [bricks, drinks] = specification.units;
    expect(shape([bricks])[0].outcomes).toEqual(longUnit.outcomes.map((o) => [o.label.split('. ')[0], o.label.replace(/^\d+\. /, ''), o.criteria]));
    expect(bricks.notes?.[0]?.heading).toBe('Range');
    // Word's list numbers (mammoth drops them) are put back: 1, 1.1, 1.2, 2, 2.1.
    expect(shape([drinks])[0].outcomes).toEqual([
      ['1', 'Know how to prepare hot drinks', ['1.1 Describe how to clean a coffee machine', '1.2 State safe temperatures for serving']],
      ['2', 'Be able to serve hot drinks', ['2.1 Serve drinks to order']],
    ]);
  });

  it('says why it cannot read a damaged or empty Word document, a zip that is not Word, or an old .doc', async () => {
    const docx = await specDocx('Level 2 Award', [longUnit]);
    await expect(importFile(docx.slice(0, Math.floor(docx.length / 2)), 'cut.docx')).rejects.toThrow(/^cut\.docx is not a readable Word document \(the file is damaged or incomplete/);
    const empty = await specDocx('', []);
    await expect(importFile(empty, 'blank.docx')).rejects.toThrow(new ImportError('blank.docx is an empty Word document (it holds no text)'));
    await expect(importFile(Uint8Array.from([0x50, 0x4b, 5, 6, ...new Array(18).fill(0)]), 'photos.zip')).rejects.toThrow(/^photos\.zip is a zip archive but not a Word document/);
    await expect(importFile(Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'old.doc')).rejects.toThrow(/^old\.doc is an old-style Word document \(\.doc\)/);
  });
});

describe('PDF and Word readers on damaged files', () => {
  it('read a specification or refuse with an ImportError for any damage to a PDF or Word file, never crash', async () => {
    const unit: UnitPage = {
      fields: [['Title', 'Greet visitors'], ['Unit reference number', 'A/601/0201'], ['Level', '2']],
      outcomes: [{ label: '1. Be able to greet visitors', criteria: ['1.1 Greet visitors politely', '1.2 Sign visitors in'] }],
    };
    const originals: [string, Uint8Array][] = [
      ['greet.pdf', await specPdf('Level 2 Award in Reception', [unit])],
      ['greet.docx', await specDocx('Level 2 Award in Reception', [unit])],
    ];
    // Damage: bytes overwritten at random places, or the file cut short.
    const damage = fc.record({
      file: fc.constantFrom(0, 1),
      cut: fc.option(fc.double({ min: 0.05, max: 0.99, noNaN: true }), { nil: undefined }),
      writes: fc.array(fc.tuple(fc.double({ min: 0, max: 0.999, noNaN: true }), fc.integer({ min: 0, max: 255 })), { maxLength: 12 }),
    });
    const seen = { read: 0, refused: new Set<string>() };
    await fc.assert(
      fc.asyncProperty(damage, async ({ file, cut, writes }) => {
        const [name, original] = originals[file];
        let bytes = new Uint8Array(original);
        for (const [at, b] of writes) bytes[Math.max(8, Math.floor(at * bytes.length))] = b;
        if (cut !== undefined) bytes = bytes.slice(0, Math.max(8, Math.floor(cut * bytes.length)));
        try {
          const { specification } = await importFile(bytes, name);
          expect(specification.units.length).toBeGreaterThan(0);
          seen.read++;
        } catch (e) {
          expect(e).toBeInstanceOf(ImportError);
          expect((e as Error).message.startsWith(name)).toBe(true);
          seen.refused.add((e as Error).message.replace(/\(.*$/, ''));
        }
      }),
      { numRuns: 60, seed: 16 },
    );
    // Both happen: light damage is read through, heavy damage refused.
    expect(seen.read).toBeGreaterThan(0);
    expect(seen.refused.size).toBeGreaterThan(0);
  });
});
