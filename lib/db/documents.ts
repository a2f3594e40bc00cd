/**
 * Documents as evidence pages (issue 17): a PDF or Word file opened in the extension's
 * viewer is a page whose address is the SHA-256 of its bytes (`urn:sha256:...`), so the same
 * file opened from another URL or from disk is the same page, with its tags. The page record
 * keeps what else it was known by (PDF fingerprints, URLs, file names, page count). A file
 * whose bytes differ but which shares a URL or a PDF fingerprint with a known document is
 * another version of it: the viewer anchors the earlier versions' passages on it with the
 * usual engine (found ones painted, the others listed as not found, never put on other words).
 * So are passages kept against the URL it was opened from (a Hypothesis import of annotations
 * made on that PDF).
 */
import type { EvidenceDb } from './schema';
import type { DocumentIdentity, PageRecord } from './records';
import { newId } from '../util/id';
import { documentAddress, normalisePageUrl } from '../util/page-url';

/** A document as the viewer opened it. */
export interface OpenedDocument {
  sha256: string;
  kind: 'pdf' | 'docx';
  title: string;
  /** pdf.js's fingerprints; none for Word. */
  fingerprints: string[];
  /** Where it was fetched from; none for a local file. */
  url?: string;
  fileName?: string;
  pageCount: number;
}

const union = (a: readonly string[], b: readonly (string | undefined)[]) => [...new Set([...a, ...b.filter((x): x is string => !!x)])];

/** A URL as kept in a document's identity (http(s) and file URLs only; others are not kept). */
function keptUrl(raw: string | undefined): string | undefined {
  if (!raw || !/^(https?|file):/i.test(raw)) return undefined;
  try {
    return normalisePageUrl(raw);
  } catch {
    return undefined;
  }
}

/**
 * Records that a document was opened (creating its page or adding the URL, fingerprint and
 * file name it came with) and returns its address and the addresses of its other versions.
 */
export async function recordOpenedDocument(db: EvidenceDb, doc: OpenedDocument, now = new Date().toISOString()): Promise<{ address: string; page: PageRecord; versions: string[] }> {
  const address = documentAddress(doc.sha256);
  const url = keptUrl(doc.url);
  return db.transaction('rw', db.pages, async () => {
    const existing = await db.pages.where('url').equals(address).first();
    const before: DocumentIdentity = existing?.document ?? { sha256: doc.sha256.toLowerCase(), fingerprints: [], urls: [], fileNames: [], pageCount: doc.pageCount };
    const identity: DocumentIdentity = {
      sha256: before.sha256,
      fingerprints: union(before.fingerprints, doc.fingerprints),
      urls: union(before.urls, [url]),
      fileNames: union(before.fileNames, [doc.fileName]),
      pageCount: doc.pageCount,
    };
    let page: PageRecord;
    if (existing) {
      page = { ...existing, kind: doc.kind, document: identity, updatedAt: now };
      await db.pages.put(page);
    } else {
      page = { id: newId(), url: address, title: doc.title || doc.fileName || address, kind: doc.kind, document: identity, createdAt: now, updatedAt: now };
      await db.pages.add(page);
    }
    const versions: string[] = [];
    // Passages kept against the document's own URL (imported from Hypothesis, which knows a PDF by its address) belong here too.
    if (url && url !== address && (await db.pages.where('url').equals(url).count())) versions.push(url);
    await db.pages.filter((p) => !!p.document && p.url !== address).each((p) => {
      const other = p.document!;
      const sameUrl = !!url && other.urls.includes(url);
      // pdf.js's first fingerprint is the PDF's permanent /ID: kept by a revised file.
      const sameFingerprint = !!doc.fingerprints[0] && other.fingerprints[0] === doc.fingerprints[0];
      if (sameUrl || sameFingerprint) versions.push(p.url);
    });
    return { address, page, versions };
  });
}

/** Where a document can be opened again: the URL it was last opened from, else its last file name. */
export async function documentSource(db: EvidenceDb, address: string): Promise<{ url?: string; fileName?: string } | undefined> {
  const page = await db.pages.where('url').equals(address).first();
  if (!page?.document) return undefined;
  return { url: page.document.urls.at(-1), fileName: page.document.fileNames.at(-1) ?? page.title };
}
