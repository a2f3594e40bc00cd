import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readImport, sniffFile, sniffFileInSlices } from './sniff';
import { backupChunks } from './backup';
import { dataset, type Dataset } from '../../test/fixtures/export-data';
import { ImportError } from './errors';

function fails(text: string): string {
  try {
    sniffFile(text);
  } catch (e) {
    expect(e).toBeInstanceOf(ImportError);
    return (e as Error).message;
  }
  throw new Error('expected sniffing to fail');
}

describe('choosing a reader', () => {
  it('says an empty file is empty', () => {
    expect(fails('')).toBe('The file is empty.');
    expect(fails(' \n\t')).toBe('The file is empty.');
  });

  it('says a binary file is not text', () => {
    const png = String.fromCharCode(0x89) + 'PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\b\x06\0\0\0\x1f\xf3\xffa';
    expect(fails(png)).toMatch(/not text \(it looks like a binary file\)/);
  });

  it('says where truncated JSON breaks', () => {
    expect(fails('{"formatVersion":1,"learners":[{"id":"a"')).toBe('The JSON in this file is cut short: it ends inside $.learners[0]. Was it saved or downloaded completely?');
    expect(fails('{"formatVersion":1,"learners":[{"id":"a", "name": "Jo')).toBe('The JSON in this file is cut short: it ends inside $.learners[0].name. Was it saved or downloaded completely?');
    expect(fails('{\n"a": 1,\n"b": ]\n}')).toBe('The JSON in this file is broken at line 3, column 6 (in $.b).');
    expect(fails('[1, 2,, 3]')).toBe('The JSON in this file is broken at line 1, column 7 (in $[2]).');
  });

  it('recognises backups, Hypothesis annotations and CSV', () => {
    expect(sniffFile('{"formatVersion":1,"annotations":{}}').format).toBe('backup');
    expect(sniffFile('{"total":1,"rows":[{"id":"x","target":[]}]}').format).toBe('hypothesis');
    expect(sniffFile('[{"id":"x","target":[]}]').format).toBe('hypothesis');
    expect(sniffFile('\ufeffLearner,Unit\r\n').format).toBe('csv');
    expect(fails('{"hello":"world"}')).toMatch(/neither an Evidence Mapper backup .* nor Hypothesis annotations/);
  });

  it('asks for a learner before reading Hypothesis annotations', async () => {
    await expect(readImport(sniffFile('{"rows":[{"id":"x","target":[]}]}'))).rejects.toThrow(/Choose the learner/);
  });
});

describe('reading a large backup in slices', () => {
  const withPassages = dataset.filter((d) => d.passages.length > 2);
  async function backupText(ds: Dataset): Promise<string> {
    const batch = ds.passages.map((passage) => ({ passage, mappings: ds.mappings.filter((m) => m.passageId === passage.id) }));
    let out = '';
    for await (const c of backupChunks({ ...ds, specifications: [], passages: [batch.slice(0, 2), batch.slice(2)] })) out += c;
    return out;
  }

  it('property: gives exactly what one JSON.parse gives, for any backup this tool writes', async () => {
    await fc.assert(
      fc.asyncProperty(dataset, async (ds) => {
        const text = await backupText(ds);
        expect(await sniffFileInSlices(text)).toEqual(sniffFile(text));
      }),
      { numRuns: 60 },
    );
  });

  it('reports progress, and yields to the page between slices', async () => {
    const text = await backupText(fc.sample(withPassages, { seed: 7, numRuns: 1 })[0]);
    const seen: number[] = [];
    const sniffed = await sniffFileInSlices(text, (f) => seen.push(f));
    expect(sniffed.format).toBe('backup');
    expect(seen.at(-1)).toBe(1);
  });

  it('a cut-short or hand-edited backup gets the same message one JSON.parse would give', async () => {
    const text = await backupText(fc.sample(withPassages, { seed: 3, numRuns: 1 })[0]);
    const cut = text.slice(0, Math.floor(text.length * 0.6));
    await expect(sniffFileInSlices(cut)).rejects.toThrow(/cut short/);
    const broken = text.replace('"type":"Annotation"', '"type":"Annotation",,');
    expect(broken).not.toBe(text);
    await expect(sniffFileInSlices(broken)).rejects.toThrow(/broken at line/);
    // Pretty-printed by another tool: not line-per-annotation, still read whole.
    const pretty = JSON.stringify(JSON.parse(text), null, 2);
    expect(await sniffFileInSlices(pretty)).toEqual(sniffFile(text));
  });
});
