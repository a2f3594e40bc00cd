/**
 * The built-in catalogue (data/catalogue.json) must be exactly what the parser produces
 * today from ../shared/specs with the overrides and rules in data/sources, and must pass
 * the schema the product loads it with. Regenerate with `npm run catalogue:generate`.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCatalogueJson } from '../../lib/catalogue/schema';
import { buildCatalogue, CATALOGUE_PATH, serializeCatalogue } from '../../scripts/lib/catalogue-build';

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
