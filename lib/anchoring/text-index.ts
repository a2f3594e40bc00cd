/**
 * The visible text of a DOM subtree as one normalised string, with a map from every
 * character back to its text node and offset, and from any DOM point to a character.
 * Anchoring searches this string, so it is what a reader sees, not `textContent`:
 * script, style, template, noscript and head contents are skipped, and so is content that
 * is not rendered (`display: none`, the `hidden` attribute, `visibility: hidden`, the
 * body of a closed `<details>`), so hidden text is never a place to paint a tag; whitespace
 * runs and block boundaries become a single space, and leading/trailing whitespace is dropped.
 * Built once per root and cached until a MutationObserver reports any change (including
 * the attributes that hide content).
 *
 * One file on purpose (441 lines): the walk that builds the text, the visibility it skips and
 * the cache that remembers both are one job; the cache's rules (what forgets a remembered look)
 * only make sense beside the walk that reads them.
 */

/** Elements whose text a reader never sees. */
const HIDDEN = new Set(['script', 'style', 'template', 'noscript', 'head', 'title']);

/** Elements that start a new line when rendered, so their edges separate words. */
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'br', 'caption', 'dd', 'details', 'dialog',
  'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4',
  'h5', 'h6', 'header', 'hgroup', 'hr', 'html', 'legend', 'li', 'main', 'menu', 'nav', 'ol', 'option',
  'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
]);

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;

/** True for the characters that HTML rendering collapses (and no-break spaces, which sites swap freely). */
export function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || code === 0x2028 || code === 0x2029 || code === 0x3000 || code === 0xfeff || (code >= 0x2000 && code <= 0x200a);
}

/** Collapses whitespace the way the index does: runs become one space; ends are kept as a space. */
export function normalizeSpace(s: string): string {
  let out = '';
  let pending = false;
  let runStart = 0;
  for (let i = 0; i < s.length; i++) {
    if (isSpace(s.charCodeAt(i))) {
      if (!pending) {
        out += s.slice(runStart, i);
        pending = true;
      }
    } else if (pending) {
      out += ' ';
      pending = false;
      runStart = i;
    }
  }
  return pending ? out + ' ' : out + s.slice(runStart);
}

function isHidden(el: Element): boolean {
  return HIDDEN.has(el.localName);
}

/** Attributes whose change can show or hide content (watched to drop a cached index). */
const VISIBILITY_ATTRIBUTES = ['style', 'class', 'hidden', 'open'];

/** How an element shows: not rendered at all (display: none), rendered and visible, or rendered but invisible (visibility: hidden). */
const NONE = 0;
const SHOWN = 1;
const UNSEEN = 2;
type Look = (el: Element) => typeof NONE | typeof SHOWN | typeof UNSEEN;

/** `checkVisibility` options: the element's own visibility too (older Chromium spells it checkVisibilityCSS). */
const CHECK = { visibilityProperty: true, checkVisibilityCSS: true } as CheckVisibilityOptions;

/**
 * How elements under `root` show, or null where nothing is rendered (e.g. a parsed document).
 * Where `Element.checkVisibility` exists (Chromium 105+), one call answers for the common
 * case, a rendered and visible element; only elements it says no to (no box: display none
 * or contents, a closed <details>; or visibility hidden) have their computed style read.
 * Measured, this costs about as much per element as a computed-style read (some 1.5 us in
 * Chromium); what saves time is not asking again (the looks `textIndexOf` keeps).
 */
function lookOf(root: Node): Look | null {
  const view = (root.ownerDocument ?? (root as Document)).defaultView;
  if (!view || typeof view.getComputedStyle !== 'function') return null;
  const style: Look = (el) => {
    const s = view.getComputedStyle(el);
    if (s.display === 'none') return NONE;
    return s.visibility === 'visible' || s.visibility === '' ? SHOWN : UNSEEN;
  };
  const proto = (view as unknown as { Element?: { prototype: Element } }).Element?.prototype;
  if (!proto || typeof proto.checkVisibility !== 'function') return style;
  return (el) => (el.checkVisibility(CHECK) ? SHOWN : style(el));
}

/**
 * True if `el` and everything in it is not rendered: a `hidden` attribute, `display: none`,
 * or a child of a closed `<details>` other than its summary.
 */
