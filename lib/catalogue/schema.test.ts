import { describe, expect, it } from 'vitest';
import type { Catalogue } from './model';
import { CatalogueError, parseCatalogueJson } from './schema';

function sample(): Catalogue {
  return {
    formatVersion: 1,
    specifications: [
      {
        id: 'edi-l2',
        source: 'edi.txt',
        title: 'EDI Level 2',
        qualifications: [
          {
            id: 'edi-l2:500/9378/2',
            number: '500/9378/2',
            title: 'NVQ Certificate',
            level: 2,
            glh: null,
            rules: {
              minCredits: 28,
              groups: [{ id: 'A', title: 'Mandatory', mandatory: true, units: ['CU791'], minCredits: 8 }],
              levelConstraints: [{ minLevel: 2, credits: 11, groups: ['B'], description: '11 credits at level 2' }],
              barred: [{ units: ['CU791', 'CU792'], reason: 'overlap' }],
              summary: 'text',
            },
          },
        ],
        units: [
          {
            ref: 'CU791',
            title: 'Communicate',
            level: 'Entry 3',
            credit: 4,
            glh: null,
            notes: [{ heading: 'Aims', text: 'words' }],
            outcomes: [
              {
                number: '1',
                title: 'Identify',
                criteria: [
                  { id: 'edi-l2:CU791:1.1', number: '1.1', text: 'Recognise' },
                  { id: 'edi-l2:CU791:1.2', number: '1.2', text: 'Discuss' },
                  { id: 'edi-l2:CU791:1.2~2', number: '1.2', text: 'Discuss again' },
                ],
              },
            ],
          },
        ],
      },
    ],
  };
}

function errorOf(json: unknown): CatalogueError {
  try {
    parseCatalogueJson(json);
  } catch (e) {
    if (e instanceof CatalogueError) return e;
    throw e;
  }
  throw new Error('no error thrown');
}

describe('parseCatalogueJson', () => {
  it('accepts a well-formed catalogue and returns it unchanged', () => {
    const c = sample();
    expect(parseCatalogueJson(JSON.parse(JSON.stringify(c)))).toEqual(c);
  });

  it('names the path of a field of the wrong type', () => {
    const c = sample() as unknown as { specifications: { units: { outcomes: { criteria: { text: unknown }[] }[] }[] }[] };
    c.specifications[0].units[0].outcomes[0].criteria[2].text = 42;
    const e = errorOf(c);
    expect(e.message).toContain('specifications[0].units[0].outcomes[0].criteria[2].text: expected string');
  });

  it('names a missing field, a bad level and a wrong format version', () => {
    const c = sample() as unknown as Record<string, unknown> & { specifications: Record<string, unknown>[] };
    delete c.specifications[0].title;
    (c.specifications[0].units as Record<string, unknown>[])[0].level = 'Level two';
    c.formatVersion = 2;
    const e = errorOf(c);
    expect(e.issues.some((i) => i.startsWith('specifications[0].title: expected string, got missing'))).toBe(true);
    expect(e.issues.some((i) => i.startsWith('specifications[0].units[0].level:'))).toBe(true);
    expect(e.issues.some((i) => i.startsWith('formatVersion:'))).toBe(true);
  });

  it('rejects input that is not a catalogue at all', () => {
    expect(errorOf(null).message).toMatch(/\(root\): expected object/);
    expect(errorOf({ formatVersion: 1, specifications: {} }).message).toContain('specifications: expected array');
  });

  it('rejects duplicate criterion ids and unit refs, naming both places', () => {
    const c = sample();
    c.specifications[0].units[0].outcomes[0].criteria[2].id = 'edi-l2:CU791:1.2';
    c.specifications[0].units.push({ ...c.specifications[0].units[0], outcomes: [] });
    const e = errorOf(c);
    expect(e.issues).toEqual([
      'specifications[0].units[0].outcomes[0].criteria[2].id: duplicate criterion id "edi-l2:CU791:1.2" (first at specifications[0].units[0].outcomes[0].criteria[1].id)',
      'specifications[0].units[1].ref: duplicate unit ref "edi-l2:CU791" (first at specifications[0].units[0].ref)',
    ]);
  });

  it('rejects duplicate specification ids', () => {
    const c = sample();
    c.specifications.push({ ...c.specifications[0], units: [], qualifications: [] });
    expect(errorOf(c).issues).toEqual(['specifications[1].id: duplicate specification id "edi-l2" (first at specifications[0].id)']);
  });
});
