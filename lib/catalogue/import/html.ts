/**
 * HTML to the importer's lines: block elements (paragraphs, headings, list items, rows)
 * become lines, table cells become tab-separated cells, headings keep a markdown "#" so a
 * unit's title heading reads as one. Scripts and styles are dropped; nothing is rendered.
 */

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

/** The text of an HTML document, one block per line, table cells separated by tabs. */
export function htmlToText(html: string): string {
  let s = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style|head|template)\b[\s\S]*?<\/\1\s*>/gi, '')
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
  return decode(s)
    .split('\n')
    .map((line) => line.replace(/[ \u00a0]+/g, ' ').replace(/ ?\t ?/g, '\t').replace(/\t+$/, '').trimEnd())
    .map((line) => (/^\s*#/.test(line) ? line.trim() : line.replace(/^ +/, '')))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n');
}
