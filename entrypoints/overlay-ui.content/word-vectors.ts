/**
 * The general English word vectors suggestions use (lib/search/vectors.ts), read once per page
 * from the extension's own file (public/word-vectors.bin, 2.2 MB, fetched only when the palette
 * or a card first needs the criteria, so a page with evidence paints its highlights without
 * it). Without them suggestions still work, on the passage's own words.
 */
import { browser } from 'wxt/browser';
import { parseWordVectors, type WordVectors } from '../../lib/search';

let loading: Promise<WordVectors | null> | null = null;

/** The word vectors, or null (and a note in the console) when they cannot be read. */
export function loadWordVectors(): Promise<WordVectors | null> {
  return (loading ??= fetch(browser.runtime.getURL('/word-vectors.bin'))
    .then((r) => {
      if (!r.ok) throw new Error(`HTTP ${r.status}`);
      return r.arrayBuffer();
    })
    .then(parseWordVectors)
    .catch((e: unknown) => {
      console.debug('Evidence Mapper: word vectors could not be read; suggestions match the passage by its own words:', e);
      return null;
    }));
}
