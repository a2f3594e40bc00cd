/**
 * English morphology beyond suffix stripping: the irregular forms a stemmer cannot reach
 * ("rang" → "ring", "told" → "tell", "spoke" → "speak", "children" → "child"). The tables
 * are WordNet's exception lists for verbs and nouns (the ones its lemmatiser, Morphy,
 * uses), as shipped by the wink-lexicon package; they are general English, written for no
 * sector and no passage. Applied to criteria and passages alike, before the stemmer.
 */
import nounExceptions from 'wink-lexicon/src/wn-noun-exceptions.js';
import verbExceptions from 'wink-lexicon/src/wn-verb-exceptions.js';

const verbs = verbExceptions as Record<string, string>;
const nouns = nounExceptions as Record<string, string>;

/** The base form of an irregular verb or noun form, or the word itself. */
export function irregularBase(word: string): string {
  return (Object.hasOwn(verbs, word) ? verbs[word] : undefined) ?? (Object.hasOwn(nouns, word) ? nouns[word] : undefined) ?? word;
}
