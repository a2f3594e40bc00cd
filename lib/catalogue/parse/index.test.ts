import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectFamily, parseSpecification, SpecificationError } from './index';

const SPECS = resolve(__dirname, '../../../..', 'shared', 'specs');
const read = (f: string) => readFileSync(resolve(SPECS, f), 'utf8');

describe('parseSpecification', () => {
  it.each([
    ['edi-l2-nvq-certificate-customer-service.txt', 'EDI', 'edi-l2'],
    ['habc-l3-diploma-customer-service.txt', 'HABC', 'habc-l3'],
    ['ascentis-l1-introduction-to-customer-service.txt', 'Ascentis', 'ascentis-l1'],
    ['skills-cfa-l3-customer-service-units.txt', 'Skills CFA', 'skills-cfa-l3'],
    ['unit-j-506-2132-principles-of-customer-service.txt', 'unit sheet', 'unit-j-506-2132'],
  ])('recognises %s by its content, whatever the file is called', (file, family, id) => {
    const text = read(file);
    expect(detectFamily(text)?.name).toBe(family);
    const r = parseSpecification(text, 'renamed.txt');
    expect(r.specification.id).toBe(id);
    expect(r.specification.source).toBe('renamed.txt');
    expect(r.specification.units.length).toBeGreaterThan(0);
  });

  it('passes overrides to the family parser', () => {
    const text = read('edi-l2-nvq-certificate-customer-service.txt');
    expect(parseSpecification(text, 'x').specification.units.some((u) => u.ref === 'CU830')).toBe(false);
    const withFix = parseSpecification(text, 'x', {
      specId: 'edi-l2',
      lostHeadings: [{ afterUnit: 'CU829', ref: 'CU830', title: 'T', level: 2, credit: 6, reason: 'test' }],
    });
    expect(withFix.specification.units.find((u) => u.ref === 'CU830')?.title).toBe('T');
  });

  it('throws SpecificationError, saying why, for texts it cannot read', () => {
    const fails = (text: string, pattern: RegExp) => {
      expect(() => parseSpecification(text, 'f.txt')).toThrow(SpecificationError);
      expect(() => parseSpecification(text, 'f.txt')).toThrow(pattern);
    };
    fails('', /f\.txt is empty/);
    fails('%PDF-1.4\u0000\u0001binary', /not a text file/);
    fails(read('README.md'), /not a specification this parser knows/);
    fails('Shopping list\nmilk\neggs\n', /not a specification this parser knows/);
    fails('EDI newsletter\nUnit CU123 was withdrawn.\n', /marks of the EDI family but no assessment criteria could be read/);
  });
});
