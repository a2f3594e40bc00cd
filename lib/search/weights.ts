/**
 * Every weight and limit of the criteria index, and the switches the bench turns to
 * measure what each part of `suggest` contributes (scripts/bench/search.ts and suggest.ts).
 * The weights of `suggest` were chosen on the odd-numbered half of the older relevance set
 * and, since issue 18, on the tuning split of test/fixtures/relevance/learners.json; the
 * benches print the held-out parts beside them.
 */
import type { IFuseOptions } from 'fuse.js';
import type { SearchableCriterion } from './flatten';

// Field weights (criterion text, outcome title, unit title): a word in the criterion's own
// text says most; its outcome and unit titles give context shared by many criteria.
export const SEARCH_FIELD_WEIGHT = [1, 0.6, 0.5];
const SUGGEST_FIELD_WEIGHT: [number, number, number] = [1, 0.5, 0.35];

/** BM25's term-frequency saturation, for criteria and units alike. */
export const BM25_K1 = 1.2;
/** BM25's length normalisation (0 none, 1 full), for criteria and units alike. */
export const BM25_B = 0.5;

/** Candidates the cheap pass keeps per query (`search`) or passage (`suggest`) for the final ranking. */
export const SEARCH_CANDIDATES = 48;
export const SUGGEST_CANDIDATES = 60;
/** Of `search`'s candidates, those fuse.js re-scores per keystroke: enough to reorder the top of the list. */
export const FUSE_SEARCH_CANDIDATES = 16;

/** Longest query read: beyond this a "query" is a paste, and its head says enough. */
export const MAX_QUERY_CHARS = 200;
export const MAX_QUERY_TOKENS = 12;
export const MAX_PASSAGE_CHARS = 4000;

/** A query with codes and words: the codes' share of the score; the words have the rest. */
export const CODE_SHARE = 0.6;
/** fuse.js's share of a word score in `search`; the rest is the inverted-index score. */
const FUSE_SHARE_SEARCH = 0.4;
/** The unit's match with the passage: its share of a criterion's suggest score (0.6 before learners.json; 0.45 chosen on its tuning split). */
const UNIT_SHARE = 0.45;
/**
 * How far the passage's voice moves performance against knowledge criteria: an account of
 * what was done ("I rang her back") evidences "be able to" criteria; an explanation
 * ("you should...because") evidences "understand"/"explain" ones. ±KIND_WEIGHT/2 at most.
 */
const KIND_WEIGHT = 0.4;
/**
 * Learning from confirmed mappings, added to the cold-start score (which is at most about
 * 1.2): a criterion's cosine with the centroid of the passages tagged with it, its unit's
 * cosine with its unit's centroid, and the votes of the passage's ten nearest tagged
 * passages (each its cosine, for the criteria it was tagged with). Chosen on the tuning
 * split of learners.json after learning from the learning pool (learners-pool.json, 20
 * mappings per unit), checked against learning from the split's own other folds (about 8
 * per unit, where each criterion has one or two passages): unit centroid 6 → 15 and
 * neighbours 1.5 give pool R@5 0.696 → 0.917 in scope with the folds' 0.623 → 0.633; the
 * neighbours at 3 gave the pool 0.889 but the folds 0.581 (with few passages per criterion
 * a passage's neighbours were tagged with its unit's other criteria).
 */
const LEARN_WEIGHT = 0.3;
const LEARN_UNIT_WEIGHT = 15;
/** The query's nearest tagged passages: how many vote, how sharply a closer one counts, and the votes' weight. */
const LEARN_NEAR_K = 10;
const LEARN_NEAR_POWER = 1;
const LEARN_NEAR_WEIGHT = 1.5;
/**
 * A criterion of the learner's chosen units ranks above the rest of the qualification when
 * its score is at least this share of the best in scope; below it, it ranks among the rest
 * (0.3 chosen on the tuning split: 0.512 → 0.506 cold there, against 0.429 at 0.5).
 */
const CHOSEN_MIN_SHARE = 0.3;
/** A unit title word counts this many times in the unit as a whole. */
const UNIT_TITLE_WEIGHT = 3;
/** A misspelt passage word ("recieved") counts this much of its weight through its nearest stem. */
const MISSPELT_WEIGHT = 0.7;
/**
 * A passage word the index lacks counts through the related words it prints (related.ts),
 * at this share of a word's weight times the relation's (synonym 1, broader or derived 0.5,
 * two levels broader 0.25). Chosen on the tuning split: cold R@5/MRR in scope 0.506/0.427
 * without, 0.558/0.449 at 0.5, 0.575/0.461 at 0.7, 0.558/0.448 at 1; after learning from the
 * pool 0.917 without, 0.905 at 0.7. Used only where an index is given the related words'
 * lookup: the extension gives none (related.ts says why), the bench does.
 */
const RELATED_WEIGHT = 0.7;

