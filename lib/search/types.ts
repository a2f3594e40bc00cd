/**
 * The public shapes of the criteria index. They sit apart from index.ts so that the parts
 * (search.ts, suggest.ts, hits.ts) can name them without importing the façade that wires
 * them, which would be a circle.
 */
import type { SearchableCriterion } from './flatten';
import type { LearnedExample } from './learned';

/**
 * What to rank first: one qualification (its id "habc-l3:601/4027/6" or number
 * "601/4027/6"), a set of units, or one unit. A unit is its ref ("CU795", "L/506/2150")
 * or, where refs recur across specifications, "specId:ref".
 */
export interface SearchScope {
  qualification?: string;
  /** Several qualifications (a learner on more than one). */
  qualifications?: string[];
  units?: string[];
  unit?: string;
  /** The learner's chosen units (mandatory and chosen optional): ranked before the rest of the scope. */
  chosenUnits?: string[];
  /** Criteria outside the scope: ranked after it ('after', the default) or left out ('hide'). */
  outside?: 'after' | 'hide';
}

/** Options of `search` and `suggest`. */
export interface SearchOptions {
  /** Most hits to return (default 10). */
  limit?: number;
  /** In-scope criteria rank before all others. */
  scope?: SearchScope;
}

/** One ranked criterion. */
export interface SearchHit {
  id: string;
  /** Relevance in (0, 1]; higher is better. Comparable within one result list only. */
  score: number;
  /** True when the criterion lies in the requested scope (always true without a scope). */
  inScope: boolean;
  /** Where it comes from: the learner's chosen units, the rest of the scope (or no scope given), or outside it. */
  group: 'chosen' | 'scope' | 'other';
  /** Words of the criterion (text, outcome or unit title) that matched, lower-case, for marking. */
  matched: string[];
  /** Words of the query or passage that found it (for `suggest`, bridged words show as "said→communicate"). */
  because: string[];
  /** Passage words it shares with passages the centre already tagged with this criterion (`suggest` after learning). */
  learned: string[];
  /** Passage words close in meaning to the criterion through general English word vectors (`suggest` with vectors.ts), where they share no word. */
  near?: string[];
  criterion: SearchableCriterion;
}

/** Sizes and timings of a built index. */
export interface IndexStats {
  criteria: number;
  words: number;
  stems: number;
  postings: number;
  /** Estimated bytes of the index structures, not counting the criteria themselves. */
  bytes: number;
  /** Time to build what `search` needs. */
  buildMs: number;
  /** Time taken by the first `suggest` to build its parts; null before. */
  suggestBuildMs: number | null;
}

/** A built criteria index. */
export interface CriteriaIndex {
  readonly size: number;
  readonly stats: IndexStats;
  /** Ranks criteria for a typed query: codes ("CU795 2.3", "L/506/2150 1.4", "2.3") and/or words. */
  search(query: string, options?: SearchOptions): SearchHit[];
  /** Ranks criteria that a passage of learner evidence (10 to 300 words) may meet. */
  suggest(passage: string, options?: SearchOptions): SearchHit[];
  /**
   * Replaces what `suggest` has learned with these confirmed mappings (each a criterion and
   * its passage's text); an empty list forgets it all. Returns how many were usable.
   */
  learn(examples: readonly LearnedExample[]): number;
  /** The criterion with this id, if indexed. */
  get(id: string): SearchableCriterion | undefined;
}
