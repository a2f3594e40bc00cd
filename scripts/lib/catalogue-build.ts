/**
 * Builds the built-in catalogue from the specification texts: parses each file with its
 * overrides (`data/sources/<specId>.overrides.ts`, default export), merges the rules of
 * combination from `data/sources/qualifications.ts`, and serialises it deterministically.
 * Shared by `npm run catalogue:generate`, the `catalogue` CLI and the data test, so all
 * three produce the same thing. Scripts may read ../shared; the product never does.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Catalogue, ParseResult, ParseWarning, Qualification, Specification } from '../../lib/catalogue/model';
import { parseSpecification } from '../../lib/catalogue/parse/index';

/** The project's root folder. */
export const ROOT = resolve(import.meta.dirname, '..', '..');
/** Where the five source specifications live (read-only, outside the product). */
export const SPECS_DIR = resolve(ROOT, '..', 'shared', 'specs');
/** The generated built-in catalogue. */
export const CATALOGUE_PATH = resolve(ROOT, 'data', 'catalogue.json');
const SOURCES_DIR = resolve(ROOT, 'data', 'sources');

/** A parser warning with the file it came from. */
export interface SourcedWarning extends ParseWarning {
  source: string;
}

/** Loads `data/sources/<specId>.overrides.ts` when it exists (its default export). */
export async function loadOverrides(specId: string): Promise<unknown> {
  if (!/^[a-z0-9-]+$/.test(specId)) return undefined;
  const file = join(SOURCES_DIR, `${specId}.overrides.ts`);
  if (!existsSync(file)) return undefined;
  const mod = (await import(pathToFileURL(file).href)) as { default?: unknown; overrides?: unknown };
  return mod.default ?? mod.overrides;
}

/** Loads the rules of combination by spec id; empty when the file is not there yet. */
export async function loadQualifications(): Promise<Record<string, Qualification[]>> {
  const file = join(SOURCES_DIR, 'qualifications.ts');
  if (!existsSync(file)) return {};
  const mod = (await import(pathToFileURL(file).href)) as { QUALIFICATIONS?: Record<string, Qualification[]> };
  return mod.QUALIFICATIONS ?? {};
}

/**
 * Parses a specification text with its overrides. The spec id, which names the overrides
 * file, is known only once the text is read, so a first pass finds it.
 */
export async function parseWithOverrides(text: string, source: string): Promise<ParseResult> {
  const first = parseSpecification(text, source);
  const overrides = await loadOverrides(first.specification.id);
  return overrides === undefined ? first : parseSpecification(text, source, overrides);
}

/** Adds the qualifications written out for this specification (none when absent). */
export function withQualifications(spec: Specification, all: Record<string, Qualification[]>): Specification {
  return { ...spec, qualifications: all[spec.id] ?? [] };
}

/** The specification files of a folder, in a stable order (every .txt file). */
export function specificationFiles(dir = SPECS_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => join(dir, f));
}

/** Parses every specification in `dir` into a catalogue, with all warnings met. */
export async function buildCatalogue(dir = SPECS_DIR): Promise<{ catalogue: Catalogue; warnings: SourcedWarning[] }> {
  const qualifications = await loadQualifications();
  const specifications: Specification[] = [];
  const warnings: SourcedWarning[] = [];
  for (const file of specificationFiles(dir)) {
    const source = basename(file);
    const result = await parseWithOverrides(readFileSync(file, 'utf8'), source);
    specifications.push(withQualifications(result.specification, qualifications));
    for (const w of result.warnings) warnings.push({ source, ...w });
  }
  return { catalogue: { formatVersion: 1, specifications }, warnings };
}

/** The catalogue as written to disk: 2-space JSON with a trailing newline. */
export function serializeCatalogue(catalogue: Catalogue): string {
  return `${JSON.stringify(catalogue, null, 2)}\n`;
}

/** One warning as a compiler-style line: `file:line: [code] message`. */
export function formatWarning(w: SourcedWarning): string {
  return `${w.source}:${w.line}: [${w.code}] ${w.message}`;
}
