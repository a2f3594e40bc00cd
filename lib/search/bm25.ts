/**
 * The BM25 term weight, one formula for the two places that rank by it: criteria in
 * `suggest` and units as documents (groups.ts). Both use the same K1 and B (weights.ts).
 */
import { BM25_B, BM25_K1 } from './weights';

/**
 * How much a term that occurs `f` times (field-weighted) in a document of length `len`
 * says about it, before the term's idf: saturating in `f`, lower in longer documents.
 */
export function bm25(f: number, len: number, avgLen: number, k1 = BM25_K1, b = BM25_B): number {
  return (f * (k1 + 1)) / (f + k1 * (1 - b + (b * len) / avgLen));
}
