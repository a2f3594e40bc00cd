/**
 * The `catalogue search` and `catalogue suggest` commands (scripts/commands/), run as a
 * person or a script would: lines on stdin, one JSON line out per line in.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..');

function run(args: string[], input: string): { out: string; status: number; err: string } {
  try {
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/catalogue.ts', ...args], { cwd: ROOT, input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
    return { out, status: 0, err: '' };
  } catch (e) {
    const x = e as { stdout: string; stderr: string; status: number };
    return { out: x.stdout, status: x.status, err: x.stderr };
  }
}

describe('catalogue search / suggest', () => {
  it('answers each query line with a JSON array of the top 10 hits', () => {
    const { out, status } = run(['search'], 'CU795 2.3\nL/506/2150 1.4\n\n');
    expect(status).toBe(0);
    const lines = out.trimEnd().split('\n').map((l) => JSON.parse(l) as { id: string; unit: string; number: string; text: string; score: number }[]);
    expect(lines).toHaveLength(3);
    expect(lines[0][0]).toMatchObject({ id: 'edi-l2:CU795:2.3', unit: 'CU795', number: '2.3' });
    expect(lines[0][0].text).toMatch(/body language/);
    expect(lines[0].length).toBeLessThanOrEqual(10);
    expect(Object.keys(lines[0][0]).sort()).toEqual(['id', 'number', 'score', 'text', 'unit']);
    expect(lines[1][0].id).toBe('habc-l3:L5062150:1.4');
    expect(lines[2]).toEqual([]);
  }, 60_000);

  it('narrows with --scope and suggests for passages', () => {
    const s = run(['search', '--scope', 'CU795'], '2.3\n');
    expect((JSON.parse(s.out) as { id: string }[])[0].id).toBe('edi-l2:CU795:2.3');
    const p = run(['suggest', '--scope', '601/4027/6'], 'The guest was unhappy so I listened, apologised for the problem and agreed a solution she was happy with, then recorded the complaint outcome.\n');
    const hits = JSON.parse(p.out) as { id: string }[];
    expect(hits).toHaveLength(10);
    expect(hits.every((h) => h.id.startsWith('habc-l3:'))).toBe(true);
  }, 60_000);

  it('refuses an unknown scope with exit code 2', () => {
    const r = run(['search', '--scope', 'XX999'], 'complaint\n');
    expect(r.status).toBe(2);
    expect(r.err).toMatch(/XX999/);
  }, 60_000);
});
