import { describe, expect, it } from 'vitest';
import { normalisePageUrl } from './page-url';

describe('normalisePageUrl', () => {
  it('drops the fragment and tracking parameters, keeps identifying ones in a stable order', () => {
    expect(normalisePageUrl('https://Portfolio.example.com/learner?id=42&utm_source=mail&tab=evidence#item-3'))
      .toBe('https://portfolio.example.com/learner?id=42&tab=evidence');
    expect(normalisePageUrl('https://p.example/l?tab=evidence&id=42&fbclid=abc'))
      .toBe(normalisePageUrl('https://p.example/l?id=42&tab=evidence'));
  });
  it('keeps pages with different identifying parameters apart', () => {
    expect(normalisePageUrl('https://p.example/l?id=1')).not.toBe(normalisePageUrl('https://p.example/l?id=2'));
  });
});
