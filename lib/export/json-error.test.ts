import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { findJsonDefect } from './json-error';

describe('findJsonDefect', () => {
  it('finds nothing wrong in any valid JSON', () => {
    fc.assert(fc.property(fc.json(), (text) => findJsonDefect(text) === null));
  });

  it('agrees with JSON.parse about every prefix of a document: a cut-short prefix is reported as truncated', () => {
    fc.assert(
      fc.property(fc.json({ maxDepth: 3 }), fc.nat(), (text, n) => {
        const cut = text.slice(0, n % (text.length + 1));
        let valid = true;
        try {
          JSON.parse(cut);
        } catch {
          valid = false;
        }
        const d = findJsonDefect(cut);
        return valid ? d === null : d !== null;
      }),
      { numRuns: 2000 },
    );
  });

  it('gives the path being read when the text ends', () => {
    expect(findJsonDefect('{"a":{"b":[1,{"c":')).toMatchObject({ truncated: true, path: '$.a.b[1].c' });
  });
});
