/**
 * Identifies a page by its URL normalised: the fragment and tracking parameters are
 * dropped, identifying query parameters are kept (sorted, so their order does not matter).
 */

const TRACKING = /^(utm_[a-z_]+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|_ga|_gl|yclid|igshid|ref_src|spm)$/i;

/** The normalised form of a page URL, used as the page's identity. */
export function normalisePageUrl(raw: string): string {
  const u = new URL(raw);
  u.hash = '';
  const kept = [...u.searchParams.entries()].filter(([k]) => !TRACKING.test(k));
  kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  u.search = '';
  for (const [k, v] of kept) u.searchParams.append(k, v);
  u.hostname = u.hostname.toLowerCase();
  return u.toString();
}

/** The site (origin) a URL belongs to, for per-site settings. */
export function siteOf(raw: string): string {
  return new URL(raw).origin;
}

/**
 * A document's page address (a PDF or Word file in the extension's viewer): the SHA-256 of
 * its bytes, so the same file opened from any URL or from disk is the same page.
 */
export function documentAddress(sha256Hex: string): string {
  return `urn:sha256:${sha256Hex.toLowerCase()}`;
}

/** True for a document's page address (`urn:sha256:` and 64 hex digits). */
export function isDocumentAddress(u: string): boolean {
  return /^urn:sha256:[0-9a-f]{64}$/.test(u);
}

/** A page as `evidencePlace` reads it (a page record's fields; a document's identity when it is one). */
export interface PlacedPage {
  title: string;
  url: string;
  document?: { fileNames: readonly string[]; urls: readonly string[] };
}

/**
 * Where a passage is, in words for coverage and exports: a web page's title; for a document,
 * its title, file name and the page the passage starts on ("Witness statement (statement.pdf),
 * page 2"), from the passage's PageSelector.
 */
export function evidencePlace(page: PlacedPage, selectors: readonly { type: string; [k: string]: unknown }[] = []): string {
  const title = page.title || page.url;
  if (!page.document) return title;
  const file = page.document.fileNames.at(-1);
  const sel = selectors.find((s) => s.type === 'PageSelector');
  const label = sel ? (typeof sel.label === 'string' && sel.label ? sel.label : typeof sel.index === 'number' ? String(sel.index + 1) : '') : '';
  return `${title}${file && file !== title ? ` (${file})` : ''}${label ? `, page ${label}` : ''}`;
}

/** A page's address for people: a document's last URL or file name rather than its `urn:sha256:`. */
export function pageAddressForPeople(page: PlacedPage): string {
  return page.document ? (page.document.urls.at(-1) ?? page.document.fileNames.at(-1) ?? page.url) : page.url;
}
