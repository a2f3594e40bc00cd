/**
 * The general specification importer: one entry for every document a centre has. A file's
 * bytes are checked (empty, binary, encrypted, scanned...), its format found from its
 * bytes (PDF, Word .docx) or its text (the CSV template, HTML, plain text and markdown),
 * turned into lines with page numbers, and read by the one structure parser
 * (structure.ts). The PDF (pdf.ts) and Word (docx.ts) readers hand `importLines` the same
 * {text, page, line} lines as the text readers.
 *
 * For a page (the options page's review screen) or a script:
 *   const { specification, warnings } = await importFile(bytes, file.name);
 * throws ImportError with one sentence for the user when the file cannot be read.
 * pdf.js and mammoth are loaded on the first PDF / Word file, from the bundle (nothing is
 * downloaded); pdf.js runs on the calling thread unless `setPdfWorkerPort` gave it a Worker.
 */
import { looksLikeTemplate, parseTemplateCsv } from './csv';
import { docxToLines, isWordZip } from './docx';
import { htmlToLines } from './html';
import { type ImportWarning, linesFromText, removeRunningLines, type SourceLine } from './lines';
import { pdfToLines } from './pdf';
import { readRules } from './rules-text';
import { ImportError, type ImportResult, parseStructure } from './structure';
import { specIdFromName } from './vocabulary';

export { CSV_COLUMNS } from './csv';
export { docxToLines } from './docx';
export { pdfToLines, setPdfWorkerPort } from './pdf';
export type { ImportWarning, SourceLine } from './lines';
export { ImportError, type ImportResult } from './structure';
export { specIdFromName } from './vocabulary';

/** The formats the importer reads. */
export type ImportFormat = 'csv' | 'html' | 'text' | 'pdf' | 'docx';

/** What a file's first bytes say it is: a PDF, a zip (Word or not), an old Office file, or none of these. */
export function binaryKind(bytes: Uint8Array): 'pdf' | 'docx' | 'zip' | 'doc' | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  // A PDF's header may follow some binary junk (pdf.js looks within the first kilobyte too).
  const at = head.indexOf('%PDF-');
  if (at === 0 || (at > 0 && /[\u0000-\u0008]/.test(head.slice(0, at)))) return 'pdf';
  if (head.startsWith('PK\u0003\u0004') || head.startsWith('PK\u0005\u0006')) return isWordZip(bytes) ? 'docx' : 'zip';
  if (head.startsWith('\u00d0\u00cf\u0011\u00e0')) return 'doc';
  return null;
}

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
  const kind = binaryKind(bytes);
  if (kind === 'pdf') throw new ImportError(`${name} is a PDF file, not text: import it with importFile`);
  if (kind === 'docx') throw new ImportError(`${name} is a Word document, not text: import it with importFile`);
  if (kind === 'zip') {
    throw new ImportError(`${name} is a zip archive but not a Word document (.docx): unzip it and import the specification inside, or save the document from Word as .docx`);
  }
  if (kind === 'doc') {
    throw new ImportError(`${name} is an old-style Word document (.doc), which cannot be read: open it in Word, save it as .docx (Word Document), and import that`);
  }
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
  // The rules of combination where printed, for the units found (none: the review starts every unit mandatory).
  const rules = readRules(cleaned.lines, result.specification);
  result.specification.qualifications = rules.qualifications;
  const warnings: ImportWarning[] = [...cleaned.warnings, ...result.warnings, ...rules.warnings].sort((a, b) => a.line - b.line);
  if (!result.specification.units.length) {
    throw new ImportError(
      `${name} holds no units with learning outcomes and assessment criteria (looked for "Learning outcomes" followed by numbered criteria such as 1.1)`,
    );
  }
  return { specification: result.specification, warnings, lines };
}

/** Imports a specification from its text (CSV template, HTML, markdown or plain text). */
export function importText(text: string, name: string): ImportResult {
  if (!text.trim()) throw new ImportError(`${name} is empty`);
  if (text.includes('\u0000')) throw new ImportError(`${name} is not a text file (it holds binary data)`);
  const format = detectFormat(name, text);
  const specId = specIdFromName(name);
  if (format === 'csv') return { ...parseTemplateCsv(text, name, specId), lines: linesFromText(text) };
  return importLines(format === 'html' ? htmlToLines(text) : linesFromText(text), name);
}

/**
 * Imports a specification from a file's bytes: PDF, Word (.docx), the CSV template, HTML,
 * markdown or plain text, found from the bytes, not the name. Rejects with ImportError
 * (one sentence for the user) when the file cannot be read.
 */
export async function importFile(bytes: Uint8Array, name: string): Promise<ImportResult> {
  if (bytes.length === 0) throw new ImportError(`${name} is empty`);
  const kind = binaryKind(bytes);
  if (kind === 'pdf') return importLines(await pdfToLines(bytes, name), name);
  if (kind === 'docx') return importLines(await docxToLines(bytes, name), name);
  return importText(decodeFile(bytes, name), name);
}
