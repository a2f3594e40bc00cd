import { describe, expect, it } from 'vitest';
import { markSegments } from './segments';

describe('markSegments', () => {
  it('marks words that start with a matched word and keeps the rest as plain text', () => {
    expect(markSegments('Read body language well', ['body', 'lang'])).toEqual([
      { text: 'Read ', mark: false },
      { text: 'body', mark: true },
      { text: ' ', mark: false },
      { text: 'language', mark: true },
      { text: ' well', mark: false },
    ]);
  });
  it('returns the text whole when nothing is to be marked, and treats markup as text', () => {
    expect(markSegments('<b>x</b>', [])).toEqual([{ text: '<b>x</b>', mark: false }]);
    expect(markSegments('<b>bold</b>', ['bold']).map((s) => s.text).join('')).toBe('<b>bold</b>');
  });
});