function notRendered(el: Element, look: number | null): boolean {
  if (el.hasAttribute('hidden')) return true;
  const parent = el.parentElement;
  if (parent && parent.localName === 'details' && !parent.hasAttribute('open') && !(el.localName === 'summary' && parent.querySelector(':scope > summary') === el)) return true;
  return look === NONE;
}

function isBlock(el: Element): boolean {
  return BLOCK.has(el.localName);
}

/** A subtree's normalised visible text and the maps between it and the DOM. */
export class TextIndex {
  /** The normalised visible text. */
  readonly text: string;
  /** Its UTF-16 code units, for the search filter. */
  readonly codes: Uint16Array;
  /** Text nodes that contribute, in document order. */
  readonly nodes: Text[];
  /** Per character: index into `nodes`. */
  private readonly nodeOf: Int32Array;
  /** Per character: offset in its text node (for a collapsed space, the first whitespace or the next character). */
  private readonly offOf: Int32Array;
  /** Per character: 1 where a space stands for a block boundary (shown as a line break). */
  private readonly breakAt: Uint8Array;
  /** Per node (plus one): the first character belonging to that node or a later one. */
  private readonly nodeFirst: Int32Array;
  private readonly nodeIds: Map<Node, number>;
  /** Elements left out as not rendered (their whole subtree is). */
  private readonly skipped = new Set<Node>();

  /**
   * `looks`, if given, remembers how each element shows (see `textIndexOf`, which keeps it
   * across rebuilds while only text changes): an element found there is not asked again.
   */
  constructor(readonly root: Node, looks?: WeakMap<Element, number>) {
    // First the walk: visible text nodes in order, with null where a block starts or ends.
    const parts: Array<Text | null> = [];
    let total = 0;
    if (root.nodeType === TEXT_NODE || root.nodeType === CDATA_SECTION_NODE) {
      parts.push(root as Text);
      total = (root as Text).data.length;
    } else {
      // Manual walk rather than a TreeWalker with a JS filter: it is several times faster
      // on large pages and lets us see when a block element is left. `visible` is a stack
      // of the computed visibility of the elements walked into (inherited, but a child may
      // be visible inside a hidden parent), so text under `visibility: hidden` is skipped.
      const ask = lookOf(root);
      const look: Look | null =
        ask && looks
          ? (el) => {
              let v = looks.get(el) as ReturnType<Look> | undefined;
              if (v === undefined) looks.set(el, (v = ask(el)));
              return v;
            }
          : ask;
      const rootEl = root.nodeType === ELEMENT_NODE ? (root as Element) : null;
      const visible: boolean[] = [!look || !rootEl || look(rootEl) !== UNSEEN];
      let node: Node | null = root.firstChild;
      while (node) {
        let descend = false;
        if (node.nodeType === TEXT_NODE || node.nodeType === CDATA_SECTION_NODE) {
          if (visible[visible.length - 1]) {
            parts.push(node as Text);
            total += (node as Text).data.length;
          }
        } else if (node.nodeType === ELEMENT_NODE) {
          const el = node as Element;
          if (!isHidden(el)) {
            // An element without children shows nothing, so its style is not worth reading.
            const shows = look && el.firstChild ? look(el) : null;
            if (notRendered(el, shows)) {
              this.skipped.add(el);
            } else {
              if (isBlock(el)) parts.push(null);
              if (el.firstChild) {
                descend = true;
                // A closed <details> shows only its summary (which pushes its own visibility).
                const shown = el.localName === 'details' && !el.hasAttribute('open') ? false : shows === null ? visible[visible.length - 1] : shows === SHOWN;
                visible.push(shown);
              }
            }
          }
        }
        if (descend) {
          node = node.firstChild;
          continue;
        }
        while (node && node !== root && !node.nextSibling) {
          node = node.parentNode;
          if (node && node !== root) visible.pop();
          if (node && node !== root && node.nodeType === ELEMENT_NODE && isBlock(node as Element)) parts.push(null);
        }
        if (!node || node === root) break;
        node = node.nextSibling;
      }
    }

    // Then one pass over the characters into arrays sized up front: every emitted space
    // stands for whitespace or a block edge, so there are at most total + parts characters.
    const cap = total + parts.length + 1;
    const codes = new Uint16Array(cap);
    const nodeOf = new Int32Array(cap);
    const offOf = new Int32Array(cap);
    const breakAt = new Uint8Array(cap);
    const nodes: Text[] = [];
    let n = 0;
    let pending = 0; // 0: none, 1: whitespace seen, 2: block boundary seen
    let pendNode = -1;
    let pendOff = 0;
    for (const part of parts) {
      if (part === null) {
        pending = 2;
        continue;
      }
      const data = part.data;
      const id = nodes.length;
      nodes.push(part);
      for (let i = 0; i < data.length; i++) {
        const code = data.charCodeAt(i);
        if (isSpace(code)) {
          if (pending === 0) pending = 1;
          if (pendNode < 0) {
            pendNode = id;
            pendOff = i;
          }
          continue;
        }
        if (pending !== 0 && n > 0) {
          codes[n] = 32;
          breakAt[n] = pending === 2 ? 1 : 0;
          if (pendNode >= 0) {
            nodeOf[n] = pendNode;
            offOf[n] = pendOff;
          } else {
            nodeOf[n] = id;
            offOf[n] = i;
          }
          n++;
        }
        pending = 0;
        pendNode = -1;
        codes[n] = code;
        nodeOf[n] = id;
        offOf[n] = i;
        n++;
      }
    }

    let text = '';
    for (let i = 0; i < n; i += 8192) {
      text += String.fromCharCode.apply(null, codes.subarray(i, Math.min(n, i + 8192)) as unknown as number[]);
    }
    this.text = text;
    this.codes = codes.slice(0, n);
    this.nodes = nodes;
    this.nodeOf = nodeOf.slice(0, n);
    this.offOf = offOf.slice(0, n);
    this.breakAt = breakAt.slice(0, n);
    const first = new Int32Array(nodes.length + 1).fill(n);
    for (let i = n - 1; i >= 0; i--) first[this.nodeOf[i]] = i;
    for (let j = nodes.length - 1; j >= 0; j--) if (first[j] > first[j + 1]) first[j] = first[j + 1];
    this.nodeFirst = first;
    this.nodeIds = new Map(nodes.map((t, i) => [t as Node, i]));
  }

