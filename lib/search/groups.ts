/**
 * Groups of criteria (a unit, an outcome) scored as single documents with BM25. A passage
 * usually tells of one situation, which a unit or an outcome covers as a whole better than
 * any one short criterion does, so a group that matches well lifts all of its criteria.
 */
import { bm25 } from './bm25';
import { TermDictBuilder, type TermDict } from './terms';

/** Collects group documents while indexing, then scores a weighted query against them. */
export class GroupScorer {
  private builder: TermDictBuilder | null = new TermDictBuilder();
  private keys = new Map<string, number>();
  private lens: number[] = [];
  private dict: TermDict | null = null;
  private len: Float32Array = new Float32Array(0);
  private avgLen = 1;
  /** The last query's score per group. */
  scores: Float32Array = new Float32Array(0);

  /** The group's number, creating it (and reporting `true` as second value) when new. */
  group(key: string): [number, boolean] {
    const g = this.keys.get(key);
    if (g !== undefined) return [g, false];
    this.keys.set(key, this.lens.length);
    this.lens.push(0);
    return [this.lens.length - 1, true];
  }

  /** Adds stems (ids from `termId`) to a group's document, each counting `weight` times. */
  addIds(g: number, ids: Int32Array, weight: number): void {
    for (let i = 0; i < ids.length; i++) this.builder!.addId(ids[i], g, weight, false);
    this.lens[g] += weight * ids.length;
  }

  /** The id of a stem in this scorer's dictionary. */
  termId(stem: string): number {
    return this.builder!.id(stem);
  }

  /** Packs the group documents; call once, after the last `addIds`. */
  freeze(): void {
    const n = this.lens.length;
    this.dict = this.builder!.freeze(n, false);
    this.builder = null;
    this.len = Float32Array.from(this.lens);
    this.avgLen = n ? this.lens.reduce((a, b) => a + b, 0) / n : 1;
    this.scores = new Float32Array(n);
  }

  /** Scores every group for a query of stem → weight; results in `scores`. */
  score(query: Map<string, number>, k1?: number, b?: number): void {
    const dict = this.dict!;
    this.scores.fill(0);
    for (const [stem, qw] of query) {
      const t = dict.ids.get(stem);
      if (t === undefined) continue;
      const idf = dict.idf[t];
      for (let i = dict.offsets[t], e = dict.offsets[t + 1]; i < e; i++) {
        const g = dict.postDocs[i];
        this.scores[g] += qw * idf * bm25(dict.postWeights[i], this.len[g], this.avgLen, k1, b);
      }
    }
  }

  /** Estimated bytes held. */
  bytes(): number {
    return (this.dict?.bytes() ?? 0) + this.len.byteLength + this.scores.byteLength + this.keys.size * 60;
  }
}
