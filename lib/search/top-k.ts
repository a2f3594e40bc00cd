/**
 * Picking the best few documents out of those a query touched, without sorting them all:
 * a bounded min-heap. Ties go to the earlier document, so results are stable.
 */

/** Added to an in-scope document's score while picking: above any score, so in-scope ones come first. */
const SCOPE_LIFT = 10;

/**
 * The k best of the first `n` documents in `touched` by `score`, in-scope ones (mask 1)
 * first, equal scores to the earlier document; returned in heap order, not sorted.
 */
export function topK(touched: Int32Array, n: number, score: (d: number) => number, mask: Uint8Array | null, k: number): number[] {
  const heapD: number[] = [];
  const heapS: number[] = [];
  const key = (d: number) => score(d) + (mask ? mask[d] * SCOPE_LIFT : 0);
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

/** The k documents with the highest score, in any order. */
export function bestOf(docs: number[], score: (d: number) => number, k: number): number[] {
  return docs.length <= k ? docs : [...docs].sort((a, b) => score(b) - score(a)).slice(0, k);
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