  /** The text between two offsets with block boundaries shown as line breaks (for quotes). */
  display(start: number, end: number): string {
    start = Math.max(0, start);
    end = Math.min(this.text.length, end);
    let out = '';
    let from = start;
    for (let i = start; i < end; i++) {
      if (this.breakAt[i]) {
        out += this.text.slice(from, i) + '\n';
        from = i + 1;
      }
    }
    return out + this.text.slice(from, end);
  }

  /** The offset of the first character at or after a DOM boundary point. */
  offsetOf(container: Node, offset: number): number {
    const id = this.nodeIds.get(container);
    if (id !== undefined) {
      let lo = this.nodeFirst[id];
      let hi = this.nodeFirst[id + 1];
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (this.nodeOf[mid] < id || (this.nodeOf[mid] === id && this.offOf[mid] < offset)) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    }
    const doc = container.ownerDocument ?? (container as Document);
    const point = doc.createRange();
    point.setStart(container, offset);
    // First text node whose start is not before the point.
    let lo = 0;
    let hi = this.nodes.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (point.comparePoint(this.nodes[mid], 0) < 0) lo = mid + 1;
      else hi = mid;
    }
    return this.nodeFirst[lo];
  }

  /** Offset where an element's own visible text begins (a collapsed space before it is not its own). */
  elementStart(el: Node): number {
    const at = this.offsetOf(el, 0);
    return this.text.charCodeAt(at) === 32 ? at + 1 : at;
  }

  /** The text node and offset where the character at `i` starts. */
  startPoint(i: number): [Text, number] {
    if (i >= this.text.length) return this.endPoint(this.text.length);
    return [this.nodes[this.nodeOf[i]], this.offOf[i]];
  }

  /** The text node and offset just after the character before `end`. */
  endPoint(end: number): [Text, number] {
    const i = end - 1;
    if (i < 0) return [this.nodes[0], 0];
    if (this.text.charCodeAt(i) === 32) return this.startPoint(i);
    return [this.nodes[this.nodeOf[i]], this.offOf[i] + 1];
  }

  /**
   * True if `node` is not part of the visible text: inside a skipped (not rendered or
   * script-like) element, or a text node left out (e.g. under `visibility: hidden`).
   * A cheap selector that lands there is not trusted.
   */
  hides(node: Node): boolean {
    if ((node.nodeType === TEXT_NODE || node.nodeType === CDATA_SECTION_NODE) && !this.nodeIds.has(node)) return true;
    for (let n: Node | null = node; n && n !== this.root; n = n.parentNode) {
      if (this.skipped.has(n) || (n.nodeType === ELEMENT_NODE && isHidden(n as Element))) return true;
    }
    return false;
  }

  /** The text node holding the character at `i`. */
  nodeAt(i: number): Text {
    return this.nodes[this.nodeOf[i]];
  }

  /** A live DOM Range over characters [start, end); null if the text is empty. */
  toRange(start: number, end: number): Range | null {
    if (this.nodes.length === 0 || end <= start) return null;
    const doc = this.root.ownerDocument ?? (this.root as Document);
    const range = doc.createRange();
    const [sn, so] = this.startPoint(start);
    const [en, eo] = this.endPoint(end);
    range.setStart(sn, so);
    range.setEnd(en, eo);
    return range;
  }
}

