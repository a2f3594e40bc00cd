/**
 * The lookup over the whole WordNet table (related-words.ts, 600 KB), for the bench and tests
 * only: the extension never imports it (see related.ts).
 */
import { relatedLookup } from './related';
import { RELATED_WORDS } from './related-words';

export const relatedWords = relatedLookup(RELATED_WORDS);
