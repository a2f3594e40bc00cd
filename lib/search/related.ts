/**
 * General English knowledge for `suggest`: the words related to a word, from WordNet 3.1
 * through scripts/generate-related-words.ts (synonyms of its commonest sense, broader and
 * derived words, and words two levels broader), for the 13,000 common word forms of
 * wink-lexicon. Written for no sector and no passage; `suggest` uses a related word only
 * where the passage's own word is not in the index and the related one is, so it bridges a
 * learner's "jeans" to a specification's "dress" or "garment" in any specification.
 *
 * Measured, not shipped: an index uses it only when given a lookup
 * (`createCriteriaIndex(criteria, tuning, { related })`), and the extension gives none. On the
 * held-out split it found no more criteria (cold R@5 0.556 either way) and ranked them lower
 * (MRR 0.513 -> 0.479), its reasons read oddly ("uniform (as give)"), and its 600 KB table in
 * the overlay's content script slowed every page with evidence (test/fixtures/relevance/
 * learners.md). `npm run bench -- suggest` measures it through related-table.ts.
 */

/** The words related to a word (lower case), each with the weight of its relation. */
export type RelatedLookup = (word: string) => { word: string; weight: number }[];

const WEIGHTS = [1, 0.5, 0.25];

/**
 * A lookup over a table in related-words.ts's format: one line a word form,
 * "form<TAB>synonyms|broader or derived|two levels broader" or "form<TAB>=other form".
 */
export function relatedLookup(table: string): RelatedLookup {
  let rows: Map<string, string> | null = null;
  const cache = new Map<string, { word: string; weight: number }[]>();
  return (word) => {
    let out = cache.get(word);
    if (!out) {
      rows ??= new Map(table.split('\n').map((line) => line.split('\t') as [string, string]));
      let row = rows.get(word) ?? '';
      if (row.startsWith('=')) row = rows.get(row.slice(1)) ?? '';
      out = row
        ? row.split('|').flatMap((part, i) => (part ? part.split(' ').map((w) => ({ word: w, weight: WEIGHTS[i] })) : []))
        : [];
      cache.set(word, out);
    }
    return out;
  };
}
