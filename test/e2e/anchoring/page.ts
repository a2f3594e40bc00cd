/**
 * Browser side of the anchoring end-to-end test and benchmark: bundled with the engine
 * into one IIFE (global `AnchorLab`) and injected into real pages served on 127.0.0.1.
 * It picks seeded random passages, changes the page around or inside them, anchors, and
 * judges the result with its own plain reading of the DOM (never the engine's index), so
 * the engine cannot grade itself.
 */
import { anchor, describe } from '../../../lib/anchoring/index.ts';
import type { Selector, TextQuoteSelector } from '../../../lib/anchoring/index.ts';
import { textIndexOf } from '../../../lib/anchoring/text-index.ts';

export { anchor, describe };

const HIDDEN = 'script,style,template,noscript,head,title';
const BLOCKS = new Set(['p', 'div', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'section', 'article', 'table', 'tr', 'blockquote', 'header', 'footer', 'nav', 'aside', 'main', 'figure', 'dl', 'dd', 'dt']);

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

const flat = (s: string) => s.replace(/\s+/g, ' ').trim();

function visible(t: Node): boolean {
  const p = t.parentElement;
  return !!p && !p.closest(HIDDEN);
}

let NODES: Text[] | null = null;

/** Visible text nodes of the body in document order, fixed at first use (ids survive a reload of the same HTML). */
export function textNodes(): Text[] {
  if (NODES) return NODES;
  const out: Text[] = [];
  const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let t = w.nextNode() as Text | null; t; t = w.nextNode() as Text | null) if (visible(t)) out.push(t);
  NODES = out;
  return out;
}

