/**
 * An imported specification as a file a colleague can import: JSON (the whole
 * specification, its qualification and rules of combination, checked with the catalogue's
 * zod schema when read) or CSV in the template's columns (units, outcomes and criteria
 * only: the template has no column for a qualification or its rules).
 *
 * The CSV is not defused against spreadsheet formulas as the tag-set export is: it is a
 * template meant to be read back, and a prefixed quote would change a criterion's words.
 */
import Papa from 'papaparse';
import { parseCatalogueJson } from '../schema';
import type { Specification } from '../model';
import { CSV_COLUMNS, looksLikeTemplate } from './csv';
import { ImportError } from './structure';

/** The JSON file's format marker. */
export const SPEC_FILE_FORMAT = 'evidence-mapper-specification';

/** A file name from a specification's id. */
const fileBase = (spec: Specification) => `specification-${spec.id}`;

/** The specification as a JSON file. */
export function specificationJsonFile(spec: Specification, now = new Date()): { filename: string; type: string; text: string } {
  const file = { format: SPEC_FILE_FORMAT, formatVersion: 1, exportedAt: now.toISOString(), specification: spec };
  return { filename: `${fileBase(spec)}.json`, type: 'application/json', text: `${JSON.stringify(file, null, 2)}\n` };
}

/** The specification as the CSV template: one row per criterion, every column filled. */
export function specificationCsvFile(spec: Specification): { filename: string; type: string; text: string } {
  const rows: string[][] = [];
  for (const u of spec.units) {
    for (const o of u.outcomes) {
      for (const c of o.criteria) {
        rows.push([u.ref, u.title, u.level === null ? '' : String(u.level), u.credit === null ? '' : String(u.credit), u.glh === null ? '' : String(u.glh), o.number, o.title, c.number, c.text]);
      }
    }
  }
  const text = Papa.unparse({ fields: [...CSV_COLUMNS], data: rows }, { newline: '\r\n', quotes: false });
  return { filename: `${fileBase(spec)}.csv`, type: 'text/csv', text: `${text}\r\n` };
}

/** True when a file's text looks like JSON (a specification file or a catalogue export). */
export function looksLikeJson(text: string): boolean {
  return /^\s*[{[]/.test(text.replace(/^\uFEFF/, ''));
}

/**
 * Reads a specification JSON file (or the command line's catalogue export, which may hold
 * several). Throws ImportError with the schema's words when it is not valid.
 */
export function readSpecificationJson(text: string, name: string): Specification[] {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new ImportError(`${name} is not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  const o = json as { format?: unknown; specification?: unknown; specifications?: unknown };
  let specs: unknown;
  if (o && typeof o === 'object' && o.format === SPEC_FILE_FORMAT) specs = [o.specification];
  else if (o && typeof o === 'object' && Array.isArray(o.specifications)) specs = o.specifications;
  else throw new ImportError(`${name} is a JSON file but not a specification exported by Evidence Mapper (no "format": "${SPEC_FILE_FORMAT}")`);
  try {
    return parseCatalogueJson({ formatVersion: 1, specifications: specs }).specifications;
  } catch (e) {
    throw new ImportError(`${name} is not a valid specification: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * True when a file is a specification rather than a backup, annotations or tag set: a
 * document (Word, PDF, text, markdown, web page), the CSV template (by its header), or a
 * specification JSON file. `head` is the file's first few kilobytes as text.
 */
export function looksLikeSpecificationFile(name: string, head: string): boolean {
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? '';
  if (['docx', 'pdf', 'txt', 'md', 'markdown', 'html', 'htm', 'doc', 'rtf'].includes(ext)) return true;
  if (ext === 'csv') return looksLikeTemplate(head);
  // The command line's catalogue export starts {"formatVersion": 1, "specifications": [...
  if (ext === 'json' || looksLikeJson(head)) return head.includes(`"${SPEC_FILE_FORMAT}"`) || /^\uFEFF?\s*\{\s*"formatVersion"\s*:\s*1\s*,\s*"specifications"\s*:/.test(head);
  return false;
}
