/**
 * The built-in catalogue (data/catalogue.json) must be exactly what catalogue-build produces
 * today from ../shared/specs (the general importer's units, the parsers' notes) with the
 * overrides and rules in data/sources, and must pass
 * the schema the product loads it with. Regenerate with `npm run catalogue:generate`.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importText } from '../../lib/catalogue/import/index';
import type { Unit } from '../../lib/catalogue/model';
import { parseCatalogueJson } from '../../lib/catalogue/schema';
import { buildCatalogue, CATALOGUE_PATH, serializeCatalogue, specificationFiles } from '../../scripts/lib/catalogue-build';

const onDisk = readFileSync(CATALOGUE_PATH, 'utf8');
const { catalogue } = await buildCatalogue();

describe('data/catalogue.json', () => {
  it('holds the five specifications', () => {
    expect(catalogue.specifications.map((s) => s.id).sort()).toEqual(['ascentis-l1', 'edi-l2', 'habc-l3', 'skills-cfa-l3', 'unit-j-506-2132']);
  });

  it('is what the parser produces today (run npm run catalogue:generate)', () => {
    // Compare as data first so a difference shows where it is, then byte for byte.
    expect(JSON.parse(onDisk), 'data/catalogue.json is stale: run npm run catalogue:generate').toEqual(catalogue);
    expect(onDisk === serializeCatalogue(catalogue), 'data/catalogue.json is not formatted as the generator writes it').toBe(true);
  });

  it("takes every unit, outcome and criterion from the general importer, only the notes from the document's parser", () => {
    const withoutNotes = (units: Unit[]) => units.map(({ notes: _notes, ...u }) => u);
    for (const file of specificationFiles()) {
      const source = basename(file);
      const built = catalogue.specifications.find((s) => s.source === source);
      const imported = importText(readFileSync(file, 'utf8'), source).specification;
      // The importer names a specification after its file; the catalogue keeps its short ids.
      const moved = JSON.parse(JSON.stringify(imported.units).replaceAll(`"${imported.id}:`, `"${built?.id}:`)) as Unit[];
      expect(withoutNotes(built?.units ?? []), source).toEqual(withoutNotes(moved));
    }
    const notes = catalogue.specifications.flatMap((s) => s.units.flatMap((u) => (u.notes ?? []).map((n) => `${s.id} ${u.ref} ${n.heading}`)));
    // Notes the importer cannot give (read before the first outcome, or named by outcome).
    expect(notes).toContain('edi-l2 CU791 Aims');
    expect(notes).toContain('unit-j-506-2132 J/506/2132 Range (outcome 1)');
    expect(notes).toContain('edi-l2 CU830 Missing from the specification');
  });

  it('passes the catalogue schema, ids unique', () => {
    const parsed = parseCatalogueJson(JSON.parse(onDisk));
    expect(parsed.formatVersion).toBe(1);
  });

  it('gives every qualification units that exist in its specification', () => {
    for (const s of catalogue.specifications) {
      const refs = new Set(s.units.map((u) => u.ref));
      for (const q of s.qualifications) {
        const missing = q.rules.groups.flatMap((g) => g.units).filter((r) => !refs.has(r));
        expect(missing, `${q.id} names units not in ${s.id}`).toEqual([]);
      }
    }
  });
});
