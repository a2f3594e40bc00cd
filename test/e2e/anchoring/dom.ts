/**
 * The anchoring lab's own plain reading of a page (visible text nodes, words, ranges) and
 * the seeded choice of passages to tag: never the engine's index, so the engine cannot
 * grade itself.
 */
import type { Selector } from '../../../lib/anchoring/index.ts';
import { describe } from '../../../lib/anchoring/index.ts';

export const HIDDEN = 'script,style,template,noscript,head,title';
export const BLOCKS = new Set(['p', 'div', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'section', 'article', 'table', 'tr', 'blockquote', 'header', 'footer', 'nav', 'aside', 'main', 'figure', 'dl', 'dd', 'dt']);

/** Seeded PRNG (mulberry32), so every run picks the same passages. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The alphabet edits and shuffles draw from. */
export const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

export const flat = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Not inside script-like elements: the lab's text nodes (their ids and the words passages are drawn from). */
export function scriptFree(t: Node): boolean {
  const p = t.parentElement;
  return !!p && !p.closest(HIDDEN);
}

const shown = new WeakMap<Element, boolean>();

/**
 * Rendered for a reader: not script-like, and the browser shows it (not display:none,
 * [hidden], visibility:hidden, a closed <details>). Remembered per element: the trials
 * change text and add elements, never what is hidden.
 */
export function visible(t: Node): boolean {
  const p = t.parentElement;
  if (!p) return false;
  let v = shown.get(p);
  if (v === undefined) {
    // An element with display:contents has no box of its own; its text shows if its parent's does.
    let box: Element | null = p;
    while (box && getComputedStyle(box).display === 'contents') box = box.parentElement;
    v = !p.closest(HIDDEN) && !!box && box.checkVisibility({ visibilityProperty: true } as CheckVisibilityOptions);
    shown.set(p, v);
  }
  return v;
}

/** True if every lab text node from id `a` to id `b` is rendered (a passage there is one a reader can select). */
export function renderedBetween(a: number, b: number): boolean {
  const n = textNodes();
  for (let i = a; i <= b; i++) if (!visible(n[i])) return false;
  return true;
}

let NODES: Text[] | null = null;

/**
 * Text nodes of the body outside script-like elements, in document order, fixed at first use
 * (ids survive a reload of the same HTML). Not-rendered ones are included so that passages
 * are drawn as before issue 13; `prepare` skips passages that touch them.
 */
export function textNodes(): Text[] {
  if (NODES) return NODES;
  const out: Text[] = [];
  const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let t = w.nextNode() as Text | null; t; t = w.nextNode() as Text | null) if (scriptFree(t)) out.push(t);
  NODES = out;
  return out;
}

/** Visible text nodes that a range touches, in order (walking only from its start to its end). */
export function nodesIn(range: Range): Text[] {
  const rootNode = range.commonAncestorContainer;
  if (rootNode.nodeType === Node.TEXT_NODE) return visible(rootNode) ? [rootNode as Text] : [];
  const w = document.createTreeWalker(rootNode, NodeFilter.SHOW_TEXT);
  w.currentNode = range.startContainer;
  let t = (range.startContainer.nodeType === Node.TEXT_NODE ? range.startContainer : w.nextNode()) as Text | null;
  const out: Text[] = [];
  for (; t; t = w.nextNode() as Text | null) {
    if (range.comparePoint(t, 0) > 0) break;
    if (range.intersectsNode(t) && visible(t)) out.push(t);
  }
  return out;
}

/** The words a reader sees in a range: visible text nodes clipped to it, whitespace collapsed. */
export function visibleText(range: Range): string {
  let out = '';
  for (const t of nodesIn(range)) {
    const from = t === range.startContainer ? range.startOffset : 0;
    const to = t === range.endContainer ? range.endOffset : t.data.length;
    out += t.data.slice(from, to);
  }
  return flat(out);
}

export function between(a: Node, ao: number, b: Node, bo: number): string {
  const r = document.createRange();
  r.setStart(a, ao);
  if (r.comparePoint(b, bo) < 0) {
    r.setStart(b, bo);
    r.setEnd(a, ao);
  } else r.setEnd(b, bo);
  return visibleText(r);
}

/** Same place: no visible words between the two ranges' starts, nor between their ends. */
export function samePlace(a: Range, b: Range): boolean {
  return between(a.startContainer, a.startOffset, b.startContainer, b.startOffset) === '' &&
    between(a.endContainer, a.endOffset, b.endContainer, b.endOffset) === '';
}

