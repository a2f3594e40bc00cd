/**
 * `suggest`: criteria that a highlighted passage of learner evidence may meet. The
 * passage's stems, with learner words bridged to specification words (concepts.ts) and
 * misspellings taken to their nearest indexed stem, are weighed against criteria with
 * BM25F and against whole units (a unit covers the situation a passage tells of better
 * than one short criterion does); the passage's voice then lifts "be able to" criteria
 * (an account of doing) or "understand" ones (an explanation). fuse.js plays no part: its
 * fuzzy character match of a passage's words added nothing the stem weighting had not
 * said, and cost recall on the relevance set.
 */
import { bm25 } from './bm25';
import type { Pass, SuggestData, TextCache } from './build';
import { bridge, CONCEPT_WEIGHT } from './concepts';
import { finish, matchedWords } from './hits';
import type { TermDict } from './terms';
import { isContentWord, words } from './text';
import { topK } from './top-k';
import type { SearchHit, SearchOptions } from './types';
import { narrativeLean } from './voice';
import { MAX_PASSAGE_CHARS, MISSPELT_WEIGHT, SUGGEST_CANDIDATES } from './weights';

/** Ranks criteria that a passage of learner evidence (10 to 300 words) may meet. */
export function suggest(pass: Pass, parts: () => SuggestData, passage: string, options: SearchOptions = {}): SearchHit[] {
  const limit = Math.max(0, options.limit ?? 10);
  if (!limit || typeof passage !== 'string' || !passage.trim()) return [];
  const { data, scratch, tuning } = pass;
  const { acc, touchedAcc } = scratch;
  const mask = pass.masks(options.scope);
  const { stems: stemDict, docLen, avgLen, units, unitOf, knowledge } = parts();
  const text = passage.length > MAX_PASSAGE_CHARS ? passage.slice(0, MAX_PASSAGE_CHARS) : passage;
  const ws = words(text);
  const { weights: qWeight, source } = passageStems(ws, data.text, stemDict, tuning.concepts);

  let nAcc = 0;
  for (const [s, qw] of qWeight) {
    const t = stemDict.ids.get(s);
    if (t === undefined) continue;
    const idf = stemDict.idf[t];
    for (let i = stemDict.offsets[t], e = stemDict.offsets[t + 1]; i < e; i++) {
      const d = stemDict.postDocs[i];
      const v = qw * idf * bm25(stemDict.postWeights[i], docLen[d], avgLen);
      if (acc[d] === 0) touchedAcc[nAcc++] = d;
      acc[d] += v;
    }
  }
  if (!nAcc) return [];
  const { unitShare, kindWeight } = tuning;
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
  const ranked = topK(touchedAcc, nAcc, comb, mask, Math.max(SUGGEST_CANDIDATES, limit)).map((d) => ({ d, score: comb(d) }));
  const stemSet = new Set(qWeight.keys());
  const hits = finish(data.criteria, ranked, mask, limit, (d) => {
    const matched = matchedWords(data, d, stemSet, true);
    const because = [...new Set(matched.map((w) => source.get(data.text.stem(w))!).filter(Boolean))];
    return { matched, because };
  });
  for (let i = 0; i < nAcc; i++) acc[touchedAcc[i]] = 0;
  return hits;
}

/**
 * The passage as weighted stems: its own stems with saturated counts, then bridged
 * specification stems at a lower weight, then misspelt stems' nearest indexed stems.
 * `source` says which passage word brought each stem ("sorry→apologis", "recieved~").
 */
function passageStems(ws: string[], cache: TextCache, stemDict: TermDict, useConcepts: boolean): { weights: Map<string, number>; source: Map<string, string> } {
  const tf = new Map<string, number>();
  const source = new Map<string, string>();
  const stemsSeq: string[] = [];
  for (const w of ws) {
    if (!isContentWord(w)) {
      stemsSeq.push('');
      continue;
    }
    const s = cache.stem(w);
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
      qWeight.set(stemDict.terms[near.term], MISSPELT_WEIGHT * w);
      source.set(stemDict.terms[near.term], `${source.get(s)}~`);
    }
  }
  return { weights: qWeight, source };
}
