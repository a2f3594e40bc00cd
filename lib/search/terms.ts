/**
 * A term dictionary with postings: the inverted index that narrows a query to a few
 * candidate criteria before anything expensive runs. Terms can be looked up exactly, by
 * prefix (a word still being typed) or fuzzily through a trigram index (a typo), so each
 * keystroke touches only the postings of the terms it can mean.
 */
import { editDistance } from './text';

/** Collects (term, document, weight) while indexing; `freeze` packs it into typed arrays. */
export class TermDictBuilder {
  private ids = new Map<string, number>();
  private terms: string[] = [];
  private docs: number[][] = [];
  private weights: number[][] = [];

  /** The id of a term, creating it. */
  id(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.ids.set(term, id);
      this.terms.push(term);
      this.docs.push([]);
      this.weights.push([]);
    }
    return id;
  }

  /** Adds weight to a term's posting for a document (documents arrive in increasing order). */
  add(term: string, doc: number, weight: number, combine: 'max' | 'sum'): void {
    this.addId(this.id(term), doc, weight, combine === 'max');
  }

  /** As `add`, by term id. */
  addId(id: number, doc: number, weight: number, max: boolean): void {
    const d = this.docs[id];
    const w = this.weights[id];
    const last = d.length - 1;
    if (last >= 0 && d[last] === doc) w[last] = max ? Math.max(w[last], weight) : w[last] + weight;
    else {
      d.push(doc);
      w.push(weight);
    }
  }

  /** Packs the postings; `trigrams` builds the typo index over the terms. */
  freeze(docCount: number, trigrams: boolean): TermDict {
    const dict = new TermDict(this.terms, this.ids, this.docs, this.weights, docCount, trigrams);
    // The packed copy is all that is needed now; let the growable arrays go.
    this.docs = [];
    this.weights = [];
    return dict;
  }
}

/** A frozen term dictionary: exact, prefix and fuzzy lookup, and packed postings. */
export class TermDict {
  readonly terms: string[];
  readonly ids: Map<string, number>;
  /** Postings of term t are offsets[t]..offsets[t+1] in postDocs/postWeights. */
  readonly offsets: Int32Array;
  readonly postDocs: Int32Array;
  readonly postWeights: Float32Array;
  readonly idf: Float32Array;
  /** Term ids in lexical order, for prefix ranges. */
  private sorted: Int32Array;
  private trigramIndex: Map<string, Int32Array> | null = null;
  private stamp: Int32Array;
  private counts: Int32Array;
  private stampNo = 0;

  constructor(terms: string[], ids: Map<string, number>, docs: number[][], weights: number[][], docCount: number, trigrams: boolean) {
    this.terms = terms;
    this.ids = ids;
    const T = terms.length;
    this.offsets = new Int32Array(T + 1);
    let total = 0;
    for (let t = 0; t < T; t++) {
      this.offsets[t] = total;
      total += docs[t].length;
    }
    this.offsets[T] = total;
    this.postDocs = new Int32Array(total);
    this.postWeights = new Float32Array(total);
    this.idf = new Float32Array(T);
    for (let t = 0; t < T; t++) {
      this.postDocs.set(docs[t], this.offsets[t]);
      this.postWeights.set(weights[t], this.offsets[t]);
      const df = docs[t].length;
      this.idf[t] = Math.log(1 + (docCount - df + 0.5) / (df + 0.5));
    }
    this.sorted = Int32Array.from(terms.map((_, i) => i).sort((a, b) => (terms[a] < terms[b] ? -1 : terms[a] > terms[b] ? 1 : 0)));
    this.stamp = new Int32Array(T);
    this.counts = new Int32Array(T);
    if (trigrams) this.trigramIndex = buildTrigrams(terms);
  }

  /** Number of documents holding term t. */
  df(t: number): number {
    return this.offsets[t + 1] - this.offsets[t];
  }

  /** Term ids starting with `prefix` (excluding the exact term), commonest first, at most `cap`. */
  prefixed(prefix: string, cap: number): number[] {
    const s = this.sorted;
    const terms = this.terms;
    let lo = 0;
    let hi = s.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (terms[s[mid]] < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: number[] = [];
    for (let i = lo; i < s.length && terms[s[i]].startsWith(prefix); i++) {
      if (terms[s[i]].length > prefix.length) out.push(s[i]);
    }
    if (out.length > cap) {
      out.sort((a, b) => this.df(b) - this.df(a));
      out.length = cap;
    }
    return out;
  }

  /**
   * Terms within a small edit distance of `word` (1 for short words, 2 from 8 letters);
   * with `asPrefix`, of the term's first letters (a misspelt word still being typed).
   */
  fuzzy(word: string, asPrefix: boolean, cap: number): { term: number; distance: number }[] {
    if (!this.trigramIndex || word.length < 4) return [];
    const maxDist = word.length >= 8 ? 2 : 1;
    const grams = trigramsOf(word, !asPrefix);
    const stampNo = ++this.stampNo;
    const cand: number[] = [];
    for (const g of grams) {
      const list: Int32Array | undefined = this.trigramIndex.get(g);
      if (!list) continue;
      for (let i = 0; i < list.length; i++) {
        const t = list[i];
        if (this.stamp[t] !== stampNo) {
          this.stamp[t] = stampNo;
          this.counts[t] = 0;
          cand.push(t);
        }
        this.counts[t]++;
      }
    }
    // Each edit spoils at most three trigrams; fewer shared than that cannot be close.
    const need = Math.max(1, grams.length - 3 * maxDist);
    const out: { term: number; distance: number }[] = [];
    for (const t of cand) {
      if (this.counts[t] < need) continue;
      const term = this.terms[t];
      if (term === word) continue;
      let d: number;
      if (asPrefix) {
        d = maxDist + 1;
        for (let len = word.length - maxDist; len <= word.length + maxDist; len++) {
          if (len < 3 || len > term.length) continue;
          d = Math.min(d, editDistance(word, term.slice(0, len), maxDist));
        }
      } else {
        d = editDistance(word, term, maxDist);
      }
      if (d <= maxDist) out.push({ term: t, distance: d });
    }
    out.sort((a, b) => a.distance - b.distance || this.df(b.term) - this.df(a.term));
    if (out.length > cap) out.length = cap;
    return out;
  }

  /** Bytes held by the packed arrays (an estimate: strings and maps counted roughly). */
  bytes(): number {
    let b = this.offsets.byteLength + this.postDocs.byteLength + this.postWeights.byteLength + this.idf.byteLength;
    b += this.sorted.byteLength + this.stamp.byteLength + this.counts.byteLength;
    for (const t of this.terms) b += 2 * t.length + 40; // string + map entry
    if (this.trigramIndex) for (const [g, l] of this.trigramIndex) b += 2 * g.length + 40 + l.byteLength;
    return b;
  }
}

function trigramsOf(word: string, closed: boolean): string[] {
  const s = `$${word}${closed ? '$' : ''}`;
  const out: string[] = [];
  for (let i = 0; i + 3 <= s.length; i++) out.push(s.slice(i, i + 3));
  return out;
}

function buildTrigrams(terms: string[]): Map<string, Int32Array> {
  const lists = new Map<string, number[]>();
  terms.forEach((term, t) => {
    if (term.length < 3) return;
    for (const g of new Set(trigramsOf(term, true))) {
      const l = lists.get(g);
      if (l) l.push(t);
      else lists.set(g, [t]);
    }
  });
  const out = new Map<string, Int32Array>();
  for (const [g, l] of lists) out.set(g, Int32Array.from(l));
  return out;
}
