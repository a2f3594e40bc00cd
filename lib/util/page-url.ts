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
