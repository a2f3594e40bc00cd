/**
 * `search`: criteria for a typed query, at every keystroke. Codes pick criteria directly
 * (a unit named exactly confines the search to it; numbers and unit prefixes only lift).
 * Words go through the word dictionary (exact, completion, typo); the best few dozen
 * candidates are then re-scored by fuse.js, whose cost therefore does not grow with the
 * catalogue (over everything it takes tens of milliseconds on two thousand criteria,
 * seconds on a hundred thousand).
 */
import Fuse from 'fuse.js';
import type { IndexData, Pass } from './build';
import { finish, matchedWords } from './hits';
import { expandWord, numberMatch, parse } from './query';
import { bestOf, topK } from './top-k';
import type { SearchHit, SearchOptions } from './types';
import { CODE_SHARE, FUSE_OPTIONS, FUSE_SEARCH_CANDIDATES, SEARCH_CANDIDATES } from './weights';

/** Ranks criteria for a typed query: codes ("CU795 2.3", "L/506/2150 1.4", "2.3") and/or words. */
export function search({ data, scratch, masks, tuning }: Pass, query: string, options: SearchOptions = {}): SearchHit[] {
  const limit = Math.max(0, options.limit ?? 10);
  if (!limit || typeof query !== 'string' || !query.trim()) return [];
  const { criteria, words: wordDict, unitDocs, unitKeys, numberDocs } = data;
  const { acc, best, touchedAcc, touchedBest, codeScore } = scratch;
  const fuseShare = tuning.fuseShareSearch;
  const p = parse(query, unitKeys);
  if (!p.units.length && !p.numbers.length && !p.words.length) return [];
  const mask = masks(options.scope);

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
      else for (const k of unitKeys.withPrefix(u.key)) for (const d of unitDocs.get(k)!) set.add(d);
    }
    codeDocs = [...set];
    for (const d of codeDocs) bump(d, exactUnits.length ? 1 : 0.7);
  }
  if (p.numbers.length) {
    nCode++;
    const hit: number[] = [];
    const score = (number: string) => {
      let v = 0;
      for (const n of p.numbers) v = Math.max(v, numberMatch(number, n));
      return v;
    };
    if (codeDocs) {
      for (const d of codeDocs) {
        const v = score(criteria[d].number);
        if (v) bump(d, v);
      }
    } else {
      // All criteria printing one number share its score: look it up once per number.
      for (const [k, docs] of numberDocs) {
        const v = score(k);
        if (!v) continue;
        for (const d of docs) {
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
  const mix = (code: number, word: number) => CODE_SHARE * code + (1 - CODE_SHARE) * word;
  const cheap = (d: number) => (nCode && p.words.length ? mix(codePart(d), wordScore(d)) : nCode ? codePart(d) : wordScore(d));

  let ranked: { d: number; score: number }[];
  if (p.words.length) {
    const cands = topK(touchedAcc, nAcc, cheap, mask, Math.max(SEARCH_CANDIDATES, limit));
    const fz = fuseShare ? fuseScores(criteria, bestOf(cands, cheap, FUSE_SEARCH_CANDIDATES), fuseTerms) : new Map<number, number>();
    ranked = cands.map((d) => {
      const ws = (1 - fuseShare) * wordScore(d) + fuseShare * (1 - (fz.get(d) ?? 1));
      return { d, score: nCode ? mix(codePart(d), ws) : ws };
    });
  } else {
    ranked = topK(touchedAcc, nAcc, cheap, mask, limit).map((d) => ({ d, score: cheap(d) }));
  }
  const hits = finish(criteria, ranked, mask, limit, (d) => ({
    matched: [
      ...(codeScore[d] && p.units.length ? [criteria[d].unitRef.toLowerCase()] : []),
      ...(codeScore[d] && p.numbers.length ? [criteria[d].number] : []),
      ...matchedWords(data, d, termSet, false),
    ],
    because: because.filter((b) => matchedWords(data, d, b.terms, false).length > 0).map((b) => b.word),
  }), options.scope?.outside === 'hide');
  for (let i = 0; i < nAcc; i++) acc[touchedAcc[i]] = 0;
  for (const d of codeTouched) codeScore[d] = 0;
  return hits;
}

/**
 * fuse.js scores (0 best, 1 no match) of the candidates: each query word is matched on
 * its own, so order does not matter, and the word scores are averaged by weight.
 */
function fuseScores(criteria: IndexData['criteria'], docs: number[], terms: { term: string; weight: number }[]): Map<number, number> {
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
