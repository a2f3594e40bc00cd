/**
 * A lossless q-gram filter for approximate search on large texts ("filter, then verify").
 * A substring within k edits of a pattern of length m keeps at least (m - q + 1) - k*q of the
 * pattern's q-grams, because one edit destroys at most q of them. One linear pass counts,
 * in a sliding window of m + k characters, the positions whose q-gram occurs in the
 * pattern; only windows reaching that count can hold a match, and only they are handed to
 * the exact (but costlier) bit-parallel matcher. On a page of prose this skips nearly all
 * of the text, which keeps an orphan's full-page search within a few milliseconds per MB.
 */

const TABLE_BITS = 16;
const TABLE_MASK = (1 << TABLE_BITS) - 1;
const BASE = 31;

/** The fewest surviving q-grams a window must show before it is worth verifying. */
const MIN_THRESHOLD = 2;

let table: Uint8Array | null = null;

/** Largest usable gram length for this pattern and budget, with its hit threshold; null if none filters. */
export function chooseGram(m: number, maxErrors: number): { q: number; threshold: number } | null {
  for (let q = 6; q >= 2; q--) {
    const threshold = m - q + 1 - maxErrors * q;
    // A longer gram is more selective, but only worth it while a quarter of the grams must survive.
    if (threshold >= MIN_THRESHOLD && threshold * 4 >= m - q + 1) return { q, threshold };
  }
  for (let q = 4; q >= 2; q--) {
    const threshold = m - q + 1 - maxErrors * q;
    if (threshold >= MIN_THRESHOLD) return { q, threshold };
  }
  return null;
}

/** A string's UTF-16 code units; the filter reads these several times faster than `charCodeAt`. */
export function toCodes(s: string): Uint16Array {
  const out = new Uint16Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/**
 * Regions [start, end) of the text (given as its code units) that may contain a substring
 * within `maxErrors` edits of `pattern`; every such substring lies wholly inside one region.
 * Null when the pattern is too short for the filter to prove anything (search it all instead).
 */
export function candidateRegions(text: Uint16Array, pattern: string, maxErrors: number): Array<[number, number]> | null {
  const m = pattern.length;
  const gram = chooseGram(m, maxErrors);
  if (!gram) return null;
  const { q, threshold } = gram;
  const n = text.length;
  const regions: Array<[number, number]> = [];
  if (n < q) return regions;

  table ??= new Uint8Array(1 << TABLE_BITS);
  table.fill(0);
  let pow = 1; // BASE^(q-1) mod 2^32; hashes stay int32 (| 0) so the loop never leaves small integers
  for (let i = 1; i < q; i++) pow = Math.imul(pow, BASE);
  let h = 0;
  for (let i = 0; i < q - 1; i++) h = (Math.imul(h, BASE) + pattern.charCodeAt(i)) | 0;
  for (let i = q - 1; i < m; i++) {
    h = (Math.imul(h, BASE) + pattern.charCodeAt(i)) | 0;
    table[h & TABLE_MASK] = 1;
    h = (h - Math.imul(pattern.charCodeAt(i - q + 1), pow)) | 0;
  }

  // Window of gram starts covering m + k characters.
  const span = m + maxErrors - q + 1;
  const ring = new Uint8Array(span);
  const tab = table;
  let count = 0;
  let slot = 0;
  let regionStart = -1;
  let regionEnd = -1;
  h = 0;
  for (let i = 0; i < q - 1; i++) h = (Math.imul(h, BASE) + text[i]) | 0;
  for (let i = q - 1; i < n; i++) {
    // h holds the q-1 characters before i; add i to complete the gram starting at i - q + 1.
    h = (Math.imul(h, BASE) + text[i]) | 0;
    const hit = tab[h & TABLE_MASK];
    count += hit - ring[slot];
    ring[slot] = hit;
    if (++slot === span) slot = 0;
    if (count >= threshold) {
      const j = i - q + 1;
      const from = j - span + 1 > 0 ? j - span + 1 : 0;
      const to = i + 1;
      if (regionStart >= 0 && from <= regionEnd) {
        regionEnd = to;
      } else {
        if (regionStart >= 0) regions.push([regionStart, regionEnd]);
        regionStart = from;
        regionEnd = to;
      }
    }
    h = (h - Math.imul(text[i - q + 1], pow)) | 0;
  }
  if (regionStart >= 0) regions.push([regionStart, regionEnd]);
  return regions;
}
