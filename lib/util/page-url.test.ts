import { describe, expect, it } from 'vitest';
import { documentAddress, evidencePlace, isDocumentAddress, normalisePageUrl, pageAddressForPeople } from './page-url';

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

describe('document pages', () => {
  const sha = 'AB'.repeat(32);
  it('a document\u2019s address is the SHA-256 of its bytes, and survives normalising', () => {
    expect(documentAddress(sha)).toBe(`urn:sha256:${'ab'.repeat(32)}`);
    expect(isDocumentAddress(documentAddress(sha))).toBe(true);
    expect(isDocumentAddress('urn:sha256:abc')).toBe(false);
    expect(normalisePageUrl(documentAddress(sha))).toBe(documentAddress(sha));
  });

  it('says where a passage is: a web page by its title; a document by title, file and page', () => {
    expect(evidencePlace({ title: 'Account', url: 'https://p.example/a' })).toBe('Account');
    const doc = { title: 'Statement', url: documentAddress(sha), document: { fileNames: ['s.pdf'], urls: [] } };
    expect(evidencePlace(doc, [{ type: 'PageSelector', index: 2 }])).toBe('Statement (s.pdf), page 3');
    expect(evidencePlace(doc, [{ type: 'PageSelector', index: 2, label: 'iii' }])).toBe('Statement (s.pdf), page iii');
    expect(evidencePlace({ ...doc, title: 's.pdf' })).toBe('s.pdf');
    expect(pageAddressForPeople(doc)).toBe('s.pdf');
    expect(pageAddressForPeople({ ...doc, document: { fileNames: ['s.pdf'], urls: ['https://p.example/s.pdf'] } })).toBe('https://p.example/s.pdf');
  });
});
