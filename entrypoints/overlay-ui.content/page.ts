/**
 * Where the overlay is working: a web page (its address, title and body), or a document in
 * the extension's viewer (entrypoints/viewer), which names its own address (the document's,
 * not the viewer's), its title, the element whose text is the document's (not the viewer's
 * toolbar) and selectors of its own (the PDF page a passage starts on). The overlay's
 * features ask here instead of reading `location` and `document.body` themselves.
 */
import type { SelectorPayload } from '../../lib/messaging/protocol';

/** What the overlay needs to know about the page it works on. */
export interface OverlayPage {
  /** The page's address for the database (a web page's URL; a document's `urn:sha256:`). */
  url(): string;
  title(): string;
  /** The element whose visible text selectors describe. */
  root(): Element;
  /** Other addresses whose passages belong here too (earlier versions of a document). */
  alsoUrls?(): string[];
  /** Selectors a describer adds for a range (a document's page). */
  extraSelectors?(range: Range): SelectorPayload[];
  /**
   * False while the page's text is still arriving (a PDF's text layers, page by page): only
   * passages whose position selector finds their words exactly are painted meanwhile; the
   * others wait for the whole text (never searched for in part of it).
   */
  complete?(): boolean;
}

const webPage: OverlayPage = {
  url: () => location.href,
  title: () => document.title,
  root: () => document.body,
};

let current: OverlayPage = webPage;

/** The page the overlay works on now. */
export const page: Required<OverlayPage> = {
  url: () => current.url(),
  title: () => current.title(),
  root: () => current.root(),
  alsoUrls: () => current.alsoUrls?.() ?? [],
  extraSelectors: (range) => current.extraSelectors?.(range) ?? [],
  complete: () => current.complete?.() ?? true,
};

/** The viewer says what document the overlay is on (a web page never calls this). */
export function setOverlayPage(p: OverlayPage): void {
  current = p;
}
