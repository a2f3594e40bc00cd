/**
 * `catalogue export-csv`: a backup file turned into a tag-set CSV on stdout, filtered,
 * with criteria named from the built-in catalogue; bad input gets one plain line.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { main } from '../../scripts/catalogue';
import { readCatalogue } from '../../scripts/commands/_shared';
import { backupChunks } from '../../lib/export/backup';

async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

const spec = readCatalogue().specifications[0];
const unit = spec.units[0];
const [c1, c2] = unit.outcomes.flatMap((o) => o.criteria);
const T = '2026-01-01T00:00:00.000Z';

async function backupFile(): Promise<string> {
  const learners = ['Jordan Ellis', 'Priya Shah'].map((name, i) => ({ id: `l${i}`, name, qualificationIds: [], unitChoices: {}, archived: false, createdAt: T, updatedAt: T }));
  const page = { id: 'pg', url: 'https://p.example/', title: 'Account', kind: 'web' as const, createdAt: T, updatedAt: T };
  const passages = learners.map((l, i) => ({ id: `p${i}`, learnerId: l.id, pageId: 'pg', selectors: [{ type: 'TextQuoteSelector', exact: `=words ${i}` }], quote: `=words ${i}`, createdBy: 'Sam', createdAt: T, updatedAt: T }));
  const mapping = (p: (typeof passages)[number], criterionId: string, createdAt: string) => ({
    id: `${p.id}|${criterionId}`, passageId: p.id, learnerId: p.learnerId, criterionId, unitId: criterionId.slice(0, criterionId.lastIndexOf(':')), method: 'Obs' as const, note: '', createdBy: 'Sam', createdAt, updatedAt: createdAt,
  });
  const mappings = [mapping(passages[0], c1.id, '2026-02-01T10:00:00.000Z'), mapping(passages[0], c2.id, '2026-03-01T10:00:00.000Z'), mapping(passages[1], c1.id, '2026-02-01T10:00:00.000Z')];
  let text = '';
  const source = { specifications: [], learners, pages: [page], decisions: [], signoffs: [], passages: [passages.map((p) => ({ passage: p, mappings: mappings.filter((m) => m.passageId === p.id) }))] };
  for await (const c of backupChunks(source)) text += c;
  const file = join(mkdtempSync(join(tmpdir(), 'export-csv-')), 'backup.json');
  writeFileSync(file, text);
  return file;
}

describe('catalogue export-csv', () => {
  it('prints the tag set of a backup, filtered by learner and dates, naming criteria from the catalogue', async () => {
    const file = await backupFile();
    const { code, out, err } = await run('export-csv', file, '--learner', 'Jordan Ellis', '--to', '2026-02-15');
    expect(code).toBe(0);
    expect(err).toBe('1 row\n');
    const [header, ...rows] = Papa.parse<string[]>(out, { skipEmptyLines: true }).data;
    expect(rows).toHaveLength(1);
    const cell = (name: string) => rows[0][header.indexOf(name)];
    expect(cell('Learner')).toBe('Jordan Ellis');
    expect(cell('Unit')).toBe(unit.ref);
    expect(cell('Unit title')).toBe(unit.title);
    expect(cell('Criterion text')).toBe(c1.text.match(/^[=+\-@\t\r]/) ? `'${c1.text}` : c1.text);
    expect(cell('Evidence')).toBe("'=words 0");
    expect((await run('export-csv', file)).err).toBe('3 rows\n');
  });

  it('refuses what is not a backup, and unknown learners, in one line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'export-csv-'));
    writeFileSync(join(dir, 'x.csv'), 'a,b\r\n1,2\r\n');
    const notBackup = await run('export-csv', join(dir, 'x.csv'));
    expect(notBackup.code).toBe(1);
    expect(notBackup.err).toBe(`catalogue export-csv: ${join(dir, 'x.csv')}: this is a CSV, not an Evidence Mapper backup.\n`);
    const nobody = await run('export-csv', await backupFile(), '--learner', 'Nobody');
    expect(nobody.err).toMatch(/no learner "Nobody" in the backup \(Jordan Ellis, Priya Shah\)/);
    expect((await run('export-csv', await backupFile(), '--from', 'May')).code).toBe(2);
  });
});