/**
 * The passage's likeness with a criterion through general English word vectors (vectors.ts),
 * scaled within the scope to 0..1 (0 at the scope's average) and added at this weight; a
 * quarter of it is the criterion's unit's vector, the rest its own. Chosen on the tuning
 * split of learners.json, cold in scope, R@5/MRR: 0.506/0.427 without; weight 0.4, 0.6,
 * 0.8, 1 (unit share 0.25): 0.560/0.461, 0.583/0.460, 0.565/0.448, 0.573/0.449; unit share
 * 0, 0.25, 0.5, 0.75 (weight 0.6): 0.577/0.459, 0.583/0.460, 0.565/0.452, 0.571/0.488.
 * Once suggestions have learned, 0.3: after the pool 0.917 without, 0.917 at 0.15, 0.923 at
 * 0.3, 0.917 at 0.6, and cross-validated over the tuning split's folds 0.633, 0.687, 0.722,
 * 0.718 (over the whole catalogue after the pool, 0.768 without, 0.726 at 0.3: the price).
 */
const DENSE_WEIGHT = 0.6;
const DENSE_UNIT_SHARE = 0.25;
const DENSE_LEARNED_WEIGHT = 0.3;

/** fuse.js over a few candidates of `search`: the criterion's text first, its titles as context. */
export const FUSE_OPTIONS: IFuseOptions<SearchableCriterion> = {
  keys: [
    { name: 'text', weight: 1 },
    { name: 'outcomeTitle', weight: 0.4 },
    { name: 'unitTitle', weight: 0.4 },
  ],
  includeScore: true,
  ignoreLocation: true,
  threshold: 0.4,
};

/**
 * Switches for measuring what each part contributes (the benchmark's ablations); the
 * defaults are what the product uses.
 */
export interface SearchTuning {
  /** Take irregular forms to their base before stemming (morphology.ts; default true). */
  morphology: boolean;
  /** fuse.js's share of a word score in `search` (default 0.4; 0 leaves fuse.js out). */
  fuseShareSearch: number;
  /** The unit's share of a criterion's score in `suggest` (default 0.45; 0 ranks criteria alone). */
  unitShare: number;
  /** Weight of a criterion's cosine with its tagged passages' centroid (learned.ts; 0 ignores learning). */
  learnWeight: number;
  /** Weight of the unit's cosine with its tagged passages' centroid. */
  learnUnitWeight: number;
  /** Weight of the votes of the query's nearest tagged passages (0 ignores them). */
  learnNearWeight: number;
  /** How many nearest tagged passages vote. */
  learnNearK: number;
  /** A vote is the neighbour's cosine raised to this power. */
  learnNearPower: number;
  /** BM25's k1 and b in `suggest` (criteria and units). */
  bm25K1: number;
  bm25B: number;
  /** `suggest`'s field weights: criterion text, outcome title, unit title. */
  suggestFieldWeight: [number, number, number];
  /** How many times a unit title word counts in its unit as a document. */
  unitTitleWeight: number;
  /** A chosen unit's match ranks first only from this share of the best in scope. */
  chosenMinShare: number;
  /** A misspelt passage word's weight through its nearest stem. */
  misspeltWeight: number;
  /** Weight of the general English words related to a passage word the index lacks (related.ts; 0 ignores them). */
  relatedWeight: number;
  /** Weight of the passage's likeness with a criterion through word vectors (vectors.ts; 0 ignores them). */
  denseWeight: number;
  /** Its weight once suggestions have learned from confirmed mappings. */
  denseLearnedWeight: number;
  /** The unit's share of that likeness (the rest is the criterion's own). */
  denseUnitShare: number;
  /** How much the passage's voice favours performance or knowledge criteria (default 0.4; 0 ignores it). */
  kindWeight: number;
}

/** The product's tuning, with any switches the caller set. */
export function tuningOf(tuning: Partial<SearchTuning>): SearchTuning {
  return {
    morphology: tuning.morphology ?? true,
    fuseShareSearch: tuning.fuseShareSearch ?? FUSE_SHARE_SEARCH,
    unitShare: tuning.unitShare ?? UNIT_SHARE,
    kindWeight: tuning.kindWeight ?? KIND_WEIGHT,
    learnWeight: tuning.learnWeight ?? LEARN_WEIGHT,
    learnUnitWeight: tuning.learnUnitWeight ?? LEARN_UNIT_WEIGHT,
    bm25K1: tuning.bm25K1 ?? BM25_K1,
    bm25B: tuning.bm25B ?? BM25_B,
    suggestFieldWeight: tuning.suggestFieldWeight ?? SUGGEST_FIELD_WEIGHT,
    unitTitleWeight: tuning.unitTitleWeight ?? UNIT_TITLE_WEIGHT,
    chosenMinShare: tuning.chosenMinShare ?? CHOSEN_MIN_SHARE,
    misspeltWeight: tuning.misspeltWeight ?? MISSPELT_WEIGHT,
    relatedWeight: tuning.relatedWeight ?? RELATED_WEIGHT,
    learnNearWeight: tuning.learnNearWeight ?? LEARN_NEAR_WEIGHT,
    learnNearK: tuning.learnNearK ?? LEARN_NEAR_K,
    learnNearPower: tuning.learnNearPower ?? LEARN_NEAR_POWER,
    denseWeight: tuning.denseWeight ?? DENSE_WEIGHT,
    denseUnitShare: tuning.denseUnitShare ?? DENSE_UNIT_SHARE,
    denseLearnedWeight: tuning.denseLearnedWeight ?? tuning.denseWeight ?? DENSE_LEARNED_WEIGHT,
  };
}
