/**
 * Helpers the `catalogue` subcommands share: reading the built-in catalogue through the
 * schema, and the export shape (the catalogue without notes or format version).
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { Catalogue, Specification } from '../../lib/catalogue/model';
import { CatalogueError, parseCatalogueJson } from '../../lib/catalogue/schema';
import { CATALOGUE_PATH, ROOT } from '../lib/catalogue-build';
import { CliError } from './_command';

/** Reads and validates data/catalogue.json (or `path`); a bad file is a CliError naming the field. */
export function readCatalogue(path = CATALOGUE_PATH): Catalogue {
  const name = relative(ROOT, path) || path;
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (e) {
    throw new CliError(`cannot read ${name}: ${(e as Error).message} (run npm run catalogue:generate)`);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (e) {
    throw new CliError(`${name} is not JSON: ${(e as Error).message}`);
  }
  try {
    return parseCatalogueJson(json);
  } catch (e) {
    if (e instanceof CatalogueError) throw new CliError(`${name}: ${e.message}`);
    throw e;
  }
}

/** The shape `export` and `parse` print: `{ specifications: [{ id, source, title, qualifications, units }] }`. */
export function toExportShape(specs: Specification[]): { specifications: unknown[] } {
  return {
    specifications: specs.map((s) => ({
      id: s.id,
      source: s.source,
      title: s.title,
      qualifications: s.qualifications,
      units: s.units.map((u) => ({
        ref: u.ref,
        title: u.title,
        level: u.level,
        credit: u.credit,
        glh: u.glh,
        outcomes: u.outcomes.map((o) => ({
          number: o.number,
          title: o.title,
          criteria: o.criteria.map((c) => ({ id: c.id, number: c.number, text: c.text })),
        })),
      })),
    })),
  };
}

/** Pretty JSON with a trailing newline, as every command prints it. */
export function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
