/**
 * HTML to the importer's lines: block elements (paragraphs, headings, list items, rows)
 * become lines, table cells become tab-separated cells, headings keep a markdown "#" so a
 * unit's title heading reads as one. Scripts and styles are dropped; nothing is rendered.
 */

import type { SourceLine } from './lines';

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decode(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : m;
    }
    return ENTITY[e.toLowerCase()] ?? m;
  });
}

/** Stands for a newline of the source while tags are rewritten, so lines keep their numbers. */
const NL = '\u0001';
const NLS = new RegExp(NL, 'g');
const count = (s: string) => s.split(NL).length - 1;

/**
 * The lines of an HTML document, one block per line, table cells separated by tabs, each
 * with the number of the source line where it starts (so a warning points into the file
 * the user has).
 */
export function htmlToLines(html: string): SourceLine[] {
  // Keep every source newline, also those inside removed tags, scripts and comments.
  const keep = (m: string) => NL.repeat(count(m));
  let s = html
    .replace(/\r\n?/g, '\n')
    .replace(/\n/g, NL)
    .replace(/<!--[\s\S]*?-->/g, keep)
    .replace(/<(script|style|head|template)\b[\s\S]*?<\/\1\s*>/gi, keep)
    .replace(/<[^>]*>/g, (m) => (m.includes(NL) ? m.replace(NLS, ' ') + keep(m) : m))
    .replace(/\s+/g, ' ');
  s = s
    .replace(/<h([1-6])\b[^>]*>/gi, (_m, n: string) => `\n${'#'.repeat(Number(n))} `)
    .replace(/<\/h[1-6]\s*>/gi, '\n')
    .replace(/<\/(td|th)\s*>\s*/gi, '\t')
    .replace(/<(td|th)\b[^>]*>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<li\b[^>]*>/gi, '\n- ')
    .replace(/<\/?(p|div|tr|table|thead|tbody|tfoot|ul|ol|li|section|article|header|footer|caption|dl|dt|dd|blockquote|pre|body|html)\b[^>]*>/gi, '\n')
    .replace(/<[^>]+>/g, '');
  const out: SourceLine[] = [];
  let seen = 0;
  for (const part of decode(s).split('\n')) {
    // The line starts where its first character is: newlines before it count, those after
    // it belong to the next line.
    const lead = /^[\s\u0001]*/.exec(part)?.[0] ?? '';
    const line = 1 + seen + count(lead);
    seen += count(part);
    const text = part
      .replace(NLS, ' ')
      .replace(/[ \u00a0]+/g, ' ')
      .replace(/ ?\t ?/g, '\t')
      .replace(/\t+$/, '')
      .trimEnd();
    const cleaned = /^\s*#/.test(text) ? text.trim() : text.replace(/^ +/, '');
    if (cleaned.trim()) out.push({ text: cleaned, page: 1, line });
  }
  return out;
}

/** The text of an HTML document, one block per line, table cells separated by tabs. */
export function htmlToText(html: string): string {
  return htmlToLines(html)
    .map((l) => l.text)
    .join('\n');
}
