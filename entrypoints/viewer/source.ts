/**
 * Where a document's bytes come from (a URL the viewer was opened with, or a file chosen or
 * dropped), what kind of file they are, and their SHA-256, the document's identity.
 */

/** A document's bytes and where they came from. */
export interface Source {
  bytes: Uint8Array;
  /** The URL it was fetched from; none for a local file. */
  url?: string;
  fileName?: string;
}

/** Why a URL could not be read, with whether asking for the site's permission may help. */
export class FetchError extends Error {
  constructor(message: string, readonly origin: string | null) {
    super(message);
  }
}

/** The file name a URL ends with, decoded ('' if none). */
export function fileNameOf(url: string): string {
  try {
    const last = new URL(url).pathname.split('/').pop() ?? '';
    return decodeURIComponent(last);
  } catch {
    return '';
  }
}

/** Reads a document from its URL (the extension may read sites it has permission for). */
export async function fetchSource(url: string): Promise<Source> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new FetchError(`“${url}” is not a web address.`, null);
  }
  if (!/^(https?|file):$/.test(parsed.protocol)) throw new FetchError(`Evidence Mapper opens documents from web addresses and files, not from “${parsed.protocol}” addresses.`, null);
  const origin = parsed.protocol === 'file:' ? null : parsed.origin;
  let res: Response;
  try {
    res = await fetch(url, { credentials: 'include' });
  } catch {
    throw new FetchError(
      parsed.protocol === 'file:'
        ? 'Evidence Mapper may not read files from this computer by their address. Choose the file with Open file…, or drop it here.'
        : `Evidence Mapper could not read ${parsed.host}: it has no permission for that site, or the site did not answer.`,
      origin,
    );
  }
  if (!res.ok) throw new FetchError(`${parsed.host} answered ${res.status} ${res.statusText} for this document.`, null);
  return { bytes: new Uint8Array(await res.arrayBuffer()), url, fileName: fileNameOf(url) };
}

/** What the bytes are: a PDF, a Word .docx (a zip with word/document.xml), or neither. */
export function kindOf(bytes: Uint8Array): 'pdf' | 'docx' | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  if (head.includes('%PDF-')) return 'pdf';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    // A zip: Word's holds word/document.xml (its name is stored in the zip's directory, uncompressed).
    const tail = new TextDecoder('latin1').decode(bytes.subarray(Math.max(0, bytes.length - 65_536)));
    if (tail.includes('word/document.xml') || head.includes('word/')) return 'docx';
  }
  return null;
}

/** The SHA-256 of the bytes, as 64 lower-case hex digits. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes.slice().buffer as ArrayBuffer));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}
