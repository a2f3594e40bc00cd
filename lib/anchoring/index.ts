/**
 * Anchoring: describe a DOM Range with W3C selectors, and find those selectors again on a
 * page that may have changed. Plain DOM in, plain data out; nothing here knows about the
 * extension, so it serves a content script, a test page or a PDF text layer alike.
 */
export { describe } from './describe.ts';
export { anchor, anchorAtPosition } from './anchor.ts';
export { releaseTextIndexes } from './text-index.ts';
export type {
  AnchorResult,
  AnchorStatus,
  HypothesisRangeSelector,
  InputSelector,
  PageSelector,
  RangeSelector,
  Selector,
  TextPositionSelector,
  TextQuoteSelector,
  XPathSelector,
} from './types.ts';
