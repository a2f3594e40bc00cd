/**
 * Turning a DOM Range into selectors: a TextQuoteSelector (the words plus context), a
 * TextPositionSelector (offsets into the root's visible text) and a W3C RangeSelector of
 * two XPathSelectors refined by positions within their elements. The range is first
 * trimmed to visible text, so a selection that begins in hidden markup or between
 * elements describes only the words a reader saw.
 */
import { CONTEXT_LENGTH } from './match-quote.ts';
import { textIndexOf, type TextIndex } from './text-index.ts';
import type { RangeSelector, Selector, TextPositionSelector, TextQuoteSelector } from './types.ts';
import { xpathFromNode } from './xpath.ts';

/** Visible-text offsets [start, end) that `range` covers under `root`, trimmed of edge spaces; null if none. */
export function rangeToOffsets(index: TextIndex, root: Node, range: Range): [number, number] | null {
  const doc = root.ownerDocument ?? (root as Document);
  const whole = doc.createRange();
  whole.selectNodeContents(root);
  // Clip to the root: a selection may run past it.
  let start = range.compareBoundaryPoints(whole.START_TO_START, whole) < 0 ? 0 : index.offsetOf(range.startContainer, range.startOffset);
  let end = range.compareBoundaryPoints(whole.END_TO_END, whole) > 0 ? index.text.length : index.offsetOf(range.endContainer, range.endOffset);
  const text = index.text;
  while (start < end && text.charCodeAt(start) === 32) start++;
  while (end > start && text.charCodeAt(end - 1) === 32) end--;
  return end > start ? [start, end] : null;
}

function elementOf(node: Node, root: Node): Node {
  const parent = node.parentNode;
  return parent && (parent === root || root.contains(parent)) ? parent : root;
}

/** The three selectors for `range` under `root`; empty if it covers no visible text. */
export function describe(root: Node, range: Range): Selector[] {
  const index = textIndexOf(root);
  const span = rangeToOffsets(index, root, range);
  if (!span) return [];
  const [start, end] = span;

  const quote: TextQuoteSelector = {
    type: 'TextQuoteSelector',
    exact: index.display(start, end),
    prefix: index.display(start - CONTEXT_LENGTH, start),
    suffix: index.display(end, end + CONTEXT_LENGTH),
  };
  const position: TextPositionSelector = { type: 'TextPositionSelector', start, end };

  const startEl = elementOf(index.nodeAt(start), root);
  const endEl = elementOf(index.nodeAt(end - 1), root);
  const startOff = start - index.elementStart(startEl);
  const endOff = end - index.elementStart(endEl);
  const rangeSel: RangeSelector = {
    type: 'RangeSelector',
    startSelector: {
      type: 'XPathSelector',
      value: xpathFromNode(startEl, root) ?? '',
      refinedBy: { type: 'TextPositionSelector', start: startOff, end: startOff },
    },
    endSelector: {
      type: 'XPathSelector',
      value: xpathFromNode(endEl, root) ?? '',
      refinedBy: { type: 'TextPositionSelector', start: endOff, end: endOff },
    },
  };
  return [rangeSel, position, quote];
}
