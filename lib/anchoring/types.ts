/**
 * Selector shapes of the W3C Web Annotation model that the anchoring engine writes and
 * reads, plus the Hypothesis API's older RangeSelector form, which is accepted on input so
 * annotations saved by other clients anchor too. Plain data: safe to store and to message.
 */

/** The quoted words with up to 32 characters of context either side (W3C TextQuoteSelector). */
export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix?: string;
  suffix?: string;
}

/**
 * Start and end offsets into the root's visible text (W3C TextPositionSelector). The text is
 * the engine's normalised visible text: whitespace runs and block boundaries count as one space.
 */
export interface TextPositionSelector {
  type: 'TextPositionSelector';
  start: number;
  end: number;
}

/** An element found by a simple XPath relative to the root, e.g. `/div[2]/p[3]` (W3C XPathSelector). */
export interface XPathSelector {
  type: 'XPathSelector';
  value: string;
  /** A collapsed text position (start === end) inside that element's visible text. */
  refinedBy?: TextPositionSelector;
}

/** W3C RangeSelector: from the start of `startSelector` to the start of `endSelector`. */
export interface RangeSelector {
  type: 'RangeSelector';
  startSelector: XPathSelector;
  endSelector: XPathSelector;
}

/**
 * The Hypothesis API's RangeSelector: XPaths to elements and offsets counted in each
 * element's `textContent` (every text node, hidden ones included). Input only.
 */
export interface HypothesisRangeSelector {
  type: 'RangeSelector';
  startContainer: string;
  startOffset: number;
  endContainer: string;
  endOffset: number;
}

/**
 * The page of a document (PDF) a passage starts on, as Hypothesis writes it: `index` from 0,
 * `label` as the document numbers it. Written by the extension's viewer beside the text
 * selectors (whose positions count the whole document's text); anchoring does not need it.
 */
export interface PageSelector {
  type: 'PageSelector';
  index: number;
  label?: string;
}

/** Any selector `describe` writes (and the viewer's PageSelector). */
export type Selector = TextQuoteSelector | TextPositionSelector | RangeSelector | PageSelector;

/** Any selector `anchor` reads; unknown types are ignored. */
export type InputSelector = Selector | HypothesisRangeSelector | { type: string };

/** How a passage came back: on its exact words, on edited words, or not at all. */
export type AnchorStatus = 'exact' | 'fuzzy' | 'orphan';

/** The outcome of anchoring: a live DOM Range, or null for an orphan. */
export interface AnchorResult {
  range: Range | null;
  status: AnchorStatus;
}
