/**
 * Finding a quote in plain text: the string half of anchoring, with no DOM, so it can be
 * tested on strings and reused for any text layer. In order, cheapest and surest first:
 *  1. the places the cheap selectors point at, if their text is the quote;
 *  2. an edit of the quote at that address, within budget, with both contexts intact;
 *  3. if the contexts still stand at the address around other words: the passage was
 *     rewritten there, so an orphan (unless its unedited words merely moved a little);
 *  4. an exact occurrence with its whole context intact;
 *  5. the best of all exact occurrences and approximate matches (next to the stored context,
 *     around the old position, and over the whole text behind a q-gram filter, with
 *     approx-string-match, the bit-parallel matcher the Hypothesis client uses).
 * Candidates are scored on quote, prefix, suffix and position with the weights below; the
 * winner must clear the threshold for its kind, so a weak match is an orphan rather than a
 * highlight on the wrong words, and no fuzzy match ever exceeds the edit budget.
 * Then the trust rule (issue 13, "a tag goes on its own words or becomes an orphan"): a
 * candidate needs at least one side of its stored context, or a cheap selector pointing at
 * it; and when the quote is short, occurs more than once, or the match is fuzzy, it must
 * beat every other place by TRUST_MARGIN of evidence (its score in weighted characters, plus
 * ADDRESS_WEIGHT per cheap selector on it and up to POSITION_EVIDENCE at the stored
 * position), else it is an orphan: candidates that score alike cannot be told apart,
 * with one exception: an exact candidate with one whole side of its context standing right
 * against it, when every eligible rival within the margin is clearly further from where the
 * cheap selectors point (paragraphs inserted just before a passage: see `settled`).
 *
 * One file on purpose (531 lines): the five steps share the scoring, its weights and margins
 * (TRUST_MARGIN and the rest are tuned together, by the anchoring bench); split, a change to
 * one step's rule could not be read against the others.
 */
import approxSearch from 'approx-string-match';
import { candidateRegions, toCodes } from './qgram-filter.ts';

/** Score weight per character of the quote that matches. */
export const QUOTE_WEIGHT = 2;
/** Score weight per character of the stored prefix or suffix that matches around a candidate. */
export const CONTEXT_WEIGHT = 1;
/** Weight of closeness to the stored position, in total: only enough to break ties between repeats. */
export const POSITION_WEIGHT = 1;

/** Edit budget: a fuzzy match may differ from the quote in at most this share of its characters. */
export const MAX_ERROR_RATE = 1 / 8;
/** An exact occurrence is accepted at or above this score (its context may have changed on one side). */
export const MIN_EXACT_SCORE = 0.5;
/** A fuzzy match is accepted at or above this score (its context must mostly agree unless the quote is long). */
export const MIN_FUZZY_SCORE = 0.75;
/** A near-address or context-window candidate this good is taken without a whole-text search. */
export const SURE_SCORE = 0.9;

/**
 * Below this many characters a quote is "short": shorter than one side of its stored
 * context, so its words alone say little about where it is (a "Yes" in a table, a name in a
 * comment header) and its context and address must single it out.
 */
export const SHORT_QUOTE = 32;
/**
 * Evidence, in weighted characters, for each cheap selector (range, position) that points
 * exactly at a candidate: the page's structure or offsets still vouch for that place. About
 * a quarter of one side of context, so context that clearly disagrees still outweighs one
 * stale address (a row added above moves the XPath onto the row above).
 */
export const ADDRESS_WEIGHT = 8;
/**
 * Evidence, in weighted characters, for starting exactly at the stored position, falling to
 * nothing at CONTEXT_LENGTH characters away. An unchanged offset settles repeats that have
 * no other difference (a quote stored without context), but it is worth less than a side of
 * context, so a stale offset that happens to fall near another "Yes" (rows of about the same
 * length) cannot outvote context that disagrees.
 */
export const POSITION_EVIDENCE = 12;
/**
 * When the quote is short, occurs more than once or the match is fuzzy, the winner must beat
 * the runner-up (the best candidate elsewhere) by at least this many weighted characters of
 * agreement, about one word of context; otherwise several places score alike (repeated
 * comment headers, table rows) and the tag becomes an orphan rather than a guess.
 */
