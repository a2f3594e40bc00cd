/**
 * `suggest`: criteria that a highlighted passage of learner evidence may meet. The
 * passage's stems (irregular forms taken to their base first, morphology.ts; misspellings
 * taken to their nearest indexed stem; words the index lacks counted through the general
 * English words related to them that it has, related.ts) are weighed against criteria with BM25F and against
 * whole units (a unit covers the situation a passage tells of better than one short
 * criterion does); the passage's voice then lifts "be able to" criteria (an account of
 * doing) or "understand" ones (an explanation). Once the centre has confirmed mappings,
 * the passage's likeness to the passages already tagged with each criterion and unit, and
 * the votes of its nearest tagged passages (learned.ts), are added. Where the index has general
 * English word vectors (vectors.ts), the passage's likeness with each criterion in scope through
 * them is added too, so a passage that words a criterion differently still finds it. No word
 * list for any sector plays a part: the words come from the specification, from general English
 * and from the centre's own tagged passages.
 */
import { bm25 } from './bm25';
import type { Pass, SuggestData, TextCache } from './build';
import { finish, matchedWords } from './hits';
import type { TermDict } from './terms';
import { isContentWord, words } from './text';
import { topK } from './top-k';
import type { RelatedLookup } from './related';
import type { SearchHit, SearchOptions } from './types';
import { narrativeLean } from './voice';
import { CHOSEN } from './scope';
import { MAX_PASSAGE_CHARS, SUGGEST_CANDIDATES, type SearchTuning } from './weights';

/** Ranks criteria that a passage of learner evidence (10 to 300 words) may meet. */
export function suggest(pass: Pass, parts: () => SuggestData, passage: string, options: SearchOptions = {}): SearchHit[] {
  const limit = Math.max(0, options.limit ?? 10);
  if (!limit || typeof passage !== 'string' || !passage.trim()) return [];
  const { data, scratch, tuning } = pass;
  const { acc, touchedAcc } = scratch;
  const mask = pass.masks(options.scope);
  const sd = parts();
  const { stems: stemDict, docLen, avgLen, units, unitOf, knowledge } = sd;
  const text = passage.length > MAX_PASSAGE_CHARS ? passage.slice(0, MAX_PASSAGE_CHARS) : passage;
  const ws = words(text);
  const { weights: qWeight, source } = passageStems(ws, data.text, stemDict, tuning, pass.related);
  const { bm25K1: k1, bm25B: b } = tuning;

  let nAcc = 0;
  for (const [s, qw] of qWeight) {
    const t = stemDict.ids.get(s);
    if (t === undefined) continue;
    const idf = stemDict.idf[t];
    for (let i = stemDict.offsets[t], e = stemDict.offsets[t + 1]; i < e; i++) {
      const d = stemDict.postDocs[i];
      const v = qw * idf * bm25(stemDict.postWeights[i], docLen[d], avgLen, k1, b);
      if (acc[d] === 0) touchedAcc[nAcc++] = d;
      acc[d] += v;
    }
  }
  // What the centre's tagged passages say (learned.ts): criteria they reach join the candidates.
  const learning = pass.learning;
  const model = tuning.learnWeight > 0 || tuning.learnUnitWeight > 0 || tuning.learnNearWeight > 0 ? learning.model : null;
  const learnedQ = model?.examples ? model.queryVector(text, data.text) : null;
  const lc = learning.crit;
  const lu = learning.unit;
  const ln = learning.near;
  if (learnedQ) {
    const seen = learning.seen;
    for (let i = 0; i < nAcc; i++) seen[touchedAcc[i]] = 1;
    const touch = (d: number) => {
      if (!seen[d]) {
        seen[d] = 1;
        touchedAcc[nAcc++] = d;
      }
    };
    model!.score(learnedQ, lc, lu, touch);
    if (tuning.learnNearWeight > 0) model!.nearest(learnedQ, ln, tuning.learnNearK, tuning.learnNearPower, touch);
  }
  // The passage's likeness with each criterion in scope through general English word vectors
  // (vectors.ts): criteria it reaches join the candidates.
  const denseWeight = learnedQ ? tuning.denseLearnedWeight : tuning.denseWeight;
  const dense = sd.dense && denseWeight > 0 && sd.dense.score(ws, mask, scratch.dense) ? scratch.dense : null;
  if (dense) {
    const seen = learning.seen;
    for (let i = 0; i < nAcc; i++) seen[touchedAcc[i]] = 1;
    for (let d = 0; d < dense.length; d++) {
      if (dense[d] > 0 && !seen[d]) {
        seen[d] = 1;
        touchedAcc[nAcc++] = d;
      }
    }
    for (let i = 0; i < nAcc; i++) seen[touchedAcc[i]] = 0;
  }
  if (!nAcc) return [];
  const { unitShare, kindWeight, learnWeight, learnUnitWeight, learnNearWeight } = tuning;
  if (unitShare > 0) units.score(qWeight, k1, b);
  const unitAcc = units.scores;
  // Normalise within the best scope tier that has matches (the learner's chosen units, then
  // the rest of the scope), so its scores reach 1 whatever the rest of the catalogue holds.
  let top = 0;
  if (mask) for (let i = 0; i < nAcc; i++) if (acc[touchedAcc[i]] > 0 && mask[touchedAcc[i]] > top) top = mask[touchedAcc[i]];
  let maxC = 0;
  let maxU = 0;
  for (let i = 0; i < nAcc; i++) {
    const d = touchedAcc[i];
    if (mask && mask[d] < top) continue;
    if (acc[d] > maxC) maxC = acc[d];
    if (unitAcc[unitOf[d]] > maxU) maxU = unitAcc[unitOf[d]];
  }
  const voice = kindWeight ? narrativeLean(ws) : 0;
  const comb = (d: number) =>
    ((maxC ? (1 - unitShare) * (acc[d] / maxC) : 0) + (maxU ? unitShare * (unitAcc[unitOf[d]] / maxU) : 0)) *
      (1 + (knowledge[d] ? -1 : 1) * kindWeight * voice) +
    (dense ? denseWeight * dense[d] : 0) +
    (learnedQ ? learnWeight * lc[d] + learnUnitWeight * lu[unitOf[d]] + learnNearWeight * ln[d] : 0);
  // The learner's chosen units rank first where they match about as well as the best of the
  // scope; a weak match there (a mandatory unit that shares the word "customer") ranks among
  // the rest of the qualification rather than above a strong match in it.
  const tier = mask ? scratch.tier : null;
  if (mask) {
    let best = 0;
    for (let i = 0; i < nAcc; i++) if (mask[touchedAcc[i]] > 0 || !top) best = Math.max(best, comb(touchedAcc[i]));
    for (let i = 0; i < nAcc; i++) {
      const d = touchedAcc[i];
      tier![d] = mask[d] === CHOSEN && comb(d) < tuning.chosenMinShare * best ? 1 : mask[d];
    }
  }
  const ranked = topK(touchedAcc, nAcc, comb, tier, Math.max(SUGGEST_CANDIDATES, limit)).map((d) => ({ d, score: comb(d) }));
  const stemSet = new Set(qWeight.keys());
  const hits = finish(data.criteria, ranked, tier, limit, (d) => {
    const matched = matchedWords(data, d, stemSet, true);
    const because = [...new Set(matched.map((w) => source.get(data.text.stem(w))!).filter(Boolean))];
    const learned = learnedQ && (lc[d] > 0 || ln[d] > 0) ? model!.why(learnedQ, d, source) : [];
    const near = dense && dense[d] > 0 ? sd.dense!.nearestWords(ws, d).filter((w) => !because.includes(w)) : [];
    return { matched, because, learned, near };
  }, options.scope?.outside === 'hide', mask);
  for (let i = 0; i < nAcc; i++) {
    const d = touchedAcc[i];
    acc[d] = 0;
    if (tier) tier[d] = 0;
    if (learnedQ) {
      lc[d] = 0;
      ln[d] = 0;
      learning.seen[d] = 0;
    }
  }
  if (learnedQ) lu.fill(0);
  if (dense) dense.fill(0);
  return hits;
}

