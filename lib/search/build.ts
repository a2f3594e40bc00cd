/**
 * Building the criteria index: the dictionaries `search` needs (words, unit codes,
 * numbers), built at once, and those `suggest` needs (stems, units as documents, each
 * criterion's kind), built on the first suggestion so typing a code costs nothing for
 * them. Also the scratch arrays both passes reuse.
 */
import type { RelatedLookup } from './related';
import { DenseScorer, type WordVectors } from './vectors';
import { unitIdOf, unitKey } from '../catalogue/ids';
import type { SearchableCriterion } from './flatten';
import { GroupScorer } from './groups';
import type { LearnedModel } from './learned';
import { bareNumber, UnitKeys } from './query';
import { TermDictBuilder, type TermDict } from './terms';
import { isContentWord, stem, words } from './text';
import type { SearchScope } from './types';
import { isKnowledgeCriterion } from './voice';
import { SEARCH_FIELD_WEIGHT, tuningOf, type SearchTuning } from './weights';

/** Content words and stems, remembered: unit and outcome titles repeat across a unit's criteria. */
export class TextCache {
  constructor(private readonly morphology = true) {}
  private tokenCache = new Map<string, string[]>();
  private stemCache = new Map<string, string>();

  /** The content words of a title (a criterion's own text need not be kept: tokenise it afresh). */
  tokens(s: string): string[] {
    let t = this.tokenCache.get(s);
    if (!t) {
      t = words(s).filter(isContentWord);
      this.tokenCache.set(s, t);
    }
    return t;
  }

  stem(w: string): string {
    let s = this.stemCache.get(w);
    if (s === undefined) {
      s = stem(w, this.morphology);
      this.stemCache.set(w, s);
    }
    return s;
  }
}

/** What `search` needs; criteria are numbered by their place in `criteria` ("d"). */
export interface IndexData {
  criteria: SearchableCriterion[];
  byId: Map<string, number>;
  /** Content words of text, outcome and unit title, field-weighted; with the typo index. */
  words: TermDict;
  /** The criteria of each unit, under its key ("CU795") and its id ("edi-l2:CU795"). */
  unitDocs: Map<string, number[]>;
  unitKeys: UnitKeys;
  /** The criteria printing each number ("2.3"). */
  numberDocs: Map<string, number[]>;
  text: TextCache;
}

/** What `suggest` needs besides `IndexData`. */
export interface SuggestData {
  /** Stems of text, outcome and unit title, field-weighted, for BM25F. */
  stems: TermDict;
  docLen: Float32Array;
  avgLen: number;
  /** Units as documents: a passage is usually about one situation, which a unit covers as a whole. */
  units: GroupScorer;
  unitOf: Int32Array;
  /** 1 for a knowledge criterion (voice.ts). */
  knowledge: Uint8Array;
  /** The passage's likeness with each criterion through word vectors (vectors.ts), when the index has them. */
  dense: DenseScorer | null;
  buildMs: number;
}

/**
 * Arrays of one slot per criterion that every query reuses instead of allocating (one
 * query runs at a time). A pass may use any of them; it must leave the scores zero, and
 * reads a touched list only up to the count it wrote itself.
 */
export interface Scratch {
  /** A criterion's score so far (both passes). */
  acc: Float32Array;
  /** A criterion's best match for the current query word (`search`). */
  best: Float32Array;
  /** The criteria with a non-zero `acc` / `best`, in the order first touched. */
  touchedAcc: Int32Array;
  touchedBest: Int32Array;
  /** A criterion's score for the query's unit codes and numbers (`search`). */
  codeScore: Float32Array;
  /** The scope tier a criterion ranks in for this passage (`suggest`). */
  tier: Uint8Array;
  /** A criterion's likeness with the passage through word vectors (`suggest`). */
  dense: Float32Array;
}

/** What one `search` or `suggest` reads and reuses. */
export interface Pass {
  data: IndexData;
  scratch: Scratch;
  /** The scope's mask (scope.ts), null for none. */
  masks: (scope: SearchScope | undefined) => Uint8Array | null;
  tuning: SearchTuning;
  /** What `suggest` learned from confirmed mappings, and its scratch arrays (learned.ts). */
  learning: Learning;
  /** General English words related to a passage word (related.ts), or none. */
  related: RelatedLookup | null;
  /** General English word vectors (vectors.ts), or none. */
  vectors?: WordVectors | null;
}

/** The learned model with one slot per criterion and per unit for a query's learned scores. */
export interface Learning {
  model: LearnedModel | null;
  crit: Float32Array;
  unit: Float32Array;
  /** A criterion's votes from the query's nearest tagged passages. */
  near: Float32Array;
  seen: Uint8Array;
}

export function createScratch(n: number): Scratch {
  return {
    acc: new Float32Array(n),
    best: new Float32Array(n),
    touchedAcc: new Int32Array(n),
    touchedBest: new Int32Array(n),
    codeScore: new Float32Array(n),
    tier: new Uint8Array(n),
    dense: new Float32Array(n),
  };
}

