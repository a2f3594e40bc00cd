import { describe, expect, it } from 'vitest';
import { editDistance, stem, stems, words } from './text';

describe('words', () => {
  it('lower-cases, drops apostrophes and splits on anything else', () => {
    expect(words("Customer's needs/wants: café")).toEqual(['customers', 'needs', 'wants', 'cafe']);
  });
});

describe('stem', () => {
  it('meets learner and specification forms of a word', () => {
    expect(stem('listened')).toBe(stem('listen'));
    expect(stem('apologised')).toBe(stem('apologise'));
    expect(stem('apologised')).toBe(stem('apologize'));
    expect(stem('apology')).toBe(stem('apologise'));
    expect(stem('complaints')).toBe(stem('complaint'));
    expect(stem('expectations')).toBe(stem('expectation'));
    expect(stem('organisation')).toBe(stem('organization'));
  });

  it('follows the published Porter examples', () => {
    const cases: [string, string][] = [
      ['caresses', 'caress'], ['ponies', 'poni'], ['relational', 'relat'], ['hopping', 'hop'],
      ['hoping', 'hope'], ['agreed', 'agre'], ['generalizations', 'gener'], ['adjustment', 'adjust'],
    ];
    for (const [w, s] of cases) expect(stem(w)).toBe(s);
  });

  it('drops stopwords from a text', () => {
    expect(stems('I listened to the customer')).toEqual(['listen', 'custom']);
  });
});

describe('editDistance', () => {
  it('counts edits, a transposition as one, and gives up above the limit', () => {
    expect(editDistance('complaynt', 'complaint', 2)).toBe(1);
    expect(editDistance('escalte', 'escalate', 2)).toBe(1);
    expect(editDistance('recieve', 'receive', 2)).toBe(1);
    expect(editDistance('abc', 'xyz', 1)).toBe(2);
  });
});