export const TRUST_MARGIN = 8;
/**
 * A side of stored context this long (the whole of it) standing exactly against an exact
 * candidate lets the cheap selectors' position settle a near tie (see `settled` in matchQuote);
 * shorter sides (a passage near the page's edge) say too little.
 */
export const STANDING_SIDE = 16;
/** In a near tie, each rival must be at least this many times further from the cheap selectors' position. */
export const POSITION_RATIO = 2;
/** One side of the stored context agrees with a candidate when at most this share of its characters differ. */
export const SIDE_ERROR_RATE = 1 / 4;

/** Characters of context that `describe` stores either side of a quote. */
export const CONTEXT_LENGTH = 32;

/** Above this many characters the whole-text search runs only behind the q-gram filter. */
const UNFILTERED_SEARCH_LIMIT = 200_000;
/** Exact occurrences given a full (context edit distance) score, after a cheap ranking. */
const EXACT_SHORTLIST = 8;
/** Occurrences of a context anchor (nearest the old position first) that open search windows. */
const MAX_CONTEXT_HITS = 8;
/** Candidates scored from any one search, at most. */
const MAX_MATCHES_PER_SEARCH = 50;

/** What was stored about the quote's surroundings. */
export interface QuoteContext {
  prefix?: string;
  suffix?: string;
  /** Where the quote started when it was described. */
  hint?: number;
  /** The text's code units, if the caller keeps them (saves a conversion before a filtered search). */
  codes?: Uint16Array;
}

/** A place in the text where the quote (or something close to it) is. */
export interface QuoteMatch {
  start: number;
  end: number;
  /** Edits between the quote and text[start, end). */
  errors: number;
  /** 0..1: weighted agreement of quote, prefix, suffix and position. */
  score: number;
}

/** The most edits a fuzzy match of a quote this long may have. */
export function errorBudget(quoteLength: number): number {
  return Math.min(quoteLength - 1, Math.ceil(quoteLength * MAX_ERROR_RATE));
}

/**
 * Edit distance between `pattern` and the best-fitting stretch of text that touches
 * `at`: the text just before it (`before`) or just after it. Anchored on the quote's
 * side, so a prefix must sit right against the candidate, not merely somewhere near it.
 */
export function contextErrors(text: string, at: number, pattern: string, before: boolean): number {
  const m = pattern.length;
  if (m === 0) return 0;
  const span = Math.min(m + 8, before ? at : text.length - at);
  // D[l] over text characters consumed moving away from `at`; rows over pattern characters.
  let prev = new Int32Array(span + 1);
  let cur = new Int32Array(span + 1);
  for (let l = 0; l <= span; l++) prev[l] = l;
  for (let i = 1; i <= m; i++) {
    const pc = before ? pattern.charCodeAt(m - i) : pattern.charCodeAt(i - 1);
    cur[0] = i;
    for (let l = 1; l <= span; l++) {
      const tc = before ? text.charCodeAt(at - l) : text.charCodeAt(at + l - 1);
      const sub = prev[l - 1] + (pc === tc ? 0 : 1);
      const del = prev[l] + 1;
      const ins = cur[l - 1] + 1;
      cur[l] = sub < del ? (sub < ins ? sub : ins) : del < ins ? del : ins;
    }
    const t = prev;
    prev = cur;
    cur = t;
  }
  let best = m;
  for (let l = 0; l <= span; l++) if (prev[l] < best) best = prev[l];
  return best;
}

/** Score of a candidate: weighted share of quote, prefix and suffix characters that agree, plus position. */
export function scoreMatch(text: string, quoteLength: number, start: number, end: number, errors: number, ctx: QuoteContext): number {
  const prefix = ctx.prefix ?? '';
  const suffix = ctx.suffix ?? '';
  const pe = contextErrors(text, start, prefix, true);
  const se = contextErrors(text, end, suffix, false);
  const pos = ctx.hint === undefined ? 1 : 1 - Math.min(1, Math.abs(start - ctx.hint) / Math.max(1, text.length));
  const got =
    QUOTE_WEIGHT * Math.max(0, quoteLength - errors) +
    CONTEXT_WEIGHT * (prefix.length - pe + suffix.length - se) +
    POSITION_WEIGHT * pos;
  const max = QUOTE_WEIGHT * quoteLength + CONTEXT_WEIGHT * (prefix.length + suffix.length) + POSITION_WEIGHT;
  return got / max;
}