/** Builds what `search` needs. */
export function buildIndexData(criteria: SearchableCriterion[], morphology = true): IndexData {
  const N = criteria.length;
  const text = new TextCache(morphology);
  const wordsB = new TermDictBuilder();
  const unitDocs = new Map<string, number[]>();
  const byId = new Map<string, number>();
  const titleWords = new Map<string, Int32Array>();
  const wordIds = (f: string, repeats: boolean): Int32Array => {
    let t = repeats ? titleWords.get(f) : undefined;
    if (!t) {
      const toks = repeats ? text.tokens(f) : words(f).filter(isContentWord);
      t = Int32Array.from(toks, (w) => wordsB.id(w));
      if (repeats) titleWords.set(f, t);
    }
    return t;
  };
  for (let d = 0; d < N; d++) {
    const c = criteria[d];
    byId.set(c.id, d);
    for (const key of [unitKey(c.unitRef), unitIdOf(c.specId, c.unitRef)]) push(unitDocs, key, d);
    const fieldIds = [wordIds(c.text, false), wordIds(c.outcomeTitle, true), wordIds(c.unitTitle, true)];
    for (let f = 0; f < fieldIds.length; f++) {
      const ids = fieldIds[f];
      for (let i = 0; i < ids.length; i++) wordsB.addId(ids[i], d, SEARCH_FIELD_WEIGHT[f], true);
    }
  }
  const wordDict = wordsB.freeze(N, true);
  const numberDocs = new Map<string, number[]>();
  for (let d = 0; d < N; d++) push(numberDocs, bareNumber(criteria[d].number), d);
  const unitKeys = new UnitKeys([...unitDocs.keys()].filter((k) => !k.includes(':')));
  return { criteria, byId, words: wordDict, unitDocs, unitKeys, numberDocs, text };
}

/** Builds what `suggest` needs, over the same criteria. */
export function buildSuggestData({ criteria, text: cache }: IndexData, tuning: SearchTuning = tuningOf({}), vectors: WordVectors | null = null): SuggestData {
  const { suggestFieldWeight: SUGGEST_FIELD_WEIGHT, unitTitleWeight: UNIT_TITLE_WEIGHT } = tuning;
  const t1 = performance.now();
  const N = criteria.length;
  const stemsB = new TermDictBuilder();
  const docLen = new Float32Array(N);
  const units = new GroupScorer();
  const unitOf = new Int32Array(N);
  const seenOutcomes = new Set<string>();
  const titleStems = new Map<string, [Int32Array, Int32Array]>();
  // Each field's stems as ids in the criteria's dictionary and in the units'.
  const stemIds = (f: string, repeats: boolean): [Int32Array, Int32Array] => {
    let t = repeats ? titleStems.get(f) : undefined;
    if (!t) {
      const toks = repeats ? cache.tokens(f) : words(f).filter(isContentWord);
      const st = toks.map((w) => cache.stem(w));
      t = [Int32Array.from(st, (x) => stemsB.id(x)), Int32Array.from(st, (x) => units.termId(x))];
      if (repeats) titleStems.set(f, t);
    }
    return t;
  };
  for (let d = 0; d < N; d++) {
    const c = criteria[d];
    const uk = unitIdOf(c.specId, c.unitRef);
    const [u, newUnit] = units.group(uk);
    const text = stemIds(c.text, false);
    const outcome = stemIds(c.outcomeTitle, true);
    const unitTitle = stemIds(c.unitTitle, true);
    if (newUnit) units.addIds(u, unitTitle[1], UNIT_TITLE_WEIGHT);
    const ok = `${uk}:${c.outcomeNumber}:${c.outcomeTitle}`;
    if (!seenOutcomes.has(ok)) {
      seenOutcomes.add(ok);
      units.addIds(u, outcome[1], 1);
    }
    units.addIds(u, text[1], 1);
    unitOf[d] = u;
    const fields = [text[0], outcome[0], unitTitle[0]];
    let len = 0;
    for (let f = 0; f < fields.length; f++) {
      const ids = fields[f];
      len += SUGGEST_FIELD_WEIGHT[f] * ids.length;
      for (let i = 0; i < ids.length; i++) stemsB.addId(ids[i], d, SUGGEST_FIELD_WEIGHT[f], false);
    }
    docLen[d] = len;
  }
  units.freeze();
  let avgLen = 0;
  for (let d = 0; d < N; d++) avgLen += docLen[d];
  avgLen = N ? avgLen / N : 1;
  const parts: SuggestData = {
    stems: stemsB.freeze(N, true),
    docLen,
    avgLen,
    units,
    unitOf,
    knowledge: Uint8Array.from(criteria, (c) => (isKnowledgeCriterion(c) ? 1 : 0)),
    dense: vectors && tuning.denseWeight > 0 ? new DenseScorer(vectors, criteria, unitOf, SUGGEST_FIELD_WEIGHT, tuning.denseUnitShare) : null,
    buildMs: 0,
  };
  parts.buildMs = performance.now() - t1;
  return parts;
}

/** Estimated bytes held by the index structures (not the criteria themselves). */
export function indexBytes(data: IndexData, sp: SuggestData | null): number {
  const N = data.criteria.length;
  return data.words.bytes() + data.unitDocs.size * 64 + N * 8 * 3 + (sp ? sp.stems.bytes() + sp.units.bytes() + N * 9 : 0);
}

function push(lists: Map<string, number[]>, key: string, d: number): void {
  const l = lists.get(key);
  if (l) l.push(d);
  else lists.set(key, [d]);
}
