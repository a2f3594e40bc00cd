/**
 * The `catalogue` command line: export, parse and stats, run in-process through its
 * entry (`main`), plus one real process to check the exit code a shell sees.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../scripts/catalogue';
import { readCatalogue } from '../../scripts/commands/_shared';
import { ROOT, SPECS_DIR } from '../../scripts/lib/catalogue-build';

async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

describe('catalogue CLI', () => {
  it('export prints every specification in the documented shape', async () => {
    const { code, out } = await run('export');
    expect(code).toBe(0);
    const data = JSON.parse(out) as { specifications: Record<string, unknown>[] };
    const disk = JSON.parse(readFileSync(resolve(ROOT, 'data', 'catalogue.json'), 'utf8')) as { specifications: { id: string }[] };
    expect(data.specifications.map((s) => s.id)).toEqual(disk.specifications.map((s) => s.id));
    const edi = data.specifications.find((s) => s.id === 'edi-l2') as {
      units: { ref: string; outcomes: { criteria: { id: string; text: string }[] }[] }[];
    } & Record<string, unknown>;
    expect(Object.keys(edi)).toEqual(['id', 'source', 'title', 'qualifications', 'units']);
    expect(edi.source).toBe('edi-l2-nvq-certificate-customer-service.txt');
    const cu795 = edi.units.find((u) => u.ref === 'CU795');
    expect(Object.keys(cu795 ?? {})).toEqual(['ref', 'title', 'level', 'credit', 'glh', 'outcomes']);
    expect(cu795?.outcomes[1].criteria[2]).toEqual({
      id: 'edi-l2:CU795:2.3',
      number: '2.3',
      text: 'Describe how to read both positive and negative body language',
    });
  });

  it('stats prints units, outcomes and criteria per specification', async () => {
    const { code, out } = await run('stats');
    expect(code).toBe(0);
    expect(out).toMatch(/^edi-l2\s+49\s+167\s+996\b/m);
    expect(out).toMatch(/^total\s+\d+/m);
  });

  it('parse prints a specification file in the export shape, warnings on stderr', async () => {
    const { code, out, err } = await run('parse', resolve(SPECS_DIR, 'edi-l2-nvq-certificate-customer-service.txt'));
    expect(code).toBe(0);
    const spec = (JSON.parse(out) as { specifications: { id: string; units: unknown[] }[] }).specifications[0];
    expect(spec.id).toBe('edi-l2');
    expect(spec.units).toHaveLength(49);
    expect(err).toContain('edi-l2-nvq-certificate-customer-service.txt:1742: [lost-heading]');
  });

  it('parse fails clearly on a missing file and on a text that is no specification', async () => {
    const missing = await run('parse', '/no/such/spec.txt');
    expect(missing).toMatchObject({ code: 1, out: '' });
    expect(missing.err).toContain('cannot read /no/such/spec.txt: no such file');
    const readme = await run('parse', resolve(SPECS_DIR, 'README.md'));
    expect(readme).toMatchObject({ code: 1, out: '' });
    expect(readme.err).toMatch(/README\.md as a specification: .*not a specification/);
  });

  it('refuses a malformed catalogue file, naming the bad field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'catalogue-'));
    const bad = join(dir, 'catalogue.json');
    const data = JSON.parse(readFileSync(resolve(ROOT, 'data', 'catalogue.json'), 'utf8'));
    data.specifications[1].units[3].outcomes[0].criteria[2].text = null;
    writeFileSync(bad, JSON.stringify(data));
    expect(() => readCatalogue(bad)).toThrow('specifications[1].units[3].outcomes[0].criteria[2].text: expected string, got null');
    writeFileSync(bad, '{"formatVersion": 1,');
    expect(() => readCatalogue(bad)).toThrow(/is not JSON/);
  });

  it('rejects an unknown command with the list of commands', async () => {
    const r = await run('frobnicate');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown command "frobnicate"[\s\S]*export[\s\S]*parse FILE[\s\S]*stats/);
  });

  it('exits non-zero from a real shell when the file is not a specification', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/catalogue.ts', 'parse', resolve(SPECS_DIR, 'README.md')], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('not a specification');
  });
});
