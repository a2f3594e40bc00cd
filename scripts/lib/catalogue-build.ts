/**
 * Builds the built-in catalogue from the specification texts, and serialises it
 * deterministically. Shared by `npm run catalogue:generate`, the `catalogue` CLI and the
 * data test, so all three produce the same thing. Scripts may read ../shared; the product
 * never does.
 *
 * Each specification (buildSpecification) is read twice:
 * - The general importer (lib/catalogue/import, the one a centre's own documents go
 *   through) gives the title and every unit's ref, title, level, credit, GLH, outcomes and
 *   criteria. Its ids are renamed to the built-in spec id.
 * - The per-document parser (lib/catalogue/parse, with `data/sources/<specId>.overrides.ts`)
 *   gives the built-in spec id, each unit's notes, and the warnings. The importer's notes
 *   are not the ones the catalogue keeps for assessors (compared on 2026-12-07 over all 125
 *   units, only 3 notes came out the same):
 *   - notes printed before the first outcome are dropped: EDI's "Aims" (48 units),
 *     Ascentis' "Introduction" (20), the unit sheet's "Aim", "Assessment type",
 *     "Relationship to NOS" and "Assessment requirements..." (4);
 *   - a list's "- " markers are dropped (EDI evidence requirements 46, Ascentis indicative
 *     content 7, unit sheet guidance 1);
 *   - a markdown sub-heading ends a note: Ascentis' indicative content is cut at "For the
 *     ... job role the learner needs to be able to:" (12);
 *   - the back matter is not stopped: HABC's last "Additional assessment guidance" runs into
 *     "Appendix 3", a HABC "Assessment Method" note is the signature form, and EDI CU837's
 *     evidence requirements end with EDI's address (1 + 1 + 1; and EDI CU820 keeps one
 *     blank line fewer);
 *   - form placeholders are kept as notes: HABC's "There is no additional assessment
 *     guidance for this unit." (44), Skills CFA's empty "Unit expiry date" and four more
 *     fields per unit (50);
 *   - ranges are not named by outcome: the unit sheet's four "Range (outcome N)" come out as
 *     "Range" (4), and Skills CFA's one "Guidance" is missed (1);
 *   - CU830's note, on what the document lost with its heading page, is written in
 *     data/sources/edi-l2.overrides.ts for the EDI parser, which alone rebuilds that unit.
 * The only other override still used is Skills CFA's specification title (the document has
 * no title page). Both readings must agree on the units, in order, by ref; a build stops if
 * they do not.
 * The rules of combination come from `data/sources/qualifications.ts`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Catalogue, ParseResult, ParseWarning, Qualification, Specification } from '../../lib/catalogue/model';
import { importText } from '../../lib/catalogue/import/index';
import { unitKey } from '../../lib/catalogue/ids';
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

/** Moves every catalogue id of `spec` (criterion ids start with the spec id) to `specId`. */
function withSpecId(spec: Specification, specId: string): Specification {
  const move = (id: string) => `${specId}${id.slice(id.indexOf(':'))}`;
  const units = spec.units.map((u) => ({
    ...u,
    outcomes: u.outcomes.map((o) => ({ ...o, criteria: o.criteria.map((c) => ({ ...c, id: move(c.id) })) })),
  }));
  return { ...spec, id: specId, units };
}

/**
 * One specification of the built-in catalogue: units, outcomes and criteria from the
 * general importer, the spec id, unit notes and warnings from the per-document parser (see
 * the top of this file for why the notes are not the importer's). Throws when the two do
 * not read the same units in the same order.
 */
export async function buildSpecification(text: string, source: string): Promise<ParseResult> {
  const parsed = await parseWithOverrides(text, source);
  const specId = parsed.specification.id;
  const imported = withSpecId(importText(text, source).specification, specId);
  const title = (await loadOverrides(specId)) as { title?: string } | undefined;
  const parsedUnits = parsed.specification.units;
  const refs = (units: { ref: string }[]) => units.map((u) => unitKey(u.ref)).join(' ');
  if (refs(imported.units) !== refs(parsedUnits)) {
    throw new Error(
      `${source}: the general importer and the ${specId} parser read different units\n  importer: ${refs(imported.units)}\n  parser:   ${refs(parsedUnits)}`,
    );
  }
  const units = imported.units.map((u, i) => {
    const { notes: _importerNotes, ...fields } = u;
    const notes = parsedUnits[i].notes;
    return notes ? { ...fields, notes } : fields;
  });
  const specification: Specification = {
    id: specId,
    source: imported.source,
    title: title?.title ?? imported.title,
    qualifications: imported.qualifications,
    units,
  };
  return { specification, warnings: parsed.warnings };
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
    const result = await buildSpecification(readFileSync(file, 'utf8'), source);
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
