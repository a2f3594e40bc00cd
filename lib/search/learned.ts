/**
 * Learning from the centre's confirmed mappings: every passage an assessor tagged with a
 * criterion is evidence of how learners write about it. Each criterion (and each unit)
 * gets the Rocchio centroid of its tagged passages' word vectors (tf-idf, unit length), and
 * a new passage scores by its cosine with them. Besides the centroids, the passage's
 * nearest tagged passages (k nearest neighbours by cosine) vote for the criteria they were
 * tagged with: a centroid blurs a criterion that learners write about in several ways, a
 * near neighbour does not. Learner words the specification never
 * prints ("shouting", "rang back", "tills") are exactly what this adds. The model is a pure
 * function of the examples, so it is rebuilt from the mappings whenever they change, and
 * resetting it or replicating it with the tag set needs nothing of its own.
 */
import { isContentWord, words } from './text';

/** How words become stems, as the index does it (build.ts's TextCache). */
interface Stemmer {
  stem(word: string): string;
}

/** One confirmed mapping as learning material: the criterion and its passage's text. */
export interface LearnedExample {
  criterionId: string;
  text: string;
}

/** The passage words a learned score came from, per criterion, for the palette's "why". */
export type LearnedWhy = Map<number, string[]>;

/** Inverted lists of stem → (document, weight) for the criterion and unit centroids. */
interface Postings {
  docs: Map<string, { ids: Int32Array; weights: Float32Array }>;
}

/** The learned model: centroids over criteria and units, the tagged passages, and the idf of their stems. */
export class LearnedModel {
  readonly examples: number;
  private idf = new Map<string, number>();
  private crit: Postings = { docs: new Map() };
  private unit: Postings = { docs: new Map() };
  /** Each distinct tagged passage's vector as inverted lists, and the criteria it was tagged with. */
  private passages: Postings = { docs: new Map() };
  private tagged: Int32Array[] = [];
  /** A query's cosine with each tagged passage (scratch, left zero), and the passages it touched. */
  private sims = new Float32Array(0);
  private touched = new Int32Array(0);
  private defaultIdf = 0;

  constructor(
    examples: readonly LearnedExample[],
    byId: ReadonlyMap<string, number>,
    unitOf: Int32Array,
    cache: Stemmer,
  ) {
    const usable = examples.filter((e) => byId.has(e.criterionId) && typeof e.text === 'string');
    this.examples = usable.length;
    if (!usable.length) return;
    // Each distinct passage once for the idf, however many criteria it was tagged with.
    const texts = new Map<string, Map<string, number>>();
    for (const e of usable) if (!texts.has(e.text)) texts.set(e.text, termCounts(e.text, cache));
    const df = new Map<string, number>();
    for (const tf of texts.values()) for (const s of tf.keys()) df.set(s, (df.get(s) ?? 0) + 1);
    const n = texts.size;
    for (const [s, f] of df) this.idf.set(s, Math.log(1 + (n - f + 0.5) / (f + 0.5)));
    this.defaultIdf = Math.log(1 + (n + 0.5) / 0.5);
    const vectors = new Map<string, Map<string, number>>();
    for (const [t, tf] of texts) vectors.set(t, this.unitVector(tf));
    const passageTags = new Map<string, Set<number>>();
    for (const e of usable) {
      const tags = passageTags.get(e.text) ?? new Set<number>();
      passageTags.set(e.text, tags);
      tags.add(byId.get(e.criterionId)!);
    }
    const passageSums = new Map<number, { n: number; v: Map<string, number> }>();
    let p = 0;
    for (const [t, tags] of passageTags) {
      passageSums.set(p, { n: 1, v: vectors.get(t)! });
      this.tagged.push(Int32Array.from(tags));
      p++;
    }
    this.passages = pack(passageSums);
    this.sims = new Float32Array(p);
    this.touched = new Int32Array(p);
    const critSums = new Map<number, { n: number; v: Map<string, number> }>();
    const unitSums = new Map<number, { n: number; v: Map<string, number>; seen: Set<string> }>();
    for (const e of usable) {
      const d = byId.get(e.criterionId)!;
      const v = vectors.get(e.text)!;
      addInto(critSums, d, v);
      const u = unitOf[d];
      const us = unitSums.get(u) ?? { n: 0, v: new Map(), seen: new Set<string>() };
      unitSums.set(u, us);
      // A passage tagged with three criteria of a unit is one example of the unit.
      if (!us.seen.has(e.text)) {
        us.seen.add(e.text);
        us.n++;
        for (const [s, w] of v) us.v.set(s, (us.v.get(s) ?? 0) + w);
      }
    }
    this.crit = pack(critSums);
    this.unit = pack(unitSums);
  }

