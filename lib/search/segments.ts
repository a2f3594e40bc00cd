/**
 * Cuts a text into plain and marked segments for the words a search matched, so the UI
 * can mark them with elements (never by building HTML from untrusted text).
 */

export interface Segment {
  text: string;
  mark: boolean;
}

/** Segments of `text`, marking every word that starts with one of `words` (case-insensitive). */
export function markSegments(text: string, words: string[]): Segment[] {
  const wanted = words.map((w) => w.toLowerCase()).filter((w) => w.length > 1);
  if (!wanted.length) return [{ text, mark: false }];
  const out: Segment[] = [];
  const re = /[\p{L}\p{N}'’]+/gu;
  let last = 0;
  for (const m of text.matchAll(re)) {
    const word = m[0].toLowerCase();
    if (!wanted.some((w) => word.startsWith(w) || w.startsWith(word) && word.length >= 4)) continue;
    const start = m.index ?? 0;
    if (start > last) out.push({ text: text.slice(last, start), mark: false });
    out.push({ text: m[0], mark: true });
    last = start + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last), mark: false });
  return out;
}
