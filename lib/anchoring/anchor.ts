/**
 * Turning selectors back into a DOM Range. The cheap selectors (range, position) are
 * resolved first and kept only where their text is the stored quote; then the quote is
 * searched for, exactly and then approximately (see match-quote.ts). The status says
 * which: 'exact' (the quote's words, unchanged), 'fuzzy' (within the edit budget, with
 * agreeing context) or 'orphan' (no range: better no highlight than one on other words).
 */
import { contextIntact, matchQuote } from './match-quote.ts';
import { normalizeSpace, textIndexOf, type TextIndex } from './text-index.ts';
import type { AnchorResult, HypothesisRangeSelector, InputSelector, RangeSelector, TextPositionSelector, TextQuoteSelector, XPathSelector } from './types.ts';
import { nodeFromXPath } from './xpath.ts';

const TEXT_NODE = 3;

function isNum(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** Offset of a W3C XPathSelector point: its element's visible-text start plus the refinement. */
function xpathPoint(index: TextIndex, root: Node, sel: XPathSelector | undefined): number | null {
  if (!sel || typeof sel.value !== 'string') return null;
  const node = nodeFromXPath(sel.value, root);
  // An element that is not rendered is no address for visible words.
  if (!node || index.hides(node)) return null;
  const off = sel.refinedBy && isNum(sel.refinedBy.start) ? sel.refinedBy.start : 0;
  return index.elementStart(node) + off;
}

/** Offset of a Hypothesis point: `offset` characters into the element's textContent. */
function textContentPoint(index: TextIndex, root: Node, xpath: string, offset: number, isEnd: boolean): number | null {
  const el = nodeFromXPath(xpath, root);
  if (!el || !isNum(offset) || offset < 0 || index.hides(el)) return null;
  if (el.nodeType === TEXT_NODE) return index.offsetOf(el, Math.min(offset, (el as Text).data.length));
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(el, 4 /* NodeFilter.SHOW_TEXT */);
  let left = offset;
  let last: Text | null = null;
  for (let t = walker.nextNode() as Text | null; t; t = walker.nextNode() as Text | null) {
    const len = t.data.length;
    // An end offset at a node's end belongs to that node; a start there to the next one.
    // A point in hidden text (not rendered, or script-like) is not trusted.
    if (left < len || (isEnd && left === len)) return index.hides(t) ? null : index.offsetOf(t, left);
    left -= len;
    last = t;
  }
  if (left === 0 && last) return index.hides(last) ? null : index.offsetOf(last, last.data.length);
  return null;
}

/** Places the range-like selectors point at, as visible-text offsets. */
function cheapSpans(index: TextIndex, root: Node, selectors: InputSelector[]): { spans: Array<[number, number]>; hint?: number } {
  const spans: Array<[number, number]> = [];
  let hint: number | undefined;
  for (const s of selectors) {
    if (s.type === 'RangeSelector') {
      let start: number | null = null;
      let end: number | null = null;
      if ('startSelector' in s) {
        const r = s as RangeSelector;
        start = xpathPoint(index, root, r.startSelector);
        end = xpathPoint(index, root, r.endSelector);
      } else if ('startContainer' in s) {
        const r = s as HypothesisRangeSelector;
        start = textContentPoint(index, root, r.startContainer, r.startOffset, false);
        end = textContentPoint(index, root, r.endContainer, r.endOffset, true);
      }
      if (start !== null && end !== null) {
        const text = index.text;
        while (start < end && text.charCodeAt(start) === 32) start++;
        while (end > start && text.charCodeAt(end - 1) === 32) end--;
        if (end > start) spans.push([start, end]);
      }
    } else if (s.type === 'TextPositionSelector') {
      const p = s as TextPositionSelector;
      if (isNum(p.start) && isNum(p.end) && p.start >= 0 && p.end > p.start) {
        spans.push([p.start, Math.min(p.end, index.text.length)]);
        hint = p.start;
      }
    }
  }
  return { spans, hint };
}

/**
 * The fast path alone: the range the position selector points at, if the stored quote and its
 * whole stored context are there; else null. Needs no search, so it is safe on a document
 * still being laid out (the viewer's pages whose text layers are not all rendered yet): a
 * passage it cannot place waits for the whole text, where `anchor` searches.
 */
export function anchorAtPosition(root: Node, selectors: InputSelector[]): Range | null {
  const index = textIndexOf(root);
  const quoteSel = selectors.find((s): s is TextQuoteSelector => s.type === 'TextQuoteSelector' && typeof (s as TextQuoteSelector).exact === 'string');
  const pos = selectors.find((s): s is TextPositionSelector => s.type === 'TextPositionSelector');
  if (!quoteSel || !pos || !isNum(pos.start) || !isNum(pos.end)) return null;
  const quote = normalizeSpace(quoteSel.exact).trim();
  const ctx = { prefix: normalizeSpace(quoteSel.prefix ?? ''), suffix: normalizeSpace(quoteSel.suffix ?? ''), hint: pos.start };
  if (quote && pos.end - pos.start === quote.length && index.text.startsWith(quote, pos.start) && contextIntact(index.text, pos.start, pos.end, ctx)) {
    return index.toRange(pos.start, pos.end);
  }
  return null;
}

/** Finds where `selectors` point under `root` now: exactly, approximately, or not at all. */
export async function anchor(root: Node, selectors: InputSelector[]): Promise<AnchorResult> {
  const index = textIndexOf(root);
  const quoteSel = selectors.find((s): s is TextQuoteSelector => s.type === 'TextQuoteSelector' && typeof (s as TextQuoteSelector).exact === 'string');

  // Fast path for an unchanged page: the position selector alone, checked against the quote
  // and its whole stored context, before any XPath is walked. Anything less goes through the
  // trust rule (match-quote.ts): a short "Yes" whose context changed may be another row's.
  const fast = anchorAtPosition(root, selectors);
  if (fast) return { range: fast, status: 'exact' };

  const { spans, hint } = cheapSpans(index, root, selectors);
  if (!quoteSel) {
    // Nothing to check the cheap selectors against: trust the first that resolves.
    const first = spans[0];
    const range = first ? index.toRange(first[0], first[1]) : null;
    return range ? { range, status: 'exact' } : { range: null, status: 'orphan' };
  }
  const quote = normalizeSpace(quoteSel.exact).trim();
  const match = matchQuote(
    index.text,
    quote,
    {
      prefix: normalizeSpace(quoteSel.prefix ?? ''),
      suffix: normalizeSpace(quoteSel.suffix ?? ''),
      hint: hint ?? spans[0]?.[0],
      codes: index.codes,
    },
    spans,
  );
  const range = match ? index.toRange(match.start, match.end) : null;
  if (!match || !range) return { range: null, status: 'orphan' };
  return { range, status: match.errors === 0 ? 'exact' : 'fuzzy' };
}
