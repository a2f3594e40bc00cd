/**
 * The rules-of-combination reader on the three real specifications that print rules,
 * compared with the rules hand-written from them in data/sources/qualifications.ts, and on
 * small texts in other awarding bodies' phrasings.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { QUALIFICATIONS } from '../../../data/sources/qualifications';
import type { Qualification } from '../model';
import { importText } from './index';

const SPECS = '../shared/specs/';
const read = (file: string) => importText(readFileSync(`${SPECS}${file}`, 'utf8'), file);

/** Per-rule comparison: matched / missed / different, printed and returned. */
function compare(got: Qualification | undefined, want: Qualification) {
  const rows: [string, 'matched' | 'missed' | 'different', string][] = [];
  const row = (what: string, a: unknown, b: unknown) => {
    const ja = JSON.stringify(a);
    const jb = JSON.stringify(b);
    rows.push([what, ja === jb ? 'matched' : a === undefined ? 'missed' : 'different', ja === jb ? jb : `got ${ja}, built-in ${jb}`]);
  };
  const r = got?.rules;
  row('number', got?.number, want.number);
  row('glh', got?.glh, want.glh);
  row('total credits', r?.minCredits, want.rules.minCredits);
  for (const g of want.rules.groups) {
    const h = r?.groups.find((x) => x.id === g.id);
    row(`group ${g.id} mandatory`, h?.mandatory, g.mandatory);
    row(`group ${g.id} units`, h?.units, g.units);
    for (const k of ['minCredits', 'maxCredits', 'minUnits', 'maxUnits', 'minCreditsAtLevel'] as const) {
      if (g[k] !== undefined || h?.[k] !== undefined) row(`group ${g.id} ${k}`, h?.[k], g[k]);
    }
  }
  for (const h of r?.groups ?? []) if (!want.rules.groups.some((g) => g.id === h.id)) row(`group ${h.id}`, h.id, undefined);
  row('level conditions', r?.levelConstraints.map((c) => [c.minLevel, c.credits, c.groups ?? null]), want.rules.levelConstraints.map((c) => [c.minLevel, c.credits, c.groups ?? null]));
  row('barred pairs', r?.barred.map((b) => b.units), want.rules.barred.map((b) => b.units));
  console.log(`${want.id}\n${rows.map((x) => `  ${x[1].padEnd(9)} ${x[0]}: ${x[2]}`).join('\n')}`);
  return rows;
}

describe('rules of combination from the real specifications', () => {
  it('EDI Level 2 NVQ Certificate: every rule as built in', () => {
    const { specification, warnings } = read('edi-l2-nvq-certificate-customer-service.txt');
    expect(specification.qualifications).toHaveLength(1);
    const rows = compare(specification.qualifications[0], QUALIFICATIONS['edi-l2'][0]);
    // GLH: the document prints a range (192-228) and the built-in leaves it empty, as the reader does with a warning.
    expect(rows.filter((x) => x[1] !== 'matched')).toEqual([]);
    expect(warnings.some((w) => w.code === 'rules-glh-range')).toBe(true);
  });

  it('HABC Level 3 Diploma: every rule as built in, and the 15 units / 15 credits slip is a warning', () => {
    const { specification, warnings } = read('habc-l3-diploma-customer-service.txt');
    expect(specification.qualifications).toHaveLength(1);
    const rows = compare(specification.qualifications[0], QUALIFICATIONS['habc-l3'][0]);
    expect(rows.filter((x) => x[1] !== 'matched')).toEqual([]);
    const slip = warnings.find((w) => w.code === 'rules-contradiction' && /15 units/.test(w.message));
    expect(slip).toBeDefined();
    expect(slip?.line).toBeGreaterThan(200);
  });

  it('Ascentis Level 1 Award and Certificate: both qualifications, groups and barred pairs', () => {
    const { specification, warnings } = read('ascentis-l1-introduction-to-customer-service.txt');
    expect(specification.qualifications.map((q) => q.number)).toEqual(['600/1686/3', '600/1684/X']);
    const award = compare(specification.qualifications[0], QUALIFICATIONS['ascentis-l1'][0]);
    const cert = compare(specification.qualifications[1], QUALIFICATIONS['ascentis-l1'][1]);
    expect(award.filter((x) => x[1] !== 'matched')).toEqual([]);
    expect(cert.filter((x) => x[1] !== 'matched')).toEqual([]);
    // The three refs printed wrongly in the barred table are each named in a warning.
    const mismatch = warnings.filter((w) => w.code === 'rules-ref-mismatch');
    expect(mismatch.map((w) => w.line)).toHaveLength(3);
    expect(warnings.some((w) => w.code === 'rules-shared-group')).toBe(true);
  });

  it('a unit specification that prints no rules gets no qualification (the review starts all mandatory)', () => {
    const { specification } = read('unit-j-506-2132-principles-of-customer-service.txt');
    expect(specification.qualifications).toEqual([]);
  });
});
