/**
 * The criteria index: find a criterion by its code or a few (misspelt) words at every
 * keystroke, and suggest criteria for a highlighted passage of a learner's evidence.
 *
 * Both work in two passes. A cheap pass over inverted indexes (words with prefix and
 * typo lookup for `search`; word stems with a BM25F weighting for `suggest`) narrows the
 * catalogue to a few dozen candidates; for `search`, fuse.js then scores only those, so its
 * cost per keystroke does not grow with the catalogue (fuse.js over everything takes tens
 * of milliseconds on two thousand criteria, seconds on a hundred thousand). `suggest`
 * ranks by the term weighting alone: fuse.js's fuzzy character match of a passage's words
 * against the candidates added nothing the stem weighting had not said, and cost recall.
 * `suggest` also scores whole units against the passage (a unit covers the situation a
 * passage tells of better than one short criterion does) and reads the passage's voice:
 * an account of doing lifts "be able to" criteria, an explanation lifts "understand" ones.
 * Every hit says which words matched, so the UI can mark them and an assessor can see
 * why a criterion was offered.
 */
import Fuse, { type IFuseOptions } from 'fuse.js';
import { NUMBER, splitQuery } from '../catalogue/codes';
import { localPartOf, specIdOf, unitIdOf, unitKey } from '../catalogue/ids';
import { bridge, CONCEPT_WEIGHT } from './concepts';
import type { SearchableCriterion } from './flatten';
import { GroupScorer } from './groups';
import { TermDictBuilder, type TermDict } from './terms';
import { isContentWord, stem, words } from './text';

export { flattenCatalogue, type SearchableCriterion } from './flatten';

/**
 * What to rank first: one qualification (its id "habc-l3:601/4027/6" or number
 * "601/4027/6"), a set of units, or one unit. A unit is its ref ("CU795", "L/506/2150")
 * or, where refs recur across specifications, "specId:ref".
 */
export interface SearchScope {
  qualification?: string;
  units?: string[];
  unit?: string;
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
  /** Words of the criterion (text, outcome or unit title) that matched, lower-case, for marking. */
  matched: string[];
  /** Words of the query or passage that found it (for `suggest`, bridged words show as "said→communicate"). */
  because: string[];
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
  /** The criterion with this id, if indexed. */
  get(id: string): SearchableCriterion | undefined;
}

// Field weights: a word in the criterion's own text says most; its outcome and unit
// titles give context shared by many criteria.
const SEARCH_FIELD_WEIGHT = [1, 0.6, 0.5];
const SUGGEST_FIELD_WEIGHT = [1, 0.5, 0.35];
const BM25_K1 = 1.2;
const BM25_B = 0.5;
/** Candidates handed to fuse.js per query. */
const SEARCH_CANDIDATES = 48;
const SUGGEST_CANDIDATES = 60;
/** Candidates fuse.js re-scores per keystroke: enough to reorder the top of the list. */
const FUSE_SEARCH_CANDIDATES = 16;
/** Longest query read: beyond this a "query" is a paste, and its head says enough. */
const MAX_QUERY_CHARS = 200;
const MAX_QUERY_TOKENS = 12;
const MAX_PASSAGE_CHARS = 4000;
/** fuse.js's share of a word score; the rest is the inverted-index score. */
const FUSE_SHARE_SEARCH = 0.4;
/** The unit's match with the passage: its share of a criterion's suggest score (0.6 chosen on the tuning half). */
const UNIT_SHARE = 0.6;
/**
 * How far the passage's voice moves performance against knowledge criteria: an account of
 * what was done ("I rang her back") evidences "be able to" criteria; an explanation
 * ("you should...because") evidences "understand"/"explain" ones. ±KIND_WEIGHT/2 at most.
 */
const KIND_WEIGHT = 0.4;
/** A unit title word counts this many times in the unit as a whole. */
const UNIT_TITLE_WEIGHT = 3;

