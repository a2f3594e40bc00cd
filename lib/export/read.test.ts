import { describe, expect, it } from 'vitest';
import { readImport, sniffFile } from './read';
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
