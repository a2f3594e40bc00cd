/**
 * Saves a streamed export as a download from an extension page: the chunks become the
 * parts of a Blob (never joined into one string), then a temporary link is clicked.
 * DOM only; no extension APIs.
 */

import { yieldToPage } from './yield';

/** How long the export may hold the page before yielding to it. */
const SLICE_MS = 40;

/** Collects chunks into a Blob, reporting how many characters have been written. */
export async function toBlob(chunks: AsyncIterable<string>, type: string, onProgress?: (chars: number) => void): Promise<Blob> {
  let since = performance.now();
  // Folded into Blobs every few megabytes, so the text leaves the JS heap as it comes.
  const blobs: Blob[] = [];
  let parts: string[] = [];
  let pending = 0;
  let chars = 0;
  for await (const c of chunks) {
    parts.push(c);
    pending += c.length;
    chars += c.length;
    if (pending > 4_000_000) {
      blobs.push(new Blob(parts));
      parts = [];
      pending = 0;
    }
    onProgress?.(chars);
    if (performance.now() - since > SLICE_MS) {
      await yieldToPage();
      since = performance.now();
    }
  }
  blobs.push(new Blob(parts));
  return new Blob(blobs, { type });
}

/** Offers a Blob to the user as a file download. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked later: revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