export function overlaps(a: Range, b: Range): boolean {
  return a.compareBoundaryPoints(Range.START_TO_END, b) > 0 && a.compareBoundaryPoints(Range.END_TO_START, b) < 0;
}

export interface Word { node: number; start: number; end: number }

export function words(): Word[] {
  const out: Word[] = [];
  textNodes().forEach((t, node) => {
    for (const m of t.data.matchAll(/\S+/g)) out.push({ node, start: m.index!, end: m.index! + m[0].length });
  });
  return out;
}

/** A passage as text-node ids and offsets, plus what was stored for it. */
export interface Item {
  start: [number, number];
  end: [number, number];
  words: number;
  crosses: boolean;
  repeated: boolean;
  selectors: Selector[];
  text: string;
}

export function toRange(it: Pick<Item, 'start' | 'end'>): Range {
  const n = textNodes();
  const r = document.createRange();
  r.setStart(n[it.start[0]], it.start[1]);
  r.setEnd(n[it.end[0]], it.end[1]);
  return r;
}

export function count(hay: string, needle: string): number {
  let c = 0;
  for (let at = hay.indexOf(needle); at !== -1 && c < 2; at = hay.indexOf(needle, at + 1)) c++;
  return c;
}

/**
 * `n` random passages (1 word to about 3 paragraphs, often across elements) and `nRepeated`
 * short passages whose words occur more than once on the page, each described.
 */
export function prepare(seed: number, n: number, nRepeated: number): Item[] {
  const rand = rng(seed);
  const ws = words();
  const body = document.createRange();
  body.selectNodeContents(document.body);
  const pageText = visibleText(body);
  const make = (i: number, len: number): Item | null => {
    const j = Math.min(ws.length - 1, i + len - 1);
    const a = ws[i];
    const b = ws[j];
    // Hidden text is never anchored (issue 13): a passage must be all rendered.
    if (!renderedBetween(a.node, b.node)) return null;
    const it = { start: [a.node, a.start] as [number, number], end: [b.node, b.end] as [number, number] };
    const range = toRange(it);
    const text = visibleText(range);
    if (!text) return null;
    return {
      ...it,
      words: j - i + 1,
      crosses: a.node !== b.node,
      repeated: count(pageText, text) > 1,
      selectors: describe(document.body, range),
      text,
    };
  };
  const out: Item[] = [];
  // A page with no rendered text (hidden by a style its stripped scripts would remove) must
  // fail here with a reason, not loop for ever.
  let attempts = 0;
  while (out.length < n) {
    if (++attempts > 100 * n) throw new Error(`prepare: only ${out.length} of ${n} passages are rendered text after ${attempts - 1} draws`);
    const r = rand();
    const len = r < 0.2 ? 1 : r < 0.6 ? 2 + Math.floor(rand() * 11) : r < 0.85 ? 13 + Math.floor(rand() * 48) : 61 + Math.floor(rand() * 240);
    const it = make(Math.floor(rand() * ws.length), len);
    if (it) out.push(it);
  }
  // Short runs of words seen more than once (counted cheaply on words, then checked on the text).
  const nodes = textNodes();
  const wordText = (i: number) => nodes[ws[i].node].data.slice(ws[i].start, ws[i].end);
  const seen = new Map<string, number>();
  const key = (i: number, len: number) => Array.from({ length: len }, (_, k) => wordText(i + k)).join(' ');
  for (let len = 1; len <= 3; len++) for (let i = 0; i + len <= ws.length; i++) seen.set(key(i, len), (seen.get(key(i, len)) ?? 0) + 1);
  let tries = 0;
  let reps = 0;
  while (reps < nRepeated && tries++ < 5000) {
    const len = 1 + Math.floor(rand() * 3);
    const i = Math.floor(rand() * (ws.length - len));
    const k = key(i, len);
    if (k.length < 3 || (seen.get(k) ?? 0) < 2) continue;
    const it = make(i, len);
    if (it && it.repeated) {
      out.push(it);
      reps++;
    }
  }
  return out;
}

/** What one anchoring attempt gave, judged by the page's own reading. */

/** Levenshtein distance (two rows), for judging where a quote-only anchor landed. */
export function editDistance(a: string, b: string): number {
  let prev = new Int32Array(b.length + 1).map((_, j) => j);
  let cur = new Int32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1));
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}
