/**
 * Writes a tag-set CSV: the header, then one row per item, streamed in chunks so a large
 * export is never one string. The rows' text is made in cells.ts.
 */
import type { CatalogueIndex } from '../../catalogue/lookup';
import { csvHead, csvLines, type CsvOptions } from '../csv';
import { TagsetWriter } from './cells';
import { TAGSET_COLUMNS, type TagsetItem } from './rows';

/** Streams a tag-set CSV from batches of items. */
export async function* tagsetCsv(
  batches: AsyncIterable<TagsetItem[]> | Iterable<TagsetItem[]>,
  catalogue: CatalogueIndex,
  options: CsvOptions = {},
): AsyncGenerator<string> {
  const writer = new TagsetWriter(catalogue);
  const size = options.batch ?? 250;
  yield csvHead(TAGSET_COLUMNS, options);
  for await (const batch of batches) {
    for (let i = 0; i < batch.length; i += size) {
      const end = Math.min(batch.length, i + size);
      const lines = new Array<string>(end - i);
      for (let j = i; j < end; j++) lines[j - i] = writer.row(batch[j]);
      yield csvLines(lines);
    }
  }
}
