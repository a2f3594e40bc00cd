/**
 * The source text beside the review: a file's lines as the user sees them, and for each
 * unit and criterion the line it was read from, found by its words in document order
 * (the importer returns the specification, not where each part came from). A row the
 * search cannot place has no line; the review then shows none rather than a wrong one.
 */
import { htmlToLines } from './html';
import { decodeFile, detectFormat } from './index';
import { linesFromText, type SourceLine } from './lines';
import type { Specification } from '../model';

/**
 * The file's lines for display. A reader that hands back its own lines (PDF, Word) is
 * preferred; otherwise text, markdown, HTML and CSV are read here. Empty when the file
 * cannot be shown as text.
 */
export function sourceLinesOf(bytes: Uint8Array, name: string, readerLines?: readonly SourceLine[]): SourceLine[] {
  if (readerLines?.length) return [...readerLines];
  let text: string;
  try {
    text = decodeFile(bytes, name);
  } catch {
    return [];
  }
  const format = detectFormat(name, text);
  if (format === 'html') return htmlToLines(text);
  return linesFromText(text);
}

/** Text compared for finding: letters and digits only, lower case, single spaces. */
const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

/** The first few words of a text, enough to find its line and short enough to sit on one. */
const head = (s: string, words = 6) => norm(s).split(' ').slice(0, words).join(' ');

/**
 * Where each unit (key `unit:${ref}`) and each criterion (key: its id) was read from: the
 * 1-based line number in the file. Searches forward from the last place found, so a
 * criterion is found after its unit, not in a contents page or an earlier unit.
 */
export function locateRows(spec: Specification, lines: readonly SourceLine[]): Map<string, number> {
  const found = new Map<string, number>();
  const texts = lines.map((l) => ` ${norm(l.text)} `);
  const seek = (from: number, needle: string): number => {
    if (!needle.trim()) return -1;
    for (let i = from; i < texts.length; i++) if (texts[i].includes(` ${needle} `)) return i;
    return -1;
  };
  let cursor = 0;
  for (const unit of spec.units) {
    // The unit's last mention before its first criterion is its heading, not the contents page.
    const firstCriterion = unit.outcomes.flatMap((o) => o.criteria)[0];
    const criterionAt = firstCriterion ? seek(cursor, head(firstCriterion.text)) : -1;
    let unitAt = -1;
    for (let i = seek(cursor, norm(unit.ref)); i >= 0 && (criterionAt < 0 || i <= criterionAt); i = seek(i + 1, norm(unit.ref))) unitAt = i;
    if (unitAt < 0) unitAt = seek(cursor, head(unit.title));
    if (unitAt >= 0) {
      found.set(`unit:${unit.ref}`, lines[unitAt].line);
      cursor = unitAt;
    }
    for (const o of unit.outcomes) {
      for (const c of o.criteria) {
        let at = seek(cursor, head(c.text));
        if (at < 0) at = seek(cursor, head(c.text, 3));
        if (at < 0) continue;
        found.set(c.id, lines[at].line);
        cursor = at;
      }
    }
  }
  return found;
}
