import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { backupChunks, BACKUP_FORMAT_VERSION, idFromIri, iri, readBackup, type BackupSource } from './backup';
import { ImportError } from './errors';
import { byId, dataset, SPEC_A, type Dataset } from '../../test/fixtures/export-data';
import type { SpecificationRecord } from '../db/records';

const imported: SpecificationRecord = { ...SPEC_A, origin: 'imported', contentHash: 'abc', updatedAt: '2026-01-01T00:00:00.000Z' };

function source(ds: Dataset, specifications: SpecificationRecord[] = []): BackupSource {
  const batch = ds.passages.map((passage) => ({ passage, mappings: ds.mappings.filter((m) => m.passageId === passage.id) }));
  return { ...ds, specifications, passages: [batch.slice(0, 3), batch.slice(3)] };
}

async function text(src: BackupSource): Promise<{ text: string; chunks: number }> {
  let out = '';
  let chunks = 0;
  for await (const c of backupChunks(src, new Date('2026-03-01T00:00:00Z'))) {
    out += c;
    chunks++;
  }
  return { text: out, chunks };
}

const small: Dataset = {
  learners: [{ id: 'l1', name: 'Jordan', qualificationIds: [], unitChoices: {}, archived: false, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' }],
  pages: [{ id: 'pg1', url: 'https://portfolio.example/a', title: 'A', kind: 'web', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' }],
  passages: [{ id: 'p1', learnerId: 'l1', pageId: 'pg1', selectors: [{ type: 'TextQuoteSelector', exact: 'Two', prefix: 'One ', suffix: ' Three' }], quote: 'Two', createdBy: 'Sam', createdAt: '2026-01-02T00:00:00.000Z', updatedAt: '2026-01-02T00:00:00.000Z' }],
  mappings: [{ id: 'p1|spec-a:CU1:1.1', passageId: 'p1', learnerId: 'l1', criterionId: 'spec-a:CU1:1.1', unitId: 'spec-a:CU1', method: 'Obs', note: 'n', createdBy: 'Sam', createdAt: '2026-01-02T00:00:00.000Z', updatedAt: '2026-01-02T00:00:00.000Z' }],
  decisions: [],
  signoffs: [{ id: 's1', learnerId: 'l1', unitId: 'spec-a:CU1', assessor: 'Sam', signedAt: '2026-01-05T00:00:00.000Z', updatedAt: '2026-01-05T00:00:00.000Z' }],
};

describe('backup export', () => {
  it('writes passages as a W3C AnnotationCollection: criteria as classifying SpecificResources plus tag TextualBodies', async () => {
    const doc = JSON.parse((await text(source(small))).text);
    expect(doc.formatVersion).toBe(BACKUP_FORMAT_VERSION);
    expect(doc.exportedAt).toBe('2026-03-01T00:00:00.000Z');
    const coll = doc.annotations;
    expect(coll['@context'][0]).toBe('http://www.w3.org/ns/anno.jsonld');
    expect(coll.type).toBe('AnnotationCollection');
    expect(coll.total).toBe(1);
    expect(coll.first.type).toBe('AnnotationPage');
    const [a] = coll.first.items;
    expect(a.type).toBe('Annotation');
    expect(a.target.source).toBe('https://portfolio.example/a');
    expect(a.target.selector[0]).toEqual({ type: 'TextQuoteSelector', exact: 'Two', prefix: 'One ', suffix: ' Three' });
    expect(a.body).toEqual([
      expect.objectContaining({ type: 'SpecificResource', purpose: 'classifying', source: iri('criterion', 'spec-a:CU1:1.1'), 'em:method': 'Obs' }),
      { type: 'TextualBody', purpose: 'tagging', format: 'text/plain', value: 'CU1 1.1' },
    ]);
    expect(doc.signoffs).toEqual(small.signoffs);
  });

  it('is streamed in chunks', async () => {
    expect((await text(source(small))).chunks).toBeGreaterThan(2);
  });

  it('ids round-trip through IRIs, UUIDs as urn:uuid', () => {
    expect(iri('passage', '0b5c1d2e-3f40-4a5b-8c6d-7e8f90a1b2c3')).toBe('urn:uuid:0b5c1d2e-3f40-4a5b-8c6d-7e8f90a1b2c3');
    fc.assert(fc.property(fc.string(), (id) => idFromIri('mapping', iri('mapping', id)) === id));
  });
});

describe('documents in a backup', () => {
  it('a PDF page (its urn:sha256: address, fingerprints, URLs, file names, page count) and its passage’s page selector round-trip', async () => {
    const sha = 'ab'.repeat(32);
    const doc: Dataset = {
      ...small,
      pages: [{ id: 'pg1', url: `urn:sha256:${sha}`, title: 'Witness statement', kind: 'pdf', document: { sha256: sha, fingerprints: ['f1', 'f2'], urls: ['https://portfolio.example/s.pdf'], fileNames: ['s.pdf'], pageCount: 2 }, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' }],
      passages: [{ ...small.passages[0], selectors: [...small.passages[0].selectors, { type: 'TextPositionSelector', start: 4, end: 7 }, { type: 'PageSelector', index: 1, label: '2' }] }],
    };
    const plan = await readBackup(JSON.parse((await text(source(doc))).text));
    expect(plan.pages).toEqual(doc.pages);
    expect(plan.passages[0].selectors).toEqual(doc.passages[0].selectors);
  });
});

describe('backup import', () => {
  it('property: random records with hostile text survive export then import unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(dataset, fc.boolean(), async (ds, withSpec) => {
        const specs = withSpec ? [imported] : [];
        const plan = await readBackup(JSON.parse((await text(source(ds, specs))).text));
        for (const key of ['learners', 'pages', 'passages', 'mappings', 'decisions', 'signoffs'] as const) {
          expect(byId(plan[key] as { id: string }[]), key).toEqual(byId(ds[key] as { id: string }[]));
        }
        expect(plan.specifications).toEqual(specs);
      }),
      { numRuns: 150 },
    );
  });

  async function rejects(value: unknown): Promise<string> {
    try {
      await readBackup(value);
    } catch (e) {
      expect(e).toBeInstanceOf(ImportError);
      return (e as Error).message;
    }
    throw new Error('expected the import to fail');
  }

  it('refuses a backup from a newer format version, saying so', async () => {
    const doc = JSON.parse((await text(source(small))).text);
    expect(await rejects({ ...doc, formatVersion: BACKUP_FORMAT_VERSION + 1 })).toMatch(/made by a newer version of Evidence Mapper \(format 2\).*Update the extension/);
  });

  it('names the JSON path of a bad value', async () => {
    const doc = JSON.parse((await text(source(small))).text);
    const bad = structuredClone(doc);
    bad.annotations.first.items[0].body[0]['em:method'] = 'Guess';
    expect(await rejects(bad)).toMatch(/^\$\.annotations\.first\.items\[0\]\.body\[0\]\["em:method"\]: /);
    const bad2 = structuredClone(doc);
    bad2.learners[0].createdAt = 'soon';
    expect(await rejects(bad2)).toBe('$.learners[0].createdAt: not a date and time');
    const bad3 = structuredClone(doc);
    bad3.annotations.first.items[0]['em:learner'] = iri('learner', 'nobody');
    expect(await rejects(bad3)).toMatch(/^\$\.annotations\.first\.items\[0\]\["em:learner"\]: .* is not a learner in this backup$/);
    const bad5 = structuredClone(doc);
    bad5.pages[0].url = 'javascript:alert(1)';
    expect(await rejects(bad5)).toBe('$.pages[0].url: not a web address (http, https or file)');
    const bad4 = structuredClone(doc);
    delete bad4.pages;
    expect(await rejects(bad4)).toMatch(/^\$\.pages: /);
  });
});

