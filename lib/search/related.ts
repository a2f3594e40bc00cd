/**
 * General English knowledge for `suggest`: the words related to a word, from WordNet 3.1
 * through scripts/generate-related-words.ts (synonyms of its commonest sense, broader and
 * derived words, and words two levels broader), for the 13,000 common word forms of
 * wink-lexicon. Written for no sector and no passage; `suggest` uses a related word only
 * where the passage's own word is not in the index and the related one is, so it bridges a
 * learner's "jeans" to a specification's "dress" or "garment" in any specification.
 */
import { RELATED_WORDS } from './related-words';

const WEIGHTS = [1, 0.5, 0.25];
let rows: Map<string, string> | null = null;
const cache = new Map<string, { word: string; weight: number }[]>();

/** The words related to `word` (lower case), each with the weight of its relation. */
export function relatedWords(word: string): { word: string; weight: number }[] {
  let out = cache.get(word);
  if (!out) {
    rows ??= new Map(RELATED_WORDS.split('\n').map((line) => line.split('\t') as [string, string]));
    let row = rows.get(word) ?? '';
    if (row.startsWith('=')) row = rows.get(row.slice(1)) ?? '';
    out = row
      ? row.split('|').flatMap((part, i) => (part ? part.split(' ').map((w) => ({ word: w, weight: WEIGHTS[i] })) : []))
      : [];
    cache.set(word, out);
  }
  return out;
}
