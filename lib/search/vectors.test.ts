import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { criterion } from '../../test/fixtures/search-criteria';
import { createCriteriaIndex } from './index';
import { encodeWordVectors, parseWordVectors, type WordVectors } from './vectors';

const shipped = parseWordVectors(readFileSync(join(import.meta.dirname, '..', '..', 'public', 'word-vectors.bin')));

const cosine = (v: WordVectors, a: string, b: string) => {
  const ra = v.rows.get(a)!;
  const rb = v.rows.get(b)!;
  let s = 0;
  for (let k = 0; k < v.dim; k++) s += v.data[ra * v.dim + k] * v.data[rb * v.dim + k];
  return s / 127 / 127;
};

// Written for this test: no word of the passages below is printed here, so only the
// vectors' general English can connect them.
const criteria = [
  criterion('U1', 'Handling calls', '1.1', 'Answer the telephone promptly'),
  criterion('U1', 'Handling calls', '1.2', 'Take a message for an absent colleague'),
  criterion('U2', 'Working with others', '2.1', 'Report a fault to your supervisor'),
  criterion('U2', 'Working with others', '2.2', 'Keep the work area tidy'),
  criterion('U3', 'Money', '3.1', 'Give change and receipts accurately'),
  criterion('U3', 'Money', '3.2', 'Process card payments'),
];

describe('word vectors (vectors.ts)', () => {
  it('round-trips a table and refuses a file that is not one, saying so', () => {
    const bin = encodeWordVectors(['cat', 'dog'], 3, (i) => (i ? [0, 2, 0] : [1, 1, 0]));
    const v = parseWordVectors(bin);
    expect(v.words).toEqual(['cat', 'dog']);
    expect(v.dim).toBe(3);
    expect([...v.data]).toEqual([90, 90, 0, 0, 127, 0]);
    expect(v.rows.get('dog')).toBe(1);
    expect(() => parseWordVectors(new TextEncoder().encode('not a table at all'))).toThrow(/word vectors/);
    expect(() => parseWordVectors(bin.subarray(0, bin.length - 1))).toThrow(/expected 2 × 3 bytes/);
  });

  it('ships 20,000 general English words in which related words lie close', () => {
    expect(shipped.words).toHaveLength(20000);
    expect(shipped.dim).toBe(100);
    expect(cosine(shipped, 'phone', 'telephone')).toBeGreaterThan(cosine(shipped, 'phone', 'weather'));
    expect(cosine(shipped, 'paid', 'payments')).toBeGreaterThan(cosine(shipped, 'paid', 'weather'));
  });

  it("finds the criterion a passage means though they share no word, and names the passage's words that did it", () => {
    const index = createCriteriaIndex(criteria, {}, { vectors: shipped });
    const cash = index.suggest('The lady paid with a twenty pound note so I counted out her coins.', { limit: 3 });
    expect(cash[0]?.id).toBe('x:U3:3.1');
    expect(cash[0].near?.length).toBeGreaterThan(0);
    expect(cash[0].matched).toEqual([]);
    const phone = index.suggest('When it rang I picked the phone up straight away.', { limit: 3 });
    expect(phone[0]?.id).toBe('x:U1:1.1');
    expect(phone[0].near).toContain('phone');
  });

  it('is not used by an index given no vectors, nor when switched off (the bench measures it that way)', () => {
    const passage = 'The lady paid with a twenty pound note so I counted out her coins.';
    expect(createCriteriaIndex(criteria).suggest(passage, { limit: 3 })).toEqual([]);
    expect(createCriteriaIndex(criteria, { denseWeight: 0 }, { vectors: shipped }).suggest(passage, { limit: 3 })).toEqual([]);
  });

  it('keeps to the scope: a criterion outside it is not brought in by the vectors', () => {
    const index = createCriteriaIndex(criteria, {}, { vectors: shipped });
    const hits = index.suggest('The lady paid with a twenty pound note so I counted out her coins.', {
      limit: 5,
      scope: { units: ['x:U1', 'x:U2'], outside: 'hide' },
    });
    expect(hits.map((h) => h.id).filter((id) => id.startsWith('x:U3'))).toEqual([]);
  });
});
