/**
 * Writes a tag-set CSV: the header, then one row per item, streamed in chunks so a large
 * export is never one string. The rows' text is made in cells.ts. An item whose text
 * cannot be written (ill-formed) is left out and reported to `options.onSkip`.
 */
import type { CatalogueIndex } from '../../catalogue/lookup';
import { csvHead, csvLines, type CsvOptions } from '../csv';
import { ILL_FORMED, isWellFormed } from '../text';
import { TagsetWriter } from './cells';
import { ItemCheck, TAGSET_COLUMNS, type TagsetItem } from './rows';

/** Streams a tag-set CSV from batches of items. */
export async function* tagsetCsv(
  batches: AsyncIterable<TagsetItem[]> | Iterable<TagsetItem[]>,
  catalogue: CatalogueIndex,
  options: CsvOptions = {},
): AsyncGenerator<string> {
  const writer = new TagsetWriter(catalogue);
  const check = new ItemCheck();
  const size = options.batch ?? 250;
  yield csvHead(TAGSET_COLUMNS, options);
  for await (const batch of batches) {
    for (let i = 0; i < batch.length; i += size) {
      const end = Math.min(batch.length, i + size);
      const lines: string[] = [];
      for (let j = i; j < end; j++) {
        const item = batch[j];
        let why = check.problem(item);
        const line = why ? '' : writer.row(item);
        // The catalogue's words are in the row too (an imported specification's).
        if (!why && !isWellFormed(line)) why = `a catalogue text of its row ${ILL_FORMED}`;
        if (why) options.onSkip?.(`${ItemCheck.name(item)}: ${why}`);
        else lines.push(line);
      }
      if (lines.length) yield csvLines(lines);
    }
  }
}