/**
 * The passage as weighted stems: its own stems with saturated counts, then misspelt stems'
 * nearest indexed stems. `source` says which passage word brought each stem ("recieved~").
 */
function passageStems(ws: string[], cache: TextCache, stemDict: TermDict, tuning: SearchTuning, related: RelatedLookup | null): { weights: Map<string, number>; source: Map<string, string> } {
  const tf = new Map<string, number>();
  const source = new Map<string, string>();
  for (const w of ws) {
    if (!isContentWord(w)) continue;
    const s = cache.stem(w);
    tf.set(s, (tf.get(s) ?? 0) + 1);
    if (!source.has(s)) source.set(s, w);
  }
  const qWeight = new Map<string, number>();
  for (const [s, n] of tf) qWeight.set(s, 1 + Math.log(n));

  // A learner word the specification never prints counts through the general English words
  // related to it that it does print (related.ts: WordNet synonyms and broader words).
  if (tuning.relatedWeight > 0 && related) {
    const own = new Set(qWeight.keys());
    for (const w of ws) {
      if (!isContentWord(w) || stemDict.ids.has(cache.stem(w))) continue;
      for (const { word, weight } of related(w)) {
        const s = cache.stem(word);
        if (own.has(s) || !stemDict.ids.has(s)) continue;
        const v = tuning.relatedWeight * weight;
        if ((qWeight.get(s) ?? 0) < v) {
          qWeight.set(s, v);
          source.set(s, `${w} (as ${word})`);
        }
      }
    }
  }
  // A misspelt learner word ("recieved") counts through its nearest indexed stem.
  for (const [s, w] of [...qWeight]) {
    if (stemDict.ids.has(s) || s.length < 5) continue;
    const near = stemDict.fuzzy(s, false, 1)[0];
    if (near && !qWeight.has(stemDict.terms[near.term])) {
      qWeight.set(stemDict.terms[near.term], tuning.misspeltWeight * w);
      source.set(stemDict.terms[near.term], `${source.get(s)}~`);
    }
  }
  return { weights: qWeight, source };
}
