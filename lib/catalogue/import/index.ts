/**
 * The general specification importer: one entry for every document a centre has. A file's
 * bytes are checked (empty, binary, PDF or Word not yet readable here), its format found
 * (the CSV template, HTML, or plain text and markdown), turned into lines with page
 * numbers, and read by the one structure parser (structure.ts). Readers for PDF and Word
 * will hand `importLines` the same {text, page, line} lines.
 */
import { looksLikeTemplate, parseTemplateCsv } from './csv';
import { htmlToLines } from './html';
import { type ImportWarning, linesFromText, removeRunningLines, type SourceLine } from './lines';
import { ImportError, type ImportResult, parseStructure } from './structure';
import { specIdFromName } from './vocabulary';

export { CSV_COLUMNS } from './csv';
export type { ImportWarning, SourceLine } from './lines';
export { ImportError, type ImportResult } from './structure';
export { specIdFromName } from './vocabulary';

/** The formats the importer reads. */
export type ImportFormat = 'csv' | 'html' | 'text';

/** Finds a file's format from its name and first characters. */
export function detectFormat(name: string, text: string): ImportFormat {
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  if (ext === 'csv' || (ext !== 'html' && ext !== 'htm' && looksLikeTemplate(text))) return 'csv';
  if (ext === 'html' || ext === 'htm' || /^\s*(<!doctype html|<html\b|<body\b)/i.test(text)) return 'html';
  return 'text';
}

/** Decodes a file's bytes as text, or says in plain words why it cannot be read. */
export function decodeFile(bytes: Uint8Array, name: string): string {
  if (bytes.length === 0) throw new ImportError(`${name} is empty`);
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 8));
  if (head.startsWith('%PDF')) throw new ImportError(`${name} is a PDF file: PDF import is not available yet; save it as text (.txt) and import that`);
  if (head.startsWith('PK\u0003\u0004')) {
    throw new ImportError(`${name} is a Word or other zipped document: Word import is not available yet; save it as text (.txt) or web page (.html) and import that`);
  }
  if (head.startsWith('\u00d0\u00cf\u0011\u00e0')) throw new ImportError(`${name} is an old-style Office document (.doc): save it as text (.txt) and import that`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const control = bytes.filter((b) => b < 9 || (b > 13 && b < 32)).length;
    if (control > bytes.length * 0.01) throw new ImportError(`${name} is not a text file (it holds binary data)`);
    text = decodeWindows1252(bytes);
  }
  if (text.includes('\u0000')) throw new ImportError(`${name} is not a text file (it holds binary data)`);
  if (!text.trim()) throw new ImportError(`${name} is empty (it holds only spaces and blank lines)`);
  return text;
}

// Windows-1252's 0x80-0x9F (curly quotes, dashes, euro...), which Latin-1 leaves as controls.
const CP1252 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/** Decodes Windows-1252 bytes (Word's "plain text" on Windows) without relying on the runtime's tables. */
function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b >= 0x80 && b <= 0x9f ? CP1252[b - 0x80] : String.fromCharCode(b);
  return out;
}

/** Reads lines (from any reader) into a specification. Throws ImportError when none is found. */
export function importLines(lines: SourceLine[], name: string): ImportResult {
  const cleaned = removeRunningLines(lines);
  const result = parseStructure(cleaned.lines, name);
  const warnings: ImportWarning[] = [...cleaned.warnings, ...result.warnings].sort((a, b) => a.line - b.line);
  if (!result.specification.units.length) {
    throw new ImportError(
      `${name} holds no units with learning outcomes and assessment criteria (looked for "Learning outcomes" followed by numbered criteria such as 1.1)`,
    );
  }
  return { specification: result.specification, warnings };
}

/** Imports a specification from its text (CSV template, HTML, markdown or plain text). */
export function importText(text: string, name: string): ImportResult {
  if (!text.trim()) throw new ImportError(`${name} is empty`);
  if (text.includes('\u0000')) throw new ImportError(`${name} is not a text file (it holds binary data)`);
  const format = detectFormat(name, text);
  const specId = specIdFromName(name);
  if (format === 'csv') return parseTemplateCsv(text, name, specId);
  return importLines(format === 'html' ? htmlToLines(text) : linesFromText(text), name);
}

/** Imports a specification from a file's bytes. */
export function importFile(bytes: Uint8Array, name: string): ImportResult {
  return importText(decodeFile(bytes, name), name);
}