function commonSuffix(text: string, at: number, s: string): number {
  let k = 0;
  while (k < s.length && at - k - 1 >= 0 && text.charCodeAt(at - k - 1) === s.charCodeAt(s.length - k - 1)) k++;
  return k;
}

function commonPrefix(text: string, at: number, s: string): number {
  let k = 0;
  while (k < s.length && at + k < text.length && text.charCodeAt(at + k) === s.charCodeAt(k)) k++;
  return k;
}

function better(a: QuoteMatch, b: QuoteMatch | null, hint: number | undefined): boolean {
  if (!b) return true;
  if (a.score !== b.score) return a.score > b.score;
  if (a.errors !== b.errors) return a.errors < b.errors;
  if (hint !== undefined) return Math.abs(a.start - hint) < Math.abs(b.start - hint);
  return a.start < b.start;
}

/** Exact occurrences of `quote`, best first; the scan is linear and only a shortlist gets full scores. */
export function exactMatches(text: string, quote: string, ctx: QuoteContext): QuoteMatch[] {
  const prefix = ctx.prefix ?? '';
  const suffix = ctx.suffix ?? '';
  const hits: Array<{ start: number; agree: number }> = [];
  for (let at = text.indexOf(quote); at !== -1; at = text.indexOf(quote, at + 1)) {
    hits.push({ start: at, agree: commonSuffix(text, at, prefix) + commonPrefix(text, at + quote.length, suffix) });
  }
  const hint = ctx.hint;
  hits.sort((a, b) => b.agree - a.agree || (hint === undefined ? 0 : Math.abs(a.start - hint) - Math.abs(b.start - hint)));
  return hits
    .slice(0, EXACT_SHORTLIST)
    .map((h) => ({ start: h.start, end: h.start + quote.length, errors: 0, score: scoreMatch(text, quote.length, h.start, h.start + quote.length, 0, ctx) }))
    .sort((a, b) => (better(a, b, hint) ? -1 : 1));
}

/** Approximate matches of `quote` in text[from, to), made absolute and trimmed of edge spaces. */
function searchWindow(text: string, quote: string, maxErrors: number, from: number, to: number): Array<{ start: number; end: number; errors: number }> {
  from = Math.max(0, from);
  to = Math.min(text.length, to);
  if (to - from <= 0) return [];
  const found = approxSearch(from === 0 && to === text.length ? text : text.slice(from, to), quote, maxErrors);
  const out: Array<{ start: number; end: number; errors: number }> = [];
  for (const f of found.slice(0, MAX_MATCHES_PER_SEARCH)) {
    let start = f.start + from;
    let end = f.end + from;
    // The quote has no edge spaces, so a space at a match's edge is an edit: dropping it never adds errors.
    while (start < end && text.charCodeAt(start) === 32) start++;
    while (end > start && text.charCodeAt(end - 1) === 32) end--;
    if (end > start) out.push({ start, end, errors: f.errors });
  }
  return out;
}

/**
 * Approximate matches of `quote` within its edit budget: next to exact occurrences of the
 * stored context, around the position hints, and anywhere in the text (filtered on large
 * texts). `skipGlobal` leaves out the whole-text search, e.g. when exact copies exist (it
 * would return only them); otherwise it is skipped once a window gives a sure match, unless
 * `thorough` (the trust rule needs a fuzzy winner's rivals from the whole text).
 */