interface CacheEntry {
  index: TextIndex;
  observer: MutationObserver;
  stale: boolean;
  /** How elements show, kept across rebuilds while only text changes (see `textIndexOf`). */
  looks: WeakMap<Element, number>;
  /** The viewport size the looks were read at (media queries can show or hide content). */
  viewport: string;
}

const cache = new WeakMap<Node, CacheEntry>();
/** The roots whose observers are watching, so that they can all be let go (releaseTextIndexes). */
const watched = new Set<Node>();

/**
 * Stops watching every root this module has indexed and forgets their indexes: for a
 * content script whose context ends (its observers must not outlive it).
 */
export function releaseTextIndexes(): void {
  for (const root of watched) {
    cache.get(root)?.observer.disconnect();
    cache.delete(root);
  }
  watched.clear();
}

function viewportOf(root: Node): string {
  const view = (root.ownerDocument ?? (root as Document)).defaultView;
  return view ? `${view.innerWidth}x${view.innerHeight}` : '';
}

/**
 * Notes changes under a cached root: any change makes the index stale; one that can change
 * how elements show (an attribute that hides content, an element added or removed, which
 * sibling and nth-child rules see) forgets every remembered look; text added or removed
 * forgets only its parent's (`:empty`). Text edits alone keep them all.
 */
function note(entry: CacheEntry, records: MutationRecord[]): void {
  if (records.length === 0) return;
  entry.stale = true;
  for (const r of records) {
    if (r.type === 'attributes') entry.looks = new WeakMap();
    else if (r.type === 'childList') {
      const nodes = [...Array.from(r.addedNodes), ...Array.from(r.removedNodes)];
      if (nodes.some((n) => n.nodeType === ELEMENT_NODE)) entry.looks = new WeakMap();
      else if (r.target.nodeType === ELEMENT_NODE) entry.looks.delete(r.target as Element);
    }
  }
}

/**
 * The text index of `root`, reused while the subtree is unchanged. Any mutation under the
 * root (pending records are read synchronously, so a change made a moment ago counts)
 * discards it; without MutationObserver the index is rebuilt on every call. How each element
 * shows is remembered across rebuilds while only text changes and the viewport keeps its
 * size, so a page whose text changes (edited passages, live counters) is re-read without
 * asking the browser about every element again. (A change made through the CSSOM alone, or a
 * :hover, is not seen: the cached index never saw those either.)
 */
export function textIndexOf(root: Node): TextIndex {
  const hit = cache.get(root);
  if (hit) {
    note(hit, hit.observer.takeRecords());
    if (!hit.stale) return hit.index;
    const viewport = viewportOf(root);
    if (viewport !== hit.viewport) {
      hit.looks = new WeakMap();
      hit.viewport = viewport;
    }
    hit.index = new TextIndex(root, hit.looks);
    hit.stale = false;
    return hit.index;
  }
  const doc = root.ownerDocument ?? (root as Document);
  const MO: typeof MutationObserver | undefined =
    doc.defaultView?.MutationObserver ?? (globalThis as { MutationObserver?: typeof MutationObserver }).MutationObserver;
  if (!MO) return new TextIndex(root);
  const looks = new WeakMap<Element, number>();
  const entry: CacheEntry = { index: new TextIndex(root, looks), observer: null as unknown as MutationObserver, stale: false, looks, viewport: viewportOf(root) };
  entry.observer = new MO((records) => note(entry, records));
  entry.observer.observe(root, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: VISIBILITY_ATTRIBUTES });
  cache.set(root, entry);
  watched.add(root);
  return entry.index;
}