  /** The passage as a unit-length tf-idf vector over the examples' stems. */
  queryVector(text: string, cache: Stemmer): Map<string, number> {
    const tf = termCounts(text, cache);
    for (const s of [...tf.keys()]) if (!this.idf.has(s)) tf.delete(s);
    return this.unitVector(tf);
  }

  /** Adds each criterion's cosine with the query into `crit`, each unit's into `unit`; calls `touch` on criteria first reached. */
  score(q: Map<string, number>, crit: Float32Array, unit: Float32Array, touch: (d: number) => void): void {
    for (const [s, qw] of q) {
      const c = this.crit.docs.get(s);
      if (c) for (let i = 0; i < c.ids.length; i++) {
        touch(c.ids[i]);
        crit[c.ids[i]] += qw * c.weights[i];
      }
      const u = this.unit.docs.get(s);
      if (u) for (let i = 0; i < u.ids.length; i++) unit[u.ids[i]] += qw * u.weights[i];
    }
  }

  /**
   * Adds into `near`, for each criterion, the cosines of the `k` tagged passages most like
   * the query that were tagged with it (each raised to `power`: a close neighbour says much
   * more than a loose one); calls `touch` on each criterion reached.
   */
  nearest(q: Map<string, number>, near: Float32Array, k: number, power: number, touch: (d: number) => void): void {
    const { sims, touched } = this;
    let n = 0;
    for (const [s, qw] of q) {
      const l = this.passages.docs.get(s);
      if (!l) continue;
      for (let i = 0; i < l.ids.length; i++) {
        const p = l.ids[i];
        if (sims[p] === 0) touched[n++] = p;
        sims[p] += qw * l.weights[i];
      }
    }
    const best = Array.from(touched.subarray(0, n));
    if (best.length > k) {
      best.sort((a, b) => sims[b] - sims[a]);
      best.length = k;
    }
    for (const p of best) {
      const v = Math.pow(sims[p], power);
      for (const d of this.tagged[p]) {
        touch(d);
        near[d] += v;
      }
    }
    for (let i = 0; i < n; i++) sims[touched[i]] = 0;
  }

  /** The query's stems that carry most of a criterion's learned score, best first. */
  why(q: Map<string, number>, d: number, source: ReadonlyMap<string, string>, max = 4): string[] {
    const parts: [string, number][] = [];
    for (const [s, qw] of q) {
      const c = this.crit.docs.get(s);
      if (!c) continue;
      const i = c.ids.indexOf(d);
      if (i >= 0) parts.push([s, qw * c.weights[i]]);
    }
    parts.sort((a, b) => b[1] - a[1]);
    return parts.slice(0, max).map(([s]) => source.get(s) ?? s);
  }

  private unitVector(tf: Map<string, number>): Map<string, number> {
    const v = new Map<string, number>();
    let norm = 0;
    for (const [s, f] of tf) {
      const w = (1 + Math.log(f)) * (this.idf.get(s) ?? this.defaultIdf);
      v.set(s, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [s, w] of v) v.set(s, w / norm);
    return v;
  }
}

function termCounts(text: string, cache: Stemmer): Map<string, number> {
  const tf = new Map<string, number>();
  for (const w of words(text.slice(0, 4000))) {
    if (!isContentWord(w)) continue;
    const s = cache.stem(w);
    tf.set(s, (tf.get(s) ?? 0) + 1);
  }
  return tf;
}

function addInto(sums: Map<number, { n: number; v: Map<string, number> }>, key: number, v: Map<string, number>): void {
  const cur = sums.get(key) ?? { n: 0, v: new Map<string, number>() };
  sums.set(key, cur);
  cur.n++;
  for (const [s, w] of v) cur.v.set(s, (cur.v.get(s) ?? 0) + w);
}

/** Centroids (sum / count) as inverted lists. */
function pack(sums: Map<number, { n: number; v: Map<string, number> }>): Postings {
  const lists = new Map<string, { ids: number[]; weights: number[] }>();
  for (const [key, { n, v }] of sums) {
    for (const [s, w] of v) {
      const l = lists.get(s) ?? { ids: [], weights: [] };
      lists.set(s, l);
      l.ids.push(key);
      l.weights.push(w / n);
    }
  }
  const docs = new Map<string, { ids: Int32Array; weights: Float32Array }>();
  for (const [s, l] of lists) docs.set(s, { ids: Int32Array.from(l.ids), weights: Float32Array.from(l.weights) });
  return { docs };
}