/** Visible text nodes that a range touches, in order (walking only from its start to its end). */
function nodesIn(range: Range): Text[] {
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

function between(a: Node, ao: number, b: Node, bo: number): string {
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

function overlaps(a: Range, b: Range): boolean {
  return a.compareBoundaryPoints(Range.START_TO_END, b) > 0 && a.compareBoundaryPoints(Range.END_TO_START, b) < 0;
}

interface Word { node: number; start: number; end: number }

function words(): Word[] {
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

function count(hay: string, needle: string): number {
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
  while (out.length < n) {
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
export interface Outcome {
  status: string;
  textOk: boolean;
  placeOk: boolean;
  /** For edited passages: anchored text holds every unedited word, in order. */
  wordsOk?: boolean;
  edits?: number;
  got?: string;
  /** For edited passages: the passage's text after the edits. */
  edited?: string;
  /** For edited passages: edits between the anchored text and the passage before it was edited. */
  fromOriginal?: number;
}

const squash = (s: string) => s.replace(/\s+/g, '');

/** `spacesMoved`: whitespace was added between blocks, so compare words without spaces. */
async function judge(it: Item, expected: Range, spacesMoved = false): Promise<Outcome> {
  const res = await anchor(document.body, it.selectors);
  if (!res.range) return { status: res.status, textOk: false, placeOk: false };
  const got = visibleText(res.range);
  const textOk = spacesMoved ? squash(got) === squash(it.text) : got === it.text;
  return { status: res.status, textOk, placeOk: samePlace(res.range, expected), got: got.slice(0, 120) };
}

/** Anchors every item on the page as it is. */
export async function runFresh(items: Item[]): Promise<Outcome[]> {
  const out: Outcome[] = [];
  for (const it of items) out.push(await judge(it, toRange(it)));
  return out;
}

function blockOf(node: Node): Element {
  let el = node.parentElement!;
  while (el !== document.body && !BLOCKS.has(el.localName)) el = el.parentElement!;
  return el;
}

function sentence(rand: () => number): string {
  const ws = words();
  const n = textNodes();
  const parts: string[] = [];
  for (let i = 0; i < 14; i++) {
    const w = ws[Math.floor(rand() * ws.length)];
    parts.push(n[w.node].data.slice(w.start, w.end));
  }
  return parts.join(' ') + '.';
}

/** Paragraphs inserted just before the block where the passage starts. */
function insertBefore(it: Item, rand: () => number): () => void {
  const start = textNodes()[it.start[0]];
  let anchorNode: Node = blockOf(start);
  if (anchorNode === document.body) anchorNode = start;
  const added = [0, 1].map(() => {
    const p = document.createElement('p');
    p.textContent = sentence(rand);
    anchorNode.parentNode!.insertBefore(p, anchorNode);
    return p;
  });
  return () => added.forEach((p) => p.remove());
}

/** Two new elements wrapped around the smallest element holding the whole passage. */
function wrapAround(it: Item): () => void {
  let el: Node = toRange(it).commonAncestorContainer;
  if (el.nodeType !== Node.ELEMENT_NODE) el = el.parentNode!;
  if (el === document.body) {
    const outer = document.createElement('div');
    while (document.body.firstChild) outer.appendChild(document.body.firstChild);
    document.body.appendChild(outer);
    return () => {
      while (outer.firstChild) document.body.insertBefore(outer.firstChild, outer);
      outer.remove();
    };
  }
  const tag = BLOCKS.has((el as Element).localName) ? 'div' : 'span';
  const outer = document.createElement(tag);
  const inner = document.createElement(tag === 'div' ? 'section' : 'span');
  const parent = el.parentNode!;
  parent.insertBefore(outer, el);
  outer.appendChild(inner);
  inner.appendChild(el);
  return () => {
    parent.insertBefore(el, outer);
    outer.remove();
  };
}

/** One word changed in the nearest visible text outside the passage (after it if possible). */
function editNearby(it: Item): () => void {
  const n = textNodes();
  const range = toRange(it);
  const ok = (t: Text) => !range.intersectsNode(t) && /\S{4,}/.test(t.data) && t.isConnected;
  let target: Text | undefined;
  for (let i = it.end[0] + 1; i < n.length && !target; i++) if (ok(n[i])) target = n[i];
  for (let i = it.start[0] - 1; i >= 0 && !target; i--) if (ok(n[i])) target = n[i];
  if (!target) return () => {};
  const before = target.data;
  target.data = before.replace(/\S{4,}/, 'altered');
  return () => {
    target!.data = before;
  };
}

/** Applies one change away from a passage; returns its undo. */
export function changeAway(it: Item, kind: 'insert' | 'wrap' | 'nearby', rand: () => number): () => void {
  return kind === 'insert' ? insertBefore(it, rand) : kind === 'wrap' ? wrapAround(it) : editNearby(it);
}

/** Anchors every item after a reversible change away from it, undoing the change each time. */
export async function runChanged(items: Item[], kind: 'insert' | 'wrap' | 'nearby', seed: number): Promise<Outcome[]> {
  const rand = rng(seed);
  const out: Outcome[] = [];
  for (const it of items) {
    const undo = changeAway(it, kind, rand);
    out.push(await judge(it, toRange(it)));
    undo();
  }
  return out;
}

/**
 * Re-flows whitespace over the whole page as a re-render would: every whitespace run in
 * visible text becomes another run, and line breaks appear between block elements.
 * Passage offsets are moved with their text. Not undone: run it last.
 */
export async function runReflow(items: Item[], seed: number): Promise<Outcome[]> {
  const rand = rng(seed);
  const n = textNodes();
  const maps = new Map<number, Int32Array>();
  const runs = [' ', '\n', '\n      ', '  ', '\t', ' \n  '];
  n.forEach((t, id) => {
    if (t.parentElement!.closest('pre,textarea')) return;
    const old = t.data;
    const map = new Int32Array(old.length + 1);
    let out = '';
    let i = 0;
    while (i < old.length) {
      if (/\s/.test(old[i])) {
        let j = i;
        while (j < old.length && /\s/.test(old[j])) j++;
        for (let k = i; k < j; k++) map[k] = out.length;
        out += runs[Math.floor(rand() * runs.length)];
        i = j;
      } else {
        map[i] = out.length;
        out += old[i++];
      }
    }
    map[old.length] = out.length;
    if (out !== old) {
      t.data = out;
      maps.set(id, map);
    }
  });
  for (const el of Array.from(document.body.querySelectorAll('*'))) {
    const next = el.nextSibling;
    if (BLOCKS.has(el.localName) && next && next.nodeType === Node.ELEMENT_NODE && BLOCKS.has((next as Element).localName)) {
      el.parentNode!.insertBefore(document.createTextNode('\n    '), next);
    }
  }
  const moved = items.map((it) => {
    const f = (p: [number, number]): [number, number] => [p[0], maps.get(p[0])?.[p[1]] ?? p[1]];
    return { ...it, start: f(it.start), end: f(it.end) };
  });
  const out: Outcome[] = [];
  for (const it of moved) out.push(await judge(it, toRange(it), true));
  return out;
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/**
 * Edits `rate` (up to 10% unless testing over-edited passages) of each passage's own characters (substitutions, insertions before a
 * letter, deletions inside words), anchors, and undoes the edits. A good outcome is fuzzy
 * on text that overlaps the passage and holds its unedited words, or an orphan.
 */
export async function runEdited(items: Item[], seed: number, quoteOnly = false, rate = 0.1): Promise<Outcome[]> {
  const rand = rng(seed);
  const out: Outcome[] = [];
  for (const it of items) {
    if (Math.floor(it.text.length * 0.1) < 1) continue;
    const edits = Math.floor(it.text.length * rate);
    const range = toRange(it);
    // The passage's characters, in order, with where each lives.
    const chars: Array<{ t: Text; o: number; c: string }> = [];
    for (const t of nodesIn(range)) {
      const from = t === range.startContainer ? range.startOffset : 0;
      const to = t === range.endContainer ? range.endOffset : t.data.length;
      for (let o = from; o < to; o++) chars.push({ t, o, c: t.data[o] });
    }
    const letters = chars.map((c, i) => i).filter((i) => /\S/.test(chars[i].c));
    const picked = new Set<number>();
    while (picked.size < Math.min(edits, letters.length)) picked.add(letters[Math.floor(rand() * letters.length)]);
    // Words of the passage as runs of non-space characters; those with an edit are "touched".
    const untouched: string[] = [];
    let word = '';
    let touched = false;
    chars.forEach((ch, i) => {
      if (/\s/.test(ch.c)) {
        if (word && !touched) untouched.push(word);
        word = '';
        touched = false;
      } else {
        word += ch.c;
        touched ||= picked.has(i);
      }
    });
    if (word && !touched) untouched.push(word);

    const saved = new Map<Text, string>();
    for (const i of [...picked].sort((a, b) => b - a)) {
      const { t, o } = chars[i];
      if (!saved.has(t)) saved.set(t, t.data);
      const kind = rand();
      const cur = t.data[o];
      let letter = LETTERS[Math.floor(rand() * 26)];
      if (letter === cur.toLowerCase()) letter = LETTERS[(LETTERS.indexOf(letter) + 1) % 26];
      const inWord = o > 0 && o + 1 < t.data.length && /\S/.test(t.data[o - 1]) && /\S/.test(t.data[o + 1]);
      if (kind < 0.4 || (kind >= 0.7 && !inWord)) t.replaceData(o, 1, letter);
      // Inserted before the chosen character (after it if that is the passage's first), so
      // it lands inside the passage rather than against one of its edges.
      else if (kind < 0.7) t.insertData(i === letters[0] ? o + 1 : o, letter);
      else t.deleteData(o, 1);
    }
    // `range` is live: the edits moved its end with the text.
    // Quote only: as if the page's structure had changed too, so only the search can find it.
    const res = await anchor(document.body, quoteOnly ? it.selectors.filter((x) => x.type === 'TextQuoteSelector') : it.selectors);
    let o: Outcome = { status: res.status, textOk: false, placeOk: false, edits: picked.size, edited: visibleText(range).slice(0, 120) };
    if (res.range) {
      const got = visibleText(res.range);
      let at = 0;
      const wordsOk = untouched.every((u) => {
        const k = got.indexOf(u, at);
        if (k < 0) return false;
        at = k + u.length;
        return true;
      });
      o = { ...o, textOk: got === it.text, placeOk: overlaps(res.range, range), wordsOk, got: got.slice(0, 120), fromOriginal: editDistance(got, it.text) };
    }
    out.push(o);
    for (const [t, d] of saved) t.data = d;
  }
  return out;
}

/** Times describe and anchor (exact) for `n` random passages; all in this page, no judging. */
export async function timeExact(seed: number, n: number): Promise<{ coldMs: number; describeMs: number[]; anchorMs: number[]; totalAnchorMs: number; exact: number; chars: number }> {
  const items = prepare(seed, n, 0);
  const describeMs: number[] = [];
  const ranges = items.map(toRange);
  // A change under the root drops the cached index, so the next call pays for a rebuild.
  document.body.appendChild(document.createComment('x')).remove();
  const c0 = performance.now();
  textIndexOf(document.body);
  const coldMs = performance.now() - c0;
  for (const r of ranges) {
    const t0 = performance.now();
    describe(document.body, r);
    describeMs.push(performance.now() - t0);
  }
  let anchorMs: number[] = [];
  let exact = 0;
  let totalAnchorMs = Infinity;
  // Three rounds over all passages; the fastest round is kept (shared cores add noise).
  for (let round = 0; round < 3; round++) {
    const times: number[] = [];
    exact = 0;
    const t0 = performance.now();
    for (const it of items) {
      const t1 = performance.now();
      const res = await anchor(document.body, it.selectors);
      times.push(performance.now() - t1);
      if (res.status === 'exact') exact++;
    }
    const total = performance.now() - t0;
    if (total < totalAnchorMs) {
      totalAnchorMs = total;
      anchorMs = times;
    }
  }
  const body = document.createRange();
  body.selectNodeContents(document.body);
  return { coldMs, describeMs, anchorMs, totalAnchorMs, exact, chars: visibleText(body).length };
}

/** The quote selector of a selector list. */
export function quoteOf(sels: Selector[]): TextQuoteSelector | undefined {
  return sels.find((s): s is TextQuoteSelector => s.type === 'TextQuoteSelector');
}

/**
 * Replaces the page with about `chars` characters of paragraphs taken from the saved
 * pages at `urls`, then times anchoring quotes that are not on it: shuffled real
 * passages, and real passages with a quarter of their letters changed (beyond the edit
 * budget, so the filter lets them through to the costly verification).
 */
export async function timeOrphans(seed: number, chars: number, urls: string[]): Promise<{
  chars: number;
  indexMs: number;
  rows: Array<{ kind: string; length: number; n: number; orphans: number; worstMs: number; medianMs: number }>;
  slowestRun: number;
}> {
  const rand = rng(seed);
  const paras: string[] = [];
  for (const u of urls) {
    const doc = new DOMParser().parseFromString(await (await fetch(u)).text(), 'text/html');
    doc.querySelectorAll('p').forEach((p) => {
      const t = flat(p.textContent ?? '');
      if (t.length > 40) paras.push(t);
    });
  }
  document.body.innerHTML = '';
  let total = 0;
  const frag = document.createDocumentFragment();
  while (total < chars) {
    const p = document.createElement('p');
    p.textContent = paras[Math.floor(rand() * paras.length)];
    total += p.textContent.length + 1;
    frag.appendChild(p);
  }
  document.body.appendChild(frag);
  const body = document.createRange();
  body.selectNodeContents(document.body);
  const t0 = performance.now();
  const whole = textIndexOf(document.body).text;
  const indexMs = performance.now() - t0;
  const pageText = flat(visibleText(body));
  const rows = [];
  const repeats = 5;
  let slowestRun = 0;
  for (const kind of ['shuffled words', 'quarter of letters changed']) {
    for (const length of [20, 100, 400, 1500]) {
      const times: number[] = [];
      let orphans = 0;
      const n = 5;
      for (let i = 0; i < n; i++) {
        const at = Math.floor(rand() * (pageText.length - length - 64)) + 32;
        const real = pageText.slice(at, at + length);
        let quote: string;
        if (kind === 'shuffled words') {
          const ws = real.split(' ');
          for (let j = ws.length - 1; j > 0; j--) {
            const k = Math.floor(rand() * (j + 1));
            [ws[j], ws[k]] = [ws[k], ws[j]];
          }
          quote = ws.join(' ');
          if (ws.length < 3) quote = quote.split('').reverse().join('');
        } else {
          quote = real.replace(/\S/g, (c) => (rand() < 0.25 ? LETTERS[(LETTERS.indexOf(c.toLowerCase()) + 7) % 26] ?? 'q' : c));
        }
        // Quote and context only: no address to check first, so the whole-page search runs.
        const selectors: Selector[] = [
          { type: 'TextQuoteSelector', exact: quote, prefix: pageText.slice(at - 32, at), suffix: pageText.slice(at + length, at + length + 32) },
        ];
        // Each search is repeated and its fastest run kept: on shared cores the slower runs
        // measure other processes. The slowest single run is reported too.
        let fastest = Infinity;
        let status = '';
        for (let r = 0; r < repeats; r++) {
          const t1 = performance.now();
          const res = await anchor(document.body, selectors);
          const took = performance.now() - t1;
          fastest = Math.min(fastest, took);
          slowestRun = Math.max(slowestRun, took);
          status = res.status;
        }
        times.push(fastest);
        if (status === 'orphan') orphans++;
      }
      times.sort((a, b) => a - b);
      rows.push({ kind, length, n, orphans, worstMs: times[times.length - 1], medianMs: times[Math.floor(n / 2)] });
    }
  }
  return { chars: whole.length ? pageText.length : 0, indexMs, rows, slowestRun };
}

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
