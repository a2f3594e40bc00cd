/**
 * The criteria index over the built-in catalogue (data/catalogue.json): the code forms,
 * word, typo and word-order queries an assessor types, awkward input, and the relevance
 * set's labels (which must name real criteria).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Catalogue } from '../catalogue/model';
import { createCriteriaIndex, flattenCatalogue } from './index';
import { words } from './text';

const ROOT = resolve(import.meta.dirname, '..', '..');
const catalogue = JSON.parse(readFileSync(resolve(ROOT, 'data', 'catalogue.json'), 'utf8')) as Catalogue;
const criteria = flattenCatalogue(catalogue);
const index = createCriteriaIndex(criteria);

describe('codes find their criterion first', () => {
  it.each([
    ['CU795 2.3', undefined, 'edi-l2:CU795:2.3'],
    ['cu795 2.3', undefined, 'edi-l2:CU795:2.3'],
    ['2.3', { unit: 'CU795' }, 'edi-l2:CU795:2.3'],
    ['2.3', { unit: 'L/506/2150' }, 'habc-l3:L5062150:2.3'],
    ['L/506/2150 1.4', undefined, 'habc-l3:L5062150:1.4'],
    ['L5062150 1.4', undefined, 'habc-l3:L5062150:1.4'],
    ['L5062150', undefined, 'habc-l3:L5062150:1.1'],
    ['CS 27', undefined, 'skills-cfa-l3:CS27:1.1'],
    ['cs27 2.2', undefined, 'skills-cfa-l3:CS27:2.2'],
    ['J/506/2132 3.1', undefined, 'unit-j-506-2132:J5062132:3.1'],
  ])('%s (scope %j)', (q, scope, id) => {
    expect(index.search(q, { scope })[0].id).toBe(id);
  });

  it('a unit code lists that unit only', () => {
    const hits = index.search('L/506/2150', { limit: 10 });
    expect(hits.every((h) => h.id.startsWith('habc-l3:L5062150:'))).toBe(true);
  });
});

describe('words, typos and word order find the expected criterion in the top 3', () => {
  // A hit is expected when the criterion's own text holds the words meant.
  const holds = (phrase: string) => (text: string) => text.toLowerCase().includes(phrase);
  it.each([
    ['body lang', holds('body language')],
    ['language body', holds('body language')],
    ['lang body', holds('body language')],
    ['complaint', holds('complaint')],
    ['complaynt', holds('complaint')],
    ['data protection', holds('data protection')],
    ['protection data', holds('data protection')],
    ['confidentality', holds('confidentiality')],
    ['escalte', holds('escalat')],
    ['escalte complaints', (t: string) => holds('escalat')(t) && holds('complaint')(t)],
    ['listen activly', holds('listen')],
    ['hearing listening', (t: string) => holds('hearing')(t) && holds('listening')(t)],
    ['segmenting customer', holds('segment')],
  ])('%s', (q, expected) => {
    const top = index.search(q, { limit: 3 });
    expect(top.length).toBeGreaterThan(0);
    expect(top.some((h) => expected(h.criterion.text))).toBe(true);
  });

  it('marks the matched words of a typo', () => {
    const hit = index.search('confidentality', { limit: 1 })[0];
    expect(hit.matched).toContain('confidentiality');
  });

  it('ranks in-scope hits first', () => {
    const hits = index.search('body language', { scope: { qualification: 'ascentis-l1:600/1684/X' } });
    expect(hits[0].inScope).toBe(true);
    expect(hits[0].id.startsWith('ascentis-l1:')).toBe(true);
  });
});

describe('awkward queries return quickly and without error', () => {
  it.each([
    ['empty', ''],
    ['whitespace', '  \t \n  '],
    ['punctuation', '.,;:!?-/\\()[]{}"\'&*#@~'],
    ['10,000 characters of words', 'customer complaint data protection '.repeat(300).slice(0, 10_000)],
    ['10,000 characters of one letter', 'a'.repeat(10_000)],
  ])('%s', (_, q) => {
    const hits = index.search(q);
    expect(Array.isArray(hits)).toBe(true);
    if (!/[a-z0-9]/i.test(q)) expect(hits).toEqual([]);
    expect(Array.isArray(index.suggest(q))).toBe(true);
  });
});

describe('the relevance set', () => {
  const set = JSON.parse(readFileSync(resolve(ROOT, 'test', 'fixtures', 'relevance', 'passages.json'), 'utf8')) as {
    passages: { id: string; scope: object; passage: string; gold: string[] }[];
  };
  const ids = new Set(criteria.map((c) => c.id));

  it('has at least 30 passages of 10 to 300 words, each labelled with real criteria', () => {
    expect(set.passages.length).toBeGreaterThanOrEqual(30);
    for (const p of set.passages) {
      const n = words(p.passage).length;
      expect(n, p.id).toBeGreaterThanOrEqual(10);
      expect(n, p.id).toBeLessThanOrEqual(300);
      expect(p.gold.length, p.id).toBeGreaterThan(0);
      for (const g of p.gold) expect(ids.has(g), `${p.id}: ${g}`).toBe(true);
    }
  });

  it('labels stay within each passage’s scope', () => {
    const key = (r: string) => r.replace(/[\s/]+/g, '').toUpperCase();
    for (const p of set.passages) {
      const s = p.scope as { qualification?: string; unit?: string; units?: string[] };
      const units = [...(s.units ?? []), ...(s.unit ? [s.unit] : [])].map(key);
      for (const g of p.gold) {
        const c = criteria.find((x) => x.id === g)!;
        expect(Boolean(s.qualification && c.qualificationIds.includes(s.qualification)) || units.includes(key(c.unitRef)), `${p.id}: ${g}`).toBe(true);
      }
    }
  });
});
