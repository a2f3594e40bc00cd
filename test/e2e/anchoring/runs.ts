/**
 * The anchoring lab's trials: anchor every passage on the page as it is, after changes
 * around it, and after edits inside it, judging each result against the lab's own reading.
 */
import { anchor, describe } from '../../../lib/anchoring/index.ts';
import { BLOCKS, rng, visible, renderedBetween, textNodes, nodesIn, visibleText, between, samePlace, overlaps, words, toRange, editDistance, LETTERS, type Item } from './dom.ts';
import type { Selector, TextQuoteSelector } from '../../../lib/anchoring/index.ts';
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

/**
 * Issue 13's repeated near-identical blocks, on a page whose comment headers repeat a name, a
 * date and a time (lifehacker-post-comment-load): passages of one to six words ending at a
 * header's time (and two words past it), each edited in one digit of that time, anchored
 * with all selectors, without the range, without the position, and with the quote alone
 * (as if the page's structure changed too). Any range that does not overlap the edited
 * passage is on another comment's words.
 */
export async function runHeaderEdits(): Promise<{ passages: number; total: number; own: number; orphans: number; orphansBy: Record<string, number>; wrong: string[] }> {
  const ws = words();
  const n = textNodes();
  const wt = (i: number) => n[ws[i].node].data.slice(ws[i].start, ws[i].end);
  const items: Array<{ range: Range; sels: Selector[]; node: Text; off: number }> = [];
  for (let i = 6; i + 2 < ws.length; i++) {
    if (!/^\d{1,2}:\d\d[ap]m$/.test(wt(i)) || !/^\d+\/\d+\/\d+$/.test(wt(i - 1))) continue;
    for (const back of [1, 2, 3, 4, 5, 6]) {
      for (const fwd of [0, 2]) {
        const a = ws[i - back];
        const b = ws[i + fwd];
        if (!renderedBetween(a.node, b.node)) continue;
        const range = toRange({ start: [a.node, a.start], end: [b.node, b.end] });
        items.push({ range, sels: describe(document.body, range), node: n[ws[i].node], off: ws[i].start });
      }
    }
  }
  let total = 0;
  let own = 0;
  let orphans = 0;
  const orphansBy: Record<string, number> = {};
  const wrong: string[] = [];
  const variants: Array<[string, (s: Selector) => boolean]> = [
    ['all', () => true],
    ['no range', (s) => s.type !== 'RangeSelector'],
    ['no position', (s) => s.type !== 'TextPositionSelector'],
    ['quote only', (s) => s.type === 'TextQuoteSelector'],
  ];
  for (const it of items) {
    for (const [at, digit] of [[0, '9'], [2, '5'], [3, '3']] as const) {
      if (it.node.data[it.off + at] === digit || !/\d/.test(it.node.data[it.off + at])) continue;
      // replaceData, never `data =`: the live ranges of the passages must keep their offsets.
      const old = it.node.data[it.off + at];
      it.node.replaceData(it.off + at, 1, digit);
      for (const [name, keep] of variants) {
        const res = await anchor(document.body, it.sels.filter(keep));
        total++;
        if (!res.range) {
          orphans++;
          orphansBy[name] = (orphansBy[name] ?? 0) + 1;
        } else if (overlaps(res.range, it.range)) own++;
        else wrong.push(`${name} ${res.status}: "${visibleText(it.range)}" -> "${visibleText(res.range)}"`);
      }
      it.node.replaceData(it.off + at, 1, old);
    }
  }
  return { passages: items.length, total, own, orphans, orphansBy, wrong };
}
