/**
 * Text utilities shared by the specification parsers: the documents arrive converted
 * from PDF and Word, so a cell may hold HTML fragments, markdown emphasis, several
 * criteria glued together, or numbers printed as "1.1.".
 */

const ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—',
  rsquo: '’', lsquo: '‘', rdquo: '”', ldquo: '“', hellip: '…', bull: '•',
};

/** Decodes the HTML entities these documents use (named and numeric). */
function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

/**
 * Removes HTML tags and markdown emphasis, decodes entities and collapses whitespace:
 * the words a reader sees. Block tags (<p>, <li>, <br>) become spaces so words stay apart.
 */
export function cleanText(s: string): string {
  return decodeEntities(
    s
      .replace(/<\s*(br|\/p|p|li|\/li|ul|\/ul|ol|\/ol|div|\/div|tr|\/tr|td|\/td)\b[^>]*>/gi, ' ')
      .replace(/<[^>]+>/g, ''),
  )
    .replace(/\*\*|__/g, '')
    // Single-character emphasis, also inside brackets and quotes: "(*Guidelines ... 2010*)".
    .replace(/(^|[\s(\["'“‘])[*_](\S)/g, '$1$2')
    .replace(/(\S)[*_](?=\s|$|[.,;:!?)\]"'”’])/g, '$1')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
}

/** One criterion cut out of a cell: its number as printed (normalised) and its words. */
export interface CriterionPiece {
  number: string;
  text: string;
}

/**
 * Splits a cell holding one or more criteria ("1.1 Listen ... 1.2 Identify ...", also
 * glued "...plan their call1.2 Anticipate" and "1.1." forms) into numbered pieces.
 * When `outcome` is given, only numbers of that outcome (e.g. 2.x for outcome "2") start a
 * new criterion, so "section 1.4" inside the text of outcome 2 is left alone.
 * Text before the first number is returned as `lead` (a wrapped line of the previous cell).
 */
export function splitCriteria(cell: string, outcome?: string): { lead: string; pieces: CriterionPiece[] } {
  const text = cleanText(cell);
  // A criterion number: at the start, after whitespace, or glued to a letter or closing
  // punctuation; followed by an optional dot and then a space and a letter.
  const re = /(^|[\s\p{L}).;:,’'"”])(\d{1,2})\.(\d{1,2})\.?(?=\s*[\p{L}(“"‘'])/gu;
  const starts: { index: number; end: number; number: string }[] = [];
  for (const m of text.matchAll(re)) {
    const major = m[2];
    if (outcome !== undefined && major !== outcome) continue;
    const index = (m.index ?? 0) + m[1].length;
    starts.push({ index, end: (m.index ?? 0) + m[0].length, number: `${major}.${Number(m[3])}` });
  }
  const pieces: CriterionPiece[] = [];
  for (let i = 0; i < starts.length; i++) {
    const s = starts[i];
    const stop = i + 1 < starts.length ? starts[i + 1].index : text.length;
    pieces.push({ number: s.number, text: text.slice(s.end, stop).trim() });
  }
  const lead = (starts.length ? text.slice(0, starts[0].index) : text).trim();
  return { lead, pieces };
}

/** Parses a level as printed: "2", "Level 2", "two", "Entry 3", "E3". Null when none. */
export function parseLevel(s: string): number | `Entry ${1 | 2 | 3}` | null {
  const t = cleanText(s).toLowerCase();
  const entry = /\b(?:entry(?: level)?\s*|e)(1|2|3|one|two|three)\b/.exec(t);
  if (entry) {
    const n = WORDS[entry[1]] ?? Number(entry[1]);
    return `Entry ${n as 1 | 2 | 3}`;
  }
  const num = /\b([1-8])\b/.exec(t);
  if (num) return Number(num[1]);
  const word = /\b(one|two|three|four|five|six|seven|eight)\b/.exec(t);
  return word ? WORDS[word[1]] : null;
}

const WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8 };

/** True when a level was written in words ("Level two") rather than digits. */
export function levelInWords(s: string): boolean {
  return /\b(one|two|three|four|five|six|seven|eight)\b/i.test(s) && !/\d/.test(s);
}
