/**
 * `catalogue import FILE` and `catalogue compare`: the general importer from the command
 * line, in-process through the CLI's entry, plus one real process for the exit code a
 * shell sees.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../scripts/catalogue';
import { ROOT, SPECS_DIR } from '../../scripts/lib/catalogue-build';
import { passwordPdf, specDocx, specPdf, textlessPdf, type UnitPage } from '../fixtures/spec-documents';

async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

const FIXTURES = resolve(ROOT, 'test', 'fixtures', 'specs');

describe('catalogue import', () => {
  it('prints a specification in the export shape, warnings with line and page on stderr', async () => {
    const { code, out, err } = await run('import', join(FIXTURES, 'care-l2-diploma-units.txt'));
    expect(code).toBe(0);
    const data = JSON.parse(out) as { specifications: Record<string, unknown>[] };
    const [spec] = data.specifications as { units: Record<string, unknown>[] }[];
    expect(Object.keys(spec)).toEqual(['id', 'source', 'title', 'qualifications', 'units']);
    expect(spec).toMatchObject({ id: 'care-l2-diploma-units', source: 'care-l2-diploma-units.txt' });
    expect(Object.keys(spec.units[0])).toEqual(['ref', 'title', 'level', 'credit', 'glh', 'outcomes']);
    expect(spec.units[0]).toMatchObject({ ref: 'F/616/9831', title: 'Promote communication in care settings', level: 2, credit: 3, glh: 20 });
    expect((spec.units[0].outcomes as { criteria: unknown[] }[])[1].criteria[2]).toEqual({
      id: 'care-l2-diploma-units:F6169831:2.3',
      number: '2.3',
      text: 'Show how and when to seek advice about communication',
    });
    expect(err).toContain('care-l2-diploma-units.txt:1: [running-header] "Level 2 Diploma in Care (England) (RQF) – Qualification handbook" repeats');
  });

  it('prints the page of a warning beyond the first page', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'import-'));
    const file = join(dir, 'two-pages.txt');
    writeFileSync(file, 'Unit CU1 Greet\nLearning outcomes\n1 Greet\t1.1 Greet people\f\t1.1 Greet people\n');
    const { code, err } = await run('import', file);
    expect(code).toBe(0);
    expect(err).toBe('two-pages.txt:3: [duplicate-criterion] Criterion 1.1 is printed twice with the same words: kept once (page 2)\n');
  });

  it('reads a PDF and a Word document: JSON on stdout, warnings with their page on stderr', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'import-'));
    const unit: UnitPage = {
      heading: 'Unit 201 Greet visitors',
      fields: [['Unit reference number', 'A/601/0201'], ['Level', '2'], ['Credit value', '1']],
      outcomes: [{ label: '1. Be able to greet visitors', criteria: ['1.1 Greet visitors politely', '1.1 Greet visitors politely'] }],
    };
    writeFileSync(join(dir, 'greet.pdf'), await specPdf('Level 2 Award in Reception', [unit]));
    writeFileSync(join(dir, 'greet.docx'), await specDocx('Level 2 Award in Reception', [unit]));
    for (const file of ['greet.pdf', 'greet.docx']) {
      const { code, out, err } = await run('import', join(dir, file));
      expect(code, file).toBe(0);
      const spec = (JSON.parse(out) as { specifications: { title: string; units: { ref: string; outcomes: { criteria: { text: string }[] }[] }[] }[] }).specifications[0];
      expect(spec.title).toBe('Level 2 Award in Reception');
      expect(spec.units.map((u) => [u.ref, u.outcomes[0].criteria.map((c) => c.text)])).toEqual([['A/601/0201', ['Greet visitors politely']]]);
      expect(err, file).toMatch(new RegExp(`^${file.replace('.', '\\.')}:\\d+: \\[duplicate-criterion\\] Criterion 1\\.1 is printed twice with the same words: kept once\n$`));
    }
  });

  it('reads a source specification the same as the built-in catalogue', async () => {
    const { code, out } = await run('import', resolve(SPECS_DIR, 'edi-l2-nvq-certificate-customer-service.txt'));
    expect(code).toBe(0);
    const spec = (JSON.parse(out) as { specifications: { units: { ref: string }[] }[] }).specifications[0];
    expect(spec.units).toHaveLength(49);
    expect(spec.units.map((u) => u.ref)).toContain('CU830');
  });

  it('fails with one clear line for a file it cannot read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'import-'));
    const cases: [string, string | Uint8Array, RegExp][] = [
      ['empty.txt', '', /cannot import .*empty\.txt: empty\.txt is empty\n$/],
      ['blank.md', '\n  \n', /blank\.md is empty/],
      ['photo.txt', Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1]), /photo\.txt is not a text file/],
      ['spec.pdf', '%PDF-1.4\n%âãÏÓ\n', /spec\.pdf is not a readable PDF \(the file is damaged or incomplete\)/],
      ['scan.pdf', await textlessPdf(1), /scan\.pdf has no text: it looks scanned/],
      ['secret.pdf', await passwordPdf(), /secret\.pdf is protected by a password/],
      ['photos.zip', Uint8Array.from([0x50, 0x4b, 5, 6, ...new Array(18).fill(0)]), /photos\.zip is a zip archive but not a Word document/],
      ['old.doc', Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), /old\.doc is an old-style Word document/],
      ['notes.txt', 'Shopping list\n- milk\n- bread\n', /notes\.txt holds no units with learning outcomes and assessment criteria/],
      ['people.csv', 'name,email\nAnn,ann@example.org\n', /people\.csv is a CSV file but not the specification template/],
    ];
    for (const [name, content, message] of cases) {
      const file = join(dir, name);
      writeFileSync(file, content);
      const r = await run('import', file);
      expect(r, name).toMatchObject({ code: 1, out: '' });
      expect(r.err, name).toMatch(message);
      expect(r.err.split('\n').filter(Boolean), name).toHaveLength(1);
    }
    expect(await run('import', join(dir, 'missing.txt'))).toMatchObject({ code: 1, err: expect.stringContaining('missing.txt: no such file') });
    expect(await run('import', dir)).toMatchObject({ code: 1, err: expect.stringContaining('it is a folder') });
    expect(await run('import')).toMatchObject({ code: 2, err: expect.stringContaining('import needs exactly one FILE') });
  });

  it('exits non-zero from a real shell for an unreadable file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'import-'));
    const file = join(dir, 'empty.txt');
    writeFileSync(file, '');
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/catalogue.ts', 'import', file], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('empty.txt is empty');
  });
});

describe('catalogue compare', () => {
  it('prints the match per specification and no differences', async () => {
    const { code, out } = await run('compare');
    expect(code).toBe(0);
    expect(out).toMatch(/^edi-l2\s+49\/0\/0\/0\s+167\/0\/0\/0\s+996\/0\/0\/0\s*$/m);
    expect(out).toMatch(/^habc-l3\s+45\/0\/0\/0\s+130\/0\/0\/0\s+617\/0\/0\/0\s*$/m);
    expect(out).toContain('No differences.');
    expect(out).toContain('edi-l2-nvq-certificate-customer-service.txt:1742: [lost-heading]');
  });
});
