/**
 * The criteria index: find a criterion by its code or a few (misspelt) words at every
 * keystroke, and suggest criteria for a highlighted passage of a learner's evidence.
 *
 * Both work in two passes. A cheap pass over inverted indexes (words with prefix and typo
 * lookup for `search`; word stems with a BM25F weighting for `suggest`) narrows the
 * catalogue to a few dozen candidates, which are then ranked with more care. Every hit says
 * which words matched, so the UI can mark them and an assessor can see why a criterion was
 * offered.
 *
 * The parts, each testable alone:
 * - build.ts: the dictionaries (`IndexData`, and `SuggestData` built on the first
 *   suggestion) and the scratch arrays every query reuses;
 * - query.ts: reading a query into unit codes, numbers and words;
 * - scope.ts: the scope as a mask over the criteria;
 * - search.ts and suggest.ts: one pass each; hits.ts: the final order and explanations;
 * - bm25.ts, top-k.ts, voice.ts: the term weight, the heap, the passage's voice;
 * - morphology.ts: irregular forms to their base (WordNet's tables, from wink-lexicon);
 * - related.ts: general English words related to a passage word (WordNet, generated into related-words.ts,
 *   given to an index as a lookup; measured by the bench, not given by the extension);
 * - vectors.ts: general English word vectors (GloVe, public/word-vectors.bin) and the passage's
 *   likeness with each criterion through them (given to an index by the extension);
 * - learned.ts: what `suggest` learns from confirmed mappings (`learn`): centroids and nearest tagged passages;
 * - weights.ts: every weight and limit, and the bench's switches (`SearchTuning`).
 */
import { buildIndexData, buildSuggestData, createScratch, indexBytes, type Pass, type SuggestData } from './build';
import type { SearchableCriterion } from './flatten';
import { LearnedModel } from './learned';
import { lastScopeMask } from './scope';
import { search } from './search';
import { suggest } from './suggest';
import type { RelatedLookup } from './related';
import type { WordVectors } from './vectors';
import type { CriteriaIndex, IndexStats } from './types';
import { tuningOf, type SearchTuning } from './weights';

export { flattenCatalogue, type SearchableCriterion } from './flatten';
export type { CriteriaIndex, IndexStats, SearchHit, SearchOptions, SearchScope } from './types';
export type { SearchTuning } from './weights';
export type { LearnedExample } from './learned';
export { createRelearner, type LearnedAnswer } from './relearn';
export type { RelatedLookup } from './related';
export { parseWordVectors, type WordVectors } from './vectors';

/** What an index is given besides its criteria. */
export interface IndexOptions {
  /** General English words related to a passage word, for suggestions (related.ts); none without it. */
  related?: RelatedLookup;
  /** General English word vectors for suggestions (vectors.ts: public/word-vectors.bin, parsed); none without them. */
  vectors?: WordVectors | null;
}

/**
 * Builds the index once per catalogue; `tuning` is for the bench's ablations only. Suggestions
 * bridge learners' words to the specification's through `options.related` when given.
 */
export function createCriteriaIndex(criteria: SearchableCriterion[], tuning: Partial<SearchTuning> = {}, options: IndexOptions = {}): CriteriaIndex {
  const t0 = performance.now();
  const tuned = tuningOf(tuning);
  const data = buildIndexData(criteria, tuned.morphology);
  const pass: Pass = {
    data,
    scratch: createScratch(criteria.length),
    masks: lastScopeMask(criteria, data.unitDocs),
    tuning: tuned,
    learning: { model: null, crit: new Float32Array(criteria.length), unit: new Float32Array(0), near: new Float32Array(criteria.length), seen: new Uint8Array(criteria.length) },
    related: options.related ?? null,
    vectors: options.vectors ?? null,
  };
  let suggestData: SuggestData | null = null;
  const suggestParts = () => (suggestData ??= buildSuggestData(data, tuned, pass.vectors ?? null));
  const buildMs = performance.now() - t0;

  return {
    size: criteria.length,
    get stats(): IndexStats {
      const sp = suggestData;
      return {
        criteria: criteria.length,
        words: data.words.terms.length,
        stems: sp ? sp.stems.terms.length : 0,
        postings: data.words.postDocs.length + (sp ? sp.stems.postDocs.length : 0),
        bytes: indexBytes(data, sp),
        buildMs,
        suggestBuildMs: sp ? sp.buildMs : null,
      };
    },
    search: (query, options) => search(pass, query, options),
    suggest: (passage, options) => suggest(pass, suggestParts, passage, options),
    learn: (examples) => {
      const sp = suggestParts();
      const model = new LearnedModel(examples, data.byId, sp.unitOf, data.text);
      pass.learning.model = model.examples ? model : null;
      if (pass.learning.unit.length !== sp.units.scores.length) pass.learning.unit = new Float32Array(sp.units.scores.length);
      return model.examples;
    },
    get: (id) => {
      const d = data.byId.get(id);
      return d === undefined ? undefined : criteria[d];
    },
  };
}