const FUSE_OPTIONS: IFuseOptions<SearchableCriterion> = {
  keys: [
    { name: 'text', weight: 1 },
    { name: 'outcomeTitle', weight: 0.4 },
    { name: 'unitTitle', weight: 0.4 },
  ],
  includeScore: true,
  ignoreLocation: true,
  threshold: 0.4,
};

interface QueryWord {
  word: string;
  /** May be the start of a longer word (being typed). */
  prefix: boolean;
}

interface ParsedQuery {
  units: { key: string; exact: boolean }[];
  numbers: { value: string; exact: boolean }[];
  words: QueryWord[];
}

/**
 * Switches for measuring what each part contributes (the benchmark's ablations); the
 * defaults are what the product uses.
 */
export interface SearchTuning {
  /** Bridge learner words to specification words in `suggest` (default true). */
  concepts: boolean;
  /** fuse.js's share of a word score in `search` (default 0.4; 0 leaves fuse.js out). */
  fuseShareSearch: number;
  /** The unit's share of a criterion's score in `suggest` (default 0.6; 0 ranks criteria alone). */
  unitShare: number;
  /** How much the passage's voice favours performance or knowledge criteria (default 0.4; 0 ignores it). */
  kindWeight: number;
}

/** Builds the index once per catalogue. */
export function createCriteriaIndex(criteria: SearchableCriterion[], tuning: Partial<SearchTuning> = {}): CriteriaIndex {
  const useConcepts = tuning.concepts ?? true;
  const fuseShareSearch = tuning.fuseShareSearch ?? FUSE_SHARE_SEARCH;
  const unitShare = tuning.unitShare ?? UNIT_SHARE;
  const kindWeight = tuning.kindWeight ?? KIND_WEIGHT;
  const t0 = performance.now();
  const N = criteria.length;
  const wordsB = new TermDictBuilder();
  const unitDocs = new Map<string, number[]>();
  const byId = new Map<string, number>();

  // Unit and outcome titles repeat across a unit's criteria: tokenise each once.
  const tokenCache = new Map<string, string[]>();
  const tokensOf = (s: string) => {
    let t = tokenCache.get(s);
    if (!t) {
      t = words(s).filter(isContentWord);
      tokenCache.set(s, t);
    }
    return t;
  };
  const stemCache = new Map<string, string>();
  const stemOf = (w: string) => {
    let s = stemCache.get(w);
    if (s === undefined) {
      s = stem(w);
      stemCache.set(w, s);
    }
    return s;
  };

  // Search needs the word index only; the stem and unit indexes behind `suggest` are built
  // on the first suggestion, so typing a code costs nothing for them.
  const titleWords = new Map<string, Int32Array>();
  const wordIds = (f: string, repeats: boolean): Int32Array => {
    let t = repeats ? titleWords.get(f) : undefined;
    if (!t) {
      const toks = repeats ? tokensOf(f) : words(f).filter(isContentWord);
      t = Int32Array.from(toks, (w) => wordsB.id(w));
      if (repeats) titleWords.set(f, t);
    }
    return t;
  };
  for (let d = 0; d < N; d++) {
    const c = criteria[d];
    byId.set(c.id, d);
    const uk = unitIdOf(c.specId, c.unitRef);
    for (const key of [unitKey(c.unitRef), uk]) {
      const l = unitDocs.get(key);
      if (l) l.push(d);
      else unitDocs.set(key, [d]);
    }
    const fieldIds = [wordIds(c.text, false), wordIds(c.outcomeTitle, true), wordIds(c.unitTitle, true)];
    for (let f = 0; f < fieldIds.length; f++) {
      const ids = fieldIds[f];
      for (let i = 0; i < ids.length; i++) wordsB.addId(ids[i], d, SEARCH_FIELD_WEIGHT[f], true);
    }
  }
  const wordDict = wordsB.freeze(N, true);
  titleWords.clear(); // the search closures share this scope: drop build-only data

  interface SuggestParts {
    stemDict: TermDict;
    docLen: Float32Array;
    avgLen: number;
    units: GroupScorer;
    unitOf: Int32Array;
    knowledge: Uint8Array;
    buildMs: number;
  }
  let suggestParts: SuggestParts | null = null;
  function prepareSuggest(): SuggestParts {
    if (suggestParts) return suggestParts;
    const t1 = performance.now();
    const stemsB = new TermDictBuilder();
    const docLen = new Float32Array(N);
    // Units as documents too: a passage is usually about one situation, which a unit covers
    // as a whole, so a unit that matches the passage well lifts all of its criteria.
    const units = new GroupScorer();
    const unitOf = new Int32Array(N);
    const seenOutcomes = new Set<string>();
    const titleStems = new Map<string, [Int32Array, Int32Array]>();
    const stemIds = (f: string, repeats: boolean): [Int32Array, Int32Array] => {
      let t = repeats ? titleStems.get(f) : undefined;
      if (!t) {
        const toks = repeats ? tokensOf(f) : words(f).filter(isContentWord);
        const st = toks.map(stemOf);
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
    suggestParts = {
      stemDict: stemsB.freeze(N, true),
      docLen,
      avgLen,
      units,
      unitOf,
      knowledge: Uint8Array.from(criteria, (c) => (isKnowledgeCriterion(c) ? 1 : 0)),
      buildMs: 0,
    };
    suggestParts.buildMs = performance.now() - t1;
    return suggestParts;
  }
  const numberDocs = new Map<string, number[]>();
  for (let d = 0; d < N; d++) {
    const n = bareNumber(criteria[d].number);
    const l = numberDocs.get(n);
    if (l) l.push(d);
    else numberDocs.set(n, [d]);
  }
  const numberKeys = [...numberDocs.keys()];
  const unitKeys = [...unitDocs.keys()].filter((k) => !k.includes(':')).sort();
  const unitKeySet = new Set(unitKeys);

  // Scratch arrays reused by every query (one query runs at a time).
  const acc = new Float32Array(N);
  const best = new Float32Array(N);
  const touchedAcc = new Int32Array(N);
  const touchedBest = new Int32Array(N);
  const codeScore = new Float32Array(N);

  let scopeKey = '';
  let scopeMask: Uint8Array | null = null;
  function maskFor(scope: SearchScope | undefined): Uint8Array | null {
    if (!scope || (!scope.qualification && !scope.unit && !scope.units?.length)) return null;
    const key = JSON.stringify(scope);
    if (key === scopeKey) return scopeMask;
    const mask = new Uint8Array(N);
    if (scope.qualification) {
      const q = scope.qualification.trim().toLowerCase();
      for (let d = 0; d < N; d++) {
        if (criteria[d].qualificationIds.some((id) => id.toLowerCase() === q || id.toLowerCase().endsWith(`:${q}`))) mask[d] = 1;
      }
    }
    for (const ref of [...(scope.units ?? []), ...(scope.unit ? [scope.unit] : [])]) {
      const k = ref.includes(':') ? unitIdOf(specIdOf(ref), localPartOf(ref)) : unitKey(ref);
      for (const d of unitDocs.get(k) ?? []) mask[d] = 1;
    }
    scopeKey = key;
    scopeMask = mask;
    return mask;
  }

  function parse(query: string): ParsedQuery {
    const q = query.length > MAX_QUERY_CHARS ? query.slice(0, MAX_QUERY_CHARS) : query;
    const open = !/\s$/.test(q) && q.length < MAX_QUERY_CHARS; // last token still being typed
    const raw = splitQuery(q).slice(0, MAX_QUERY_TOKENS);
    const out: ParsedQuery = { units: [], numbers: [], words: [] };
    for (let i = 0; i < raw.length; ) {
      let used = 0;
      for (let len = Math.min(3, raw.length - i); len >= 1 && !used; len--) {
        const k = unitKey(raw.slice(i, i + len).join(''));
        if (!/[A-Z]/.test(k) || !/\d/.test(k) || k.includes('.')) continue;
        if (unitKeySet.has(k)) {
          out.units.push({ key: k, exact: true });
          used = len;
        } else if (open && i + len === raw.length && k.length >= 3 && hasKeyWithPrefix(k)) {
          out.units.push({ key: k, exact: false });
          used = len;
        }
      }
      if (used) {
        i += used;
        continue;
      }
      const t = raw[i];
      if (NUMBER.test(t)) {
        const v = t.replace(/\.$/, '');
        out.numbers.push({ value: v, exact: v.includes('.') && !(open && i === raw.length - 1 && t.endsWith('.')) });
      } else {
        const ws = words(t);
        ws.forEach((w, j) => {
          const last = i === raw.length - 1 && j === ws.length - 1;
          out.words.push({ word: w, prefix: (last && open) || w.length >= 3 });
        });
      }
      i++;
    }
    // Stopwords say nothing unless they are all there is, or still being typed.
    const content = out.words.filter((w, i) => isContentWord(w.word) || (w.prefix && i === out.words.length - 1 && w.word.length > 1));
    out.words = content.length ? content : out.words.filter((w) => w.word.length > 1);
    return out;
  }

  function hasKeyWithPrefix(k: string): boolean {
    let lo = 0;
    let hi = unitKeys.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (unitKeys[mid] < k) lo = mid + 1;
      else hi = mid;
    }
    return lo < unitKeys.length && unitKeys[lo].startsWith(k);
  }

  /** The terms a query word can mean: exact, completions, near misses. */
  function expandWord(dict: TermDict, qw: QueryWord): { term: number; quality: number }[] {
    const out: { term: number; quality: number }[] = [];
    const exact = dict.ids.get(qw.word);
    if (exact !== undefined) out.push({ term: exact, quality: 1 });
    if (qw.prefix) {
      for (const t of dict.prefixed(qw.word, 40)) {
        out.push({ term: t, quality: 0.7 + 0.25 * (qw.word.length / dict.terms[t].length) });
      }
    }
    // Near misses only for a word the catalogue does not know and hardly completes.
    if (exact === undefined && out.length < 2 && qw.word.length >= 4) {
      for (const { term, distance } of dict.fuzzy(qw.word, false, 6)) out.push({ term, quality: 0.85 - 0.12 * distance });
      if (qw.prefix) {
        for (const { term, distance } of dict.fuzzy(qw.word, true, 6)) {
          if (!out.some((o) => o.term === term)) out.push({ term, quality: 0.7 - 0.12 * distance });
        }
      }
    }
    return out;
  }

  /** Picks the k best documents among those touched, in-scope ones first. */
  function topK(touched: Int32Array, n: number, score: (d: number) => number, mask: Uint8Array | null, k: number): number[] {
    const heapD: number[] = [];
    const heapS: number[] = [];
    const key = (d: number) => score(d) + (mask && mask[d] ? 10 : 0);
    for (let i = 0; i < n; i++) {
      const d = touched[i];
      const s = key(d);
      if (heapD.length < k) {
        heapD.push(d);
        heapS.push(s);
        siftUp(heapD, heapS, heapD.length - 1);
      } else if (s > heapS[0] || (s === heapS[0] && d < heapD[0])) {
        heapD[0] = d;
        heapS[0] = s;
        siftDown(heapD, heapS, 0);
      }
    }
    return heapD;
  }

  /** fuse.js scores (0 best) of the candidates for a word query. */
  /**
   * fuse.js scores (0 best, 1 no match) of the candidates: each query word is matched on
   * its own, so order does not matter, and the word scores are averaged by weight.
   */
  function fuseScores(docs: number[], terms: { term: string; weight: number }[]): Map<number, number> {
    const out = new Map<number, number>();
    // One or two letters tell fuse.js nothing the prefix lookup has not said.
    const useful = terms.filter((t) => t.term.length >= 3 && t.weight > 0);
    if (!useful.length || !docs.length) return out;
    const fuse = new Fuse(docs.map((d) => criteria[d]), FUSE_OPTIONS);
    const total = useful.reduce((n, t) => n + t.weight, 0);
    const good = new Map<number, number>();
    for (const { term, weight } of useful) {
      for (const r of fuse.search(term)) good.set(r.refIndex, (good.get(r.refIndex) ?? 0) + weight * (1 - (r.score ?? 1)));
    }
    for (const [i, g] of good) out.set(docs[i], 1 - g / total);
    return out;
  }

  function matchedWords(d: number, termSet: Set<string>, asStems: boolean): string[] {
    const seen = new Set<string>();
    const c = criteria[d];
    // Titles repeat (cached); a criterion's own text is tokenised afresh, not kept.
    for (const toks of [words(c.text), tokensOf(c.outcomeTitle), tokensOf(c.unitTitle)]) {
      for (const w of toks) {
        if (termSet.has(asStems ? stemOf(w) : w)) seen.add(w);
      }
    }
    return [...seen];
  }

  function finish(ranked: { d: number; score: number }[], mask: Uint8Array | null, limit: number,
    explain: (d: number) => { matched: string[]; because: string[] }): SearchHit[] {
    ranked.sort((a, b) => {
      const ia = mask ? mask[a.d] : 1;
      const ib = mask ? mask[b.d] : 1;
      return ib - ia || b.score - a.score || a.d - b.d;
    });
    return ranked.slice(0, limit).map(({ d, score }) => ({
      id: criteria[d].id,
      score: Math.max(0.001, Math.min(1, score)),
      inScope: mask ? mask[d] === 1 : true,
      ...explain(d),
      criterion: criteria[d],
    }));
  }

  function search(query: string, options: SearchOptions = {}): SearchHit[] {
    const limit = Math.max(0, options.limit ?? 10);
    if (!limit || typeof query !== 'string' || !query.trim()) return [];
    const p = parse(query);
    if (!p.units.length && !p.numbers.length && !p.words.length) return [];
    const mask = maskFor(options.scope);

    // Codes: a unit named exactly confines the search to it; numbers and unit prefixes only lift.
    let nCode = 0;
    let codeDocs: number[] | null = null;
    const codeTouched: number[] = [];
    const bump = (d: number, v: number) => {
      if (codeScore[d] === 0) codeTouched.push(d);
      codeScore[d] += v;
    };
    const exactUnits = p.units.filter((u) => u.exact);
    if (p.units.length) {
      nCode++;
      const set = new Set<number>();
      for (const u of p.units) {
        if (u.exact) for (const d of unitDocs.get(u.key) ?? []) set.add(d);
        else for (const k of unitKeys) if (k.startsWith(u.key)) for (const d of unitDocs.get(k)!) set.add(d);
      }
      codeDocs = [...set];
      for (const d of codeDocs) bump(d, exactUnits.length ? 1 : 0.7);
    }
    if (p.numbers.length) {
      nCode++;
      const hit: number[] = [];
      const score = (d: number) => {
        let v = 0;
        for (const n of p.numbers) v = Math.max(v, numberMatch(criteria[d].number, n));
        return v;
      };
      if (codeDocs) {
        for (const d of codeDocs) {
          const v = score(d);
          if (v) bump(d, v);
        }
      } else {
        // All criteria printing one number share its score: look it up once per number.
        for (const k of numberKeys) {
          let v = 0;
          for (const n of p.numbers) v = Math.max(v, numberMatch(k, n));
          if (!v) continue;
          for (const d of numberDocs.get(k)!) {
            hit.push(d);
            bump(d, v);
          }
        }
        if (!p.words.length) codeDocs = hit;
      }
    }

    // Words: each query word adds its best-matching term's weight (idf × field × quality).
    let nAcc = 0;
    let norm = 0;
    const termSet = new Set<string>();
    const because: { word: string; terms: Set<string> }[] = [];
    const fuseTerms: { term: string; weight: number }[] = [];
    const allowed = codeDocs && exactUnits.length ? new Set(codeDocs) : null;
    for (const qw of p.words) {
      const exp = expandWord(wordDict, qw);
      if (!exp.length) {
        norm += 1; // an unknown word still counts against coverage
        continue;
      }
      let tokNorm = 0;
      let nBest = 0;
      for (const { term, quality } of exp) {
        termSet.add(wordDict.terms[term]);
        const w = quality * wordDict.idf[term];
        if (w > tokNorm) tokNorm = w;
        for (let i = wordDict.offsets[term], e = wordDict.offsets[term + 1]; i < e; i++) {
          const d = wordDict.postDocs[i];
          if (allowed && !allowed.has(d)) continue;
          const v = w * wordDict.postWeights[i];
          if (best[d] === 0) touchedBest[nBest++] = d;
          if (v > best[d]) best[d] = v;
        }
      }
      norm += tokNorm;
      fuseTerms.push({ term: qw.word, weight: tokNorm });
      because.push({ word: qw.word, terms: new Set(exp.map((x) => wordDict.terms[x.term])) });
      for (let i = 0; i < nBest; i++) {
        const d = touchedBest[i];
        if (acc[d] === 0) touchedAcc[nAcc++] = d;
        acc[d] += best[d];
        best[d] = 0;
      }
    }
    for (const d of codeTouched) if (acc[d] === 0 && (!p.words.length || allowed)) touchedAcc[nAcc++] = d;
    const wordScore = (d: number) => (norm ? acc[d] / norm : 0);
    const codePart = (d: number) => (nCode ? codeScore[d] / nCode : 0);
    const cheap = (d: number) => (nCode && p.words.length ? 0.6 * codePart(d) + 0.4 * wordScore(d) : nCode ? codePart(d) : wordScore(d));

    let ranked: { d: number; score: number }[];
    if (p.words.length) {
      const cands = topK(touchedAcc, nAcc, cheap, mask, Math.max(SEARCH_CANDIDATES, limit));
      const fz = fuseShareSearch ? fuseScores(bestOf(cands, cheap, FUSE_SEARCH_CANDIDATES), fuseTerms) : new Map<number, number>();
      ranked = cands.map((d) => {
        const ws = (1 - fuseShareSearch) * wordScore(d) + fuseShareSearch * (1 - (fz.get(d) ?? 1));
        return { d, score: nCode ? 0.6 * codePart(d) + 0.4 * ws : ws };
      });
    } else {
      ranked = topK(touchedAcc, nAcc, cheap, mask, limit).map((d) => ({ d, score: cheap(d) }));
    }
    const hits = finish(ranked, mask, limit, (d) => ({
      matched: [
        ...(codeScore[d] && p.units.length ? [criteria[d].unitRef.toLowerCase()] : []),
        ...(codeScore[d] && p.numbers.length ? [criteria[d].number] : []),
        ...matchedWords(d, termSet, false),
      ],
      because: because.filter((b) => matchedWords(d, b.terms, false).length > 0).map((b) => b.word),
    }));
    for (let i = 0; i < nAcc; i++) acc[touchedAcc[i]] = 0;
    for (const d of codeTouched) codeScore[d] = 0;
    return hits;
  }

  function suggest(passage: string, options: SearchOptions = {}): SearchHit[] {
    const limit = Math.max(0, options.limit ?? 10);
    if (!limit || typeof passage !== 'string' || !passage.trim()) return [];
    const mask = maskFor(options.scope);
    const { stemDict, docLen, avgLen, units, unitOf, knowledge } = prepareSuggest();
    const text = passage.length > MAX_PASSAGE_CHARS ? passage.slice(0, MAX_PASSAGE_CHARS) : passage;

    // Query stems with saturated counts, then bridged specification words at a lower weight.
    const ws = words(text);
    const tf = new Map<string, number>();
    const source = new Map<string, string>();
    const stemsSeq: string[] = [];
    for (const w of ws) {
      if (!isContentWord(w)) {
        stemsSeq.push('');
        continue;
      }
      const s = stemOf(w);
      stemsSeq.push(s);
      tf.set(s, (tf.get(s) ?? 0) + 1);
      if (!source.has(s)) source.set(s, w);
    }
    const qWeight = new Map<string, number>();
    for (const [s, n] of tf) qWeight.set(s, 1 + Math.log(n));
    const bridged = new Map<string, number>();
    const addBridge = (from: string, label: string, n: number) => {
      if (!useConcepts) return;
      for (const t of bridge(from)) {
        if (qWeight.has(t)) continue;
        bridged.set(t, Math.max(bridged.get(t) ?? 0, CONCEPT_WEIGHT * n));
        if (!source.has(t)) source.set(t, `${label}→${t}`);
      }
    };
    for (const [s, n] of tf) addBridge(s, source.get(s)!, 1 + Math.log(n));
    for (let i = 0; i + 1 < stemsSeq.length; i++) {
      if (stemsSeq[i] && stemsSeq[i + 1]) addBridge(`${stemsSeq[i]} ${stemsSeq[i + 1]}`, `${ws[i]} ${ws[i + 1]}`, 1);
    }
    for (const [t, w] of bridged) qWeight.set(t, w);
    // A misspelt learner word ("recieved") counts through its nearest indexed stem.
    for (const [s, w] of [...qWeight]) {
      if (stemDict.ids.has(s) || s.length < 5 || bridged.has(s)) continue;
      const near = stemDict.fuzzy(s, false, 1)[0];
      if (near && !qWeight.has(stemDict.terms[near.term])) {
        qWeight.set(stemDict.terms[near.term], 0.7 * w);
        source.set(stemDict.terms[near.term], `${source.get(s)}~`);
      }
    }

    let nAcc = 0;
    for (const [s, qw] of qWeight) {
      const t = stemDict.ids.get(s);
      if (t === undefined) continue;
      const idf = stemDict.idf[t];
      for (let i = stemDict.offsets[t], e = stemDict.offsets[t + 1]; i < e; i++) {
        const d = stemDict.postDocs[i];
        const f = stemDict.postWeights[i];
        const v = qw * idf * ((f * (BM25_K1 + 1)) / (f + BM25_K1 * (1 - BM25_B + (BM25_B * docLen[d]) / avgLen)));
        if (acc[d] === 0) touchedAcc[nAcc++] = d;
        acc[d] += v;
      }
    }
    if (!nAcc) return [];
    if (unitShare > 0) units.score(qWeight);
    const unitAcc = units.scores;
    // Normalise within the scope when the scope has matches, so in-scope scores reach 1.
    let maxC = 0;
    let maxU = 0;
    let anyIn = false;
    if (mask) for (let i = 0; i < nAcc && !anyIn; i++) anyIn = mask[touchedAcc[i]] === 1;
    for (let i = 0; i < nAcc; i++) {
      const d = touchedAcc[i];
      if (anyIn && !mask![d]) continue;
      if (acc[d] > maxC) maxC = acc[d];
      if (unitAcc[unitOf[d]] > maxU) maxU = unitAcc[unitOf[d]];
    }
    const voice = kindWeight ? narrativeLean(ws) : 0;
    const comb = (d: number) =>
      ((1 - unitShare) * (acc[d] / maxC) + (maxU ? unitShare * (unitAcc[unitOf[d]] / maxU) : 0)) *
      (1 + (knowledge[d] ? -1 : 1) * kindWeight * voice);
    const cands = topK(touchedAcc, nAcc, comb, mask, Math.max(SUGGEST_CANDIDATES, limit));
    const ranked = cands.map((d) => ({ d, score: comb(d) }));
    const stemSet = new Set(qWeight.keys());
    const hits = finish(ranked, mask, limit, (d) => {
      const matched = matchedWords(d, stemSet, true);
      const because = [...new Set(matched.map((w) => source.get(stemOf(w))!).filter(Boolean))];
      return { matched, because };
    });
    for (let i = 0; i < nAcc; i++) acc[touchedAcc[i]] = 0;
    return hits;
  }

  const buildMs = performance.now() - t0;
  const stats = (): IndexStats => {
    const sp = suggestParts;
    return {
      criteria: N,
      words: wordDict.terms.length,
      stems: sp ? sp.stemDict.terms.length : 0,
      postings: wordDict.postDocs.length + (sp ? sp.stemDict.postDocs.length : 0),
      bytes: wordDict.bytes() + unitDocs.size * 64 + N * 8 * 3 + (sp ? sp.stemDict.bytes() + sp.units.bytes() + N * 9 : 0),
      buildMs,
      suggestBuildMs: sp ? sp.buildMs : null,
    };
  };

  return {
    size: N,
    get stats() {
      return stats();
    },
    search,
    suggest,
    get: (id) => {
      const d = byId.get(id);
      return d === undefined ? undefined : criteria[d];
    },
  };
}

const KNOWLEDGE_OUTCOME = /^(understand|know)\b/i;
const KNOWLEDGE_VERB = /^(explain|describe|state|list|define|outline|compare|give reasons|summarise why)\b/i;

/** True for criteria that ask for knowledge ("Understand..." outcomes, "Explain/Describe..." criteria). */
export function isKnowledgeCriterion(c: SearchableCriterion): boolean {
  return KNOWLEDGE_OUTCOME.test(c.outcomeTitle.trim()) || KNOWLEDGE_VERB.test(c.text.trim());
}

const IRREGULAR_PAST = new Set(
  ('said told took gave made rang put kept wrote found got went came thought knew saw felt sent spoke ' +
    'brought bought began left met paid ran sat set stood understood heard meant did was were had').split(' '),
);
const FIRST_PERSON = new Set(['i', 'we', 'my', 'our', 'me', 'us', 'he', 'she', 'her', 'his']);
const GENERIC = new Set(['you', 'your', 'should', 'must', 'important', 'because', 'means', 'is', 'are', 'can', 'always', 'usually', 'if']);

/**
 * Where a passage's voice lies between an account of events (+0.5: past tense, people
 * doing things) and an explanation (−0.5: present tense, "you should", "because").
 */
export function narrativeLean(ws: string[]): number {
  let story = 0;
  let general = 0;
  for (const w of ws) {
    if (IRREGULAR_PAST.has(w) || (w.length > 4 && w.endsWith('ed'))) story += 1;
    else if (FIRST_PERSON.has(w)) story += 0.3;
    else if (GENERIC.has(w)) general += 1;
  }
  return story + general ? story / (story + general) - 0.5 : 0;
}

/** The k documents with the highest score, in any order. */
function bestOf(docs: number[], score: (d: number) => number, k: number): number[] {
  return docs.length <= k ? docs : [...docs].sort((a, b) => score(b) - score(a)).slice(0, k);
}

/** A number printed twice in an outcome is stored as "2.3~2"; codes match it as "2.3". */
function bareNumber(n: string): string {
  return n.replace(/~\d+$/, '');
}

/** How well a criterion number answers a typed number: 1 exact, 0.6 a completion of it. */
function numberMatch(number: string, n: { value: string; exact: boolean }): number {
  const num = bareNumber(number);
  if (num === n.value) return 1;
  if (n.exact) return 0;
  if (num.startsWith(`${n.value}.`)) return 0.6;
  if (n.value.includes('.') && num.startsWith(n.value)) return 0.6;
  return 0;
}

// A min-heap on score (ties: the later document is "smaller", so earlier ones survive).
function less(hs: number[], hd: number[], a: number, b: number): boolean {
  return hs[a] < hs[b] || (hs[a] === hs[b] && hd[a] > hd[b]);
}
function swap(hd: number[], hs: number[], a: number, b: number): void {
  [hd[a], hd[b]] = [hd[b], hd[a]];
  [hs[a], hs[b]] = [hs[b], hs[a]];
}
function siftUp(hd: number[], hs: number[], i: number): void {
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (!less(hs, hd, i, p)) break;
    swap(hd, hs, i, p);
    i = p;
  }
}
function siftDown(hd: number[], hs: number[], i: number): void {
  for (;;) {
    const l = 2 * i + 1;
    const r = l + 1;
    let m = i;
    if (l < hd.length && less(hs, hd, l, m)) m = l;
    if (r < hd.length && less(hs, hd, r, m)) m = r;
    if (m === i) break;
    swap(hd, hs, i, m);
    i = m;
  }
}