export function fuzzyMatches(text: string, quote: string, ctx: QuoteContext, hints: number[], skipGlobal: boolean, thorough = false): QuoteMatch[] {
  const m = quote.length;
  const k = errorBudget(m);
  if (k < 1) return [];
  const raw: Array<{ start: number; end: number; errors: number }> = [];
  const prefix = ctx.prefix ?? '';
  const suffix = ctx.suffix ?? '';
  const seen = new Set<string>();
  const results: QuoteMatch[] = [];
  const take = () => {
    for (const r of raw) {
      const key = `${r.start}:${r.end}`;
      if (seen.has(key)) continue;
      seen.add(key);
      results.push({ ...r, score: scoreMatch(text, m, r.start, r.end, r.errors, ctx) });
    }
    raw.length = 0;
  };

  // Windows where the quote should sit: after the stored prefix, before the stored suffix
  // (their last/first characters are the likeliest to survive edits nearby), and around the
  // old position. Overlapping windows are merged so no stretch is searched twice.
  const windows: Array<[number, number]> = [];
  const hitsOf = (needle: string): number[] => {
    const hits: number[] = [];
    for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) hits.push(at);
    if (ctx.hint !== undefined) hits.sort((a, b) => Math.abs(a - ctx.hint!) - Math.abs(b - ctx.hint!));
    return hits.slice(0, MAX_CONTEXT_HITS);
  };
  const before = prefix.slice(-16);
  if (before.trim().length >= 4) for (const at of hitsOf(before)) windows.push([at + before.length, at + before.length + m + 2 * k + 1]);
  const after = suffix.slice(0, 16);
  if (after.trim().length >= 4) for (const at of hitsOf(after)) windows.push([at - m - 2 * k - 1, at]);
  for (const h of hints) windows.push([h - 2 * k - CONTEXT_LENGTH, h + m + 2 * k + CONTEXT_LENGTH]);
  windows.sort((a, b) => a[0] - b[0]);
  let open: [number, number] | null = null;
  for (const w of windows) {
    if (open && w[0] <= open[1]) open[1] = Math.max(open[1], w[1]);
    else {
      if (open) raw.push(...searchWindow(text, quote, k, open[0], open[1]));
      open = [w[0], w[1]];
    }
  }
  if (open) raw.push(...searchWindow(text, quote, k, open[0], open[1]));
  take();
  if (skipGlobal || (!thorough && results.some((r) => r.score >= SURE_SCORE))) return results;

  const regions = candidateRegions(ctx.codes ?? toCodes(text), quote, k);
  if (regions) {
    for (const [from, to] of regions) raw.push(...searchWindow(text, quote, k, from, to));
  } else if (text.length <= UNFILTERED_SEARCH_LIMIT) {
    raw.push(...searchWindow(text, quote, k, 0, text.length));
  }
  take();
  return results;
}

/**
 * Where the passage's surroundings still stand near an address the cheap selectors give:
 * the stored prefix still ends and the stored suffix still begins there (give or take the
 * edit budget). Returns the stretch between them, or null.
 */
function keptSurroundings(text: string, spans: Array<[number, number]>, ctx: QuoteContext, budget: number): [number, number] | null {
  const before = (ctx.prefix ?? '').slice(-16);
  const after = (ctx.suffix ?? '').slice(0, 16);
  if (before.trim().length < 8 || after.trim().length < 8) return null;
  const slack = budget + 8;
  for (const [start, end] of spans) {
    const p = text.indexOf(before, Math.max(0, start - slack - before.length));
    const q = text.indexOf(after, Math.max(0, end - slack));
    if (p >= 0 && p + before.length <= start + slack && q >= 0 && q <= end + slack && q >= p + before.length) return [p + before.length, q];
  }
  return null;
}

/**
 * Places where the stored surroundings still stand together anywhere in the text (the
 * prefix's end, then the suffix's start within reach of a quote-sized gap), as the stretch
 * between them: where the passage itself is, or was before its words were rewritten.
 */
function keptPlaces(text: string, ctx: QuoteContext, quoteLength: number, budget: number): Array<[number, number]> {
  const before = (ctx.prefix ?? '').slice(-16);
  const after = (ctx.suffix ?? '').slice(0, 16);
  if (before.trim().length < 8 || after.trim().length < 8) return [];
  const out: Array<[number, number]> = [];
  const reach = quoteLength + budget + 8;
  for (let p = text.indexOf(before), n = 0; p !== -1 && n < MAX_CONTEXT_HITS; p = text.indexOf(before, p + 1), n++) {
    const from = p + before.length;
    const q = text.indexOf(after, from);
    if (q !== -1 && q <= from + reach) out.push([from, q]);
  }
  return out;
}

