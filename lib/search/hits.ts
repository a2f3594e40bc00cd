/**
 * Turning ranked criteria into hits: the final order, the score clamped into (0, 1], and
 * the words that explain each hit to the assessor.
 */
import type { IndexData } from './build';
import { words } from './text';
import { CHOSEN } from './scope';
import type { SearchHit } from './types';

/** The criterion's words (text, outcome and unit title) that are in `terms`, as words or, with `asStems`, by stem. */
export function matchedWords({ criteria, text }: IndexData, d: number, terms: Set<string>, asStems: boolean): string[] {
  const seen = new Set<string>();
  const c = criteria[d];
  // Titles repeat (cached); a criterion's own text is tokenised afresh, not kept.
  for (const toks of [words(c.text), text.tokens(c.outcomeTitle), text.tokens(c.unitTitle)]) {
    for (const w of toks) {
      if (terms.has(asStems ? text.stem(w) : w)) seen.add(w);
    }
  }
  return [...seen];
}

/**
 * Sorts by scope tier (`mask`: chosen units, the rest of the scope, others), then by score, then in
 * catalogue order, and makes the first `limit` hits; `groups` (the scope's own mask) names each hit's group.
 */
export function finish(
  criteria: IndexData['criteria'],
  ranked: { d: number; score: number }[],
  mask: Uint8Array | null,
  limit: number,
  explain: (d: number) => { matched: string[]; because: string[]; learned?: string[]; near?: string[] },
  hideOutside = false,
  groups: Uint8Array | null = mask,
): SearchHit[] {
  ranked.sort((a, b) => {
    const ia = mask ? mask[a.d] : 1;
    const ib = mask ? mask[b.d] : 1;
    return ib - ia || b.score - a.score || a.d - b.d;
  });
  const kept = mask && hideOutside ? ranked.filter((r) => mask[r.d] > 0) : ranked;
  return kept.slice(0, limit).map(({ d, score }) => ({
    id: criteria[d].id,
    score: Math.max(0.001, Math.min(1, score)),
    inScope: mask ? mask[d] > 0 : true,
    group: !groups ? 'scope' : groups[d] === CHOSEN ? 'chosen' : groups[d] > 0 ? 'scope' : 'other',
    learned: [],
    ...explain(d),
    criterion: criteria[d],
  }));
}
