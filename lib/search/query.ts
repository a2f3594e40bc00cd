/**
 * What a typed query means: unit codes ("CU795", "L/506/2150", "CS 27", whole or still
 * being typed), criterion numbers ("2.3", "2."), and words, each word then widened to the
 * indexed terms it can mean (itself, completions, near misses).
 */
import { NUMBER, splitQuery } from '../catalogue/codes';
import { unitKey } from '../catalogue/ids';
import type { TermDict } from './terms';
import { isContentWord, words } from './text';
import { MAX_QUERY_CHARS, MAX_QUERY_TOKENS } from './weights';

/** A word of the query. */
export interface QueryWord {
  word: string;
  /** May be the start of a longer word (being typed). */
  prefix: boolean;
}

/** A query read into unit keys, numbers and words. */
export interface ParsedQuery {
  /** Unit keys; `exact: false` for the start of a key still being typed. */
  units: { key: string; exact: boolean }[];
  /** Numbers without a trailing dot; `exact: false` where a longer number may be meant ("2" for "2.3"). */
  numbers: { value: string; exact: boolean }[];
  words: QueryWord[];
}

/** The catalogue's unit keys ("CU795", "L5062150", "CS27"), for exact and prefix lookup. */
export class UnitKeys {
  /** Sorted, so the keys sharing a prefix are neighbours. */
  readonly sorted: readonly string[];
  private set: Set<string>;

  constructor(keys: Iterable<string>) {
    this.sorted = [...keys].sort();
    this.set = new Set(this.sorted);
  }

  has(key: string): boolean {
    return this.set.has(key);
  }

  /** The keys that start with `prefix` (the key itself included), in sorted order. */
  withPrefix(prefix: string): string[] {
    const out: string[] = [];
    for (let i = this.lowerBound(prefix); i < this.sorted.length && this.sorted[i].startsWith(prefix); i++) out.push(this.sorted[i]);
    return out;
  }

  hasPrefix(prefix: string): boolean {
    const i = this.lowerBound(prefix);
    return i < this.sorted.length && this.sorted[i].startsWith(prefix);
  }

  private lowerBound(k: string): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sorted[mid] < k) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/**
 * Reads a query. Up to three tokens joined can name a unit ("CS 27", "L / 506 / 2150");
 * the last token, unless a space follows it, is still being typed.
 */
export function parse(query: string, units: UnitKeys): ParsedQuery {
  const q = query.length > MAX_QUERY_CHARS ? query.slice(0, MAX_QUERY_CHARS) : query;
  const open = !/\s$/.test(q) && q.length < MAX_QUERY_CHARS; // last token still being typed
  const raw = splitQuery(q).slice(0, MAX_QUERY_TOKENS);
  const out: ParsedQuery = { units: [], numbers: [], words: [] };
  for (let i = 0; i < raw.length; ) {
    let used = 0;
    for (let len = Math.min(3, raw.length - i); len >= 1 && !used; len--) {
      const k = unitKey(raw.slice(i, i + len).join(''));
      if (!/[A-Z]/.test(k) || !/\d/.test(k) || k.includes('.')) continue;
      if (units.has(k)) {
        out.units.push({ key: k, exact: true });
        used = len;
      } else if (open && i + len === raw.length && k.length >= 3 && units.hasPrefix(k)) {
        out.units.push({ key: k, exact: false });
        used = len;
      }
    }
    if (used) {
      i += used;
      continue;
    }
    const t = raw[i];
    if (NUMBER.test(t)) {
      const v = t.replace(/\.$/, '');
      out.numbers.push({ value: v, exact: v.includes('.') && !(open && i === raw.length - 1 && t.endsWith('.')) });
    } else {
      const ws = words(t);
      ws.forEach((w, j) => {
        const last = i === raw.length - 1 && j === ws.length - 1;
        out.words.push({ word: w, prefix: (last && open) || w.length >= 3 });
      });
    }
    i++;
  }
  // Stopwords say nothing unless they are all there is, or still being typed.
  const content = out.words.filter((w, i) => isContentWord(w.word) || (w.prefix && i === out.words.length - 1 && w.word.length > 1));
  out.words = content.length ? content : out.words.filter((w) => w.word.length > 1);
  return out;
}

/** A number printed twice in an outcome is stored as "2.3~2"; codes match it as "2.3". */
export function bareNumber(n: string): string {
  return n.replace(/~\d+$/, '');
}

/** How well a criterion number answers a typed number: 1 exact, 0.6 a completion of it. */
export function numberMatch(number: string, n: { value: string; exact: boolean }): number {
  const num = bareNumber(number);
  if (num === n.value) return 1;
  if (n.exact) return 0;
  if (num.startsWith(`${n.value}.`)) return 0.6;
  if (n.value.includes('.') && num.startsWith(n.value)) return 0.6;
  return 0;
}

/**
 * The terms a query word can mean, each with a quality in (0, 1]: the word itself (1),
 * completions of a word being typed (0.7 to 0.95, more for a shorter completion), and near
 * misses (less per edit) for a word the dictionary does not know and hardly completes.
 */
export function expandWord(dict: TermDict, qw: QueryWord): { term: number; quality: number }[] {
  const out: { term: number; quality: number }[] = [];
  const exact = dict.ids.get(qw.word);
  if (exact !== undefined) out.push({ term: exact, quality: 1 });
  if (qw.prefix) {
    for (const t of dict.prefixed(qw.word, 40)) {
      out.push({ term: t, quality: 0.7 + 0.25 * (qw.word.length / dict.terms[t].length) });
    }
  }
  if (exact === undefined && out.length < 2 && qw.word.length >= 4) {
    for (const { term, distance } of dict.fuzzy(qw.word, false, 6)) out.push({ term, quality: 0.85 - 0.12 * distance });
    if (qw.prefix) {
      for (const { term, distance } of dict.fuzzy(qw.word, true, 6)) {
        if (!out.some((o) => o.term === term)) out.push({ term, quality: 0.7 - 0.12 * distance });
      }
    }
  }
  return out;
}