/** Whether one side of the stored context agrees at `at`; an empty side agrees only at the text's edge. */
function sideAgrees(text: string, at: number, side: string, before: boolean): boolean {
  if (side.length === 0) return before ? at === 0 : at === text.length;
  return contextErrors(text, at, side, before) <= Math.floor(side.length * SIDE_ERROR_RATE);
}

/** True when the whole stored prefix ends at `start` and the whole stored suffix begins at `end`. */
export function contextIntact(text: string, start: number, end: number, ctx: QuoteContext): boolean {
  const prefix = ctx.prefix ?? '';
  const suffix = ctx.suffix ?? '';
  return commonSuffix(text, start, prefix) === prefix.length && commonPrefix(text, end, suffix) === suffix.length;
}

/**
 * The best place for `quote` in `text`, or null for an orphan. `spans` are places the cheap
 * selectors point at; they are taken as exact when their text is the quote and their
 * context agrees. `quote` must already be whitespace-normalised and trimmed, like `text`.
 */
export function matchQuote(text: string, quote: string, ctx: QuoteContext, spans: Array<[number, number]> = []): QuoteMatch | null {
  if (quote.length === 0) return null;
  const hint = ctx.hint;
  const prefix = ctx.prefix ?? '';
  const suffix = ctx.suffix ?? '';
  const m = quote.length;
  const budget = errorBudget(m);
  let best: QuoteMatch | null = null;
  // Every candidate seen, for the trust rule's runner-up.
  const pool: QuoteMatch[] = [];
  const seen = new Set<string>();
  const add = (c: QuoteMatch) => {
    const key = `${c.start}:${c.end}`;
    if (!seen.has(key)) {
      seen.add(key);
      pool.push(c);
    }
  };
  const consider = (c: QuoteMatch) => {
    add(c);
    if (better(c, best, hint)) best = c;
  };

  // The trust rule. Evidence is the score in weighted characters plus the address.
  const maxScore = QUOTE_WEIGHT * m + CONTEXT_WEIGHT * (prefix.length + suffix.length) + POSITION_WEIGHT;
  const address = (c: QuoteMatch) => spans.filter(([s, e]) => s === c.start && e === c.end).length;
  const near = (c: QuoteMatch) => (hint === undefined ? 0 : Math.max(0, 1 - Math.abs(c.start - hint) / CONTEXT_LENGTH));
  const evidence = (c: QuoteMatch) => c.score * maxScore + ADDRESS_WEIGHT * address(c) + POSITION_EVIDENCE * near(c);
  // With no context stored at all there is nothing for a candidate to contradict.
  const sides = (c: QuoteMatch) => (!prefix && !suffix) || sideAgrees(text, c.start, prefix, true) || sideAgrees(text, c.end, suffix, false);
  const eligible = (c: QuoteMatch) => (c.errors === 0 ? c.score >= MIN_EXACT_SCORE : c.score >= MIN_FUZZY_SCORE && c.errors <= budget);
  let exactCount = 0;
  let searched = false;
  const hints = [...new Set([...(hint === undefined ? [] : [hint]), ...spans.map((s) => s[0])])];
  /**
   * Rivals of `w`: candidates elsewhere, and its own surroundings standing around other words,
   * with their evidence and place; `held` where a cheap selector points at the rival with its
   * context agreeing, or where both sides of the context stand.
   */
  const rivalsOf = (w: QuoteMatch, onlyPlausible = false): Array<{ at: number; evidence: number; held: boolean }> => {
    const out: Array<{ at: number; evidence: number; held: boolean }> = [];
    for (const r of pool) {
      if (!(r.start < w.end && r.end > w.start) && (!onlyPlausible || (eligible(r) && sides(r)))) out.push({ at: r.start, evidence: evidence(r), held: address(r) > 0 && sides(r) });
    }
    // The passage's own surroundings still standing elsewhere, around other words (a "Yes"
    // changed to "No"), are a rival too: its whole context, and at best a quote just over budget.
    if (!contextIntact(text, w.start, w.end, ctx)) {
      for (const [from, to] of keptPlaces(text, ctx, m, budget)) {
        if ((from < w.end && to > w.start) || text.slice(from, to).trim() === '') continue;
        const errors = Math.max(budget + 1, Math.abs(to - from - m));
        out.push({ at: from, evidence: QUOTE_WEIGHT * Math.max(0, m - errors) + CONTEXT_WEIGHT * (prefix.length + suffix.length) + POSITION_WEIGHT, held: true });
      }
    }
    return out;
  };
  const runnerUpOf = (w: QuoteMatch) => rivalsOf(w).reduce((a, r) => Math.max(a, r.evidence), -Infinity);
  /** Distance from `at` to the nearest place a cheap selector points at. */
  const distance = (at: number) => hints.reduce((a, h) => Math.min(a, Math.abs(at - h)), Infinity);
  /**
   * The settled case of the trust rule: `c` is the quote's own words (exact) with one whole
   * side of its stored context standing right against it (STANDING_SIDE characters at
   * least), the cheap selectors point somewhere, and every rival whose evidence comes within
   * TRUST_MARGIN of `c`'s (and that could be accepted on its own) is at least POSITION_RATIO times and CONTEXT_LENGTH characters
   * further from that place than `c` is. Paragraphs inserted just before a passage replace its
   * prefix and move its offsets: the suffix and the nearness of the stale offset still single
   * it out. A "Yes" whose answer changed has no such side anywhere, and a place the stale
   * offset lands on exactly has none either unless its context is the passage's.
   */
  const settled = (c: QuoteMatch): boolean => {
    if (c.errors !== 0 || hints.length === 0) return false;
    const standing =
      (prefix.length >= STANDING_SIDE && commonSuffix(text, c.start, prefix) === prefix.length) ||
      (suffix.length >= STANDING_SIDE && commonPrefix(text, c.end, suffix) === suffix.length);
    if (!standing) return false;
    const d = distance(c.start);
    const floor = evidence(c) - TRUST_MARGIN;
    // Rivals here are places that could be accepted on their own: an eligible score and one
    // side of context agreeing (a three-letter fuzzy match next to the stale offset, or the
    // quote's word inside the inserted paragraphs, is no place for the passage), and its kept
    // surroundings.
    // A rival the cheap selectors still point at with its context agreeing (the passage's own
    // words, edited in place), or where both sides of the context stand, is never outvoted here.
    return rivalsOf(c, true).every((r) => !r.held && (r.evidence <= floor || (distance(r.at) >= POSITION_RATIO * d && distance(r.at) - d >= CONTEXT_LENGTH)));
  };
  /** `c` if it can be trusted (with `move`, the best-evidenced eligible candidate instead), else null. */
  const trusted = (c: QuoteMatch | null, move = false): QuoteMatch | null => {
    if (!c) return null;
    if (!(m < SHORT_QUOTE || exactCount > 1 || c.errors > 0)) return sides(c) || address(c) > 0 ? c : null;
    // A fuzzy winner's rivals may be anywhere: look everywhere (exact copies, if any, are already here).
    if (c.errors > 0 && !searched) {
      searched = true;
      for (const f of fuzzyMatches(text, quote, ctx, hints, exactCount > 0, true)) add(f);
    }
    let w = c;
    if (move) for (const r of pool) if (eligible(r) && evidence(r) > evidence(w)) w = r;
    if (evidence(w) - runnerUpOf(w) < TRUST_MARGIN) {
      // Too close to call on the evidence alone. One settled case remains (see STANDING_SIDE):
      // an exact candidate with one whole side of its context standing right against it, and
      // every rival within the margin clearly further from where the cheap selectors point.
      if (!searched) {
        searched = true;
        for (const f of fuzzyMatches(text, quote, ctx, hints, exactCount > 0, true)) add(f);
      }
      let s: QuoteMatch | null = null;
      for (const r of pool) if (eligible(r) && settled(r) && (!s || evidence(r) > evidence(s))) s = r;
      if (!s) return null;
      w = s;
    }
    if (!sides(w)) return null;
    // A short quote's fuzzy match: its own edits and its context's must fit the quote's budget
    // together, or words merely shuffled within the passage would still find a home.
    if (w.errors > 0 && m < SHORT_QUOTE && w.errors + contextErrors(text, w.start, prefix, true) + contextErrors(text, w.end, suffix, false) > budget) return null;
    return w;
  };

  // A cheap selector that lands on the quote's very words with its whole context intact is
  // the passage; with only part of its context, it is strong evidence (the page's structure
  // or offsets still agree), enough when one side of its context stands as below, else it
  // must win under the trust rule like any other candidate.
  const spanHits: QuoteMatch[] = [];
  for (const [start, end] of spans) {
    if (end - start === m && text.startsWith(quote, start)) {
      if (contextIntact(text, start, end, ctx)) return { start, end, errors: 0, score: scoreMatch(text, m, start, end, 0, ctx) };
      spanHits.push({ start, end, errors: 0, score: scoreMatch(text, m, start, end, 0, ctx) });
    }
  }
  // Both cheap selectors on it and one side of context close enough, or one of them on it and
  // one side exactly as stored (paragraphs inserted just before it replace the prefix).
  for (const c of spanHits) {
    if (c.score < MIN_EXACT_SCORE) continue;
    if (address(c) >= 2 && sides(c)) return c;
    if ((prefix && commonSuffix(text, c.start, prefix) === prefix.length) || (suffix && commonPrefix(text, c.end, suffix) === suffix.length)) return c;
  }

  const exact = exactMatches(text, quote, ctx);
  exactCount = exact.length;
  for (const c of spanHits) add(c);
  for (const c of exact) add(c);
  let hit: QuoteMatch | null = null;
  for (const c of spanHits) if (c.score >= MIN_EXACT_SCORE && (!hit || evidence(c) > evidence(hit))) hit = c;
  if (hit) return trusted(hit, true);
  for (const c of spanHits) consider(c);
  for (const c of exact) consider(c);

  // The cheap selectors are the passage's own address. If the words there were edited but
  // are within budget and the context on both sides is intact, that is the passage, even if
  // an unedited copy (a repeated menu, a quoted line) survives elsewhere on the page. An
  // unedited occurrence overlapping it is the passage too, merely moved: it wins, since a
  // window searched around a stale address can clip the real passage at an edge.
  let local: QuoteMatch | null = null;
  if (budget >= 1) {
    for (const [start, end] of spans) {
      for (const r of searchWindow(text, quote, budget, start - budget, end + budget)) {
        if (contextErrors(text, r.start, prefix, true) * 4 > prefix.length) continue;
        if (contextErrors(text, r.end, suffix, false) * 4 > suffix.length) continue;
        const c = { ...r, score: scoreMatch(text, m, r.start, r.end, r.errors, ctx) };
        add(c);
        if (better(c, local, hint)) local = c;
      }
    }
  }
  if (local) {
    const l = local as QuoteMatch;
    const moved = exact.find((e) => e.start < l.end && e.end > l.start && e.score >= MIN_EXACT_SCORE);
    if (moved) return trusted(moved);
    if (l.score >= SURE_SCORE) return trusted(l);
  }

  // Context still in place at the address, with other words between: the passage was
  // rewritten there beyond the budget. A copy of its old words elsewhere is not it.
  const kept = keptSurroundings(text, spans, ctx, budget);
  if (kept) return trusted(exact.find((e) => e.start < kept[1] && e.end > kept[0] && e.score >= MIN_EXACT_SCORE) ?? null);

  // Only an occurrence whose whole stored context is intact needs no rival: elsewhere the
  // passage itself may have been edited while a copy of its words survives nearby.
  const top = exact[0];
  if (top && contextIntact(text, top.start, top.end, ctx)) return trusted(top);

  // Thorough: a sure match in a window near the context may be a look-alike (another
  // comment's header) while the edited passage itself is elsewhere; the trust rule needs both.
  searched = true;
  for (const c of fuzzyMatches(text, quote, ctx, hints, exact.length > 0, true)) consider(c);

  const chosen = best as QuoteMatch | null;
  if (!chosen) return null;
  if (chosen.errors === 0) return chosen.score >= MIN_EXACT_SCORE ? trusted(chosen) : null;
  return chosen.score >= MIN_FUZZY_SCORE && chosen.errors <= budget ? trusted(chosen) : null;
}
