/**
 * Keeps the catalogue in the database: the built-in specifications from data/ are
 * written on install and whenever the shipped catalogue changes; imported ones are
 * left alone.
 */
import type { Catalogue, Specification } from '../catalogue/model';
import type { EvidenceDb } from './schema';
import type { SpecificationRecord } from './records';

/** A short, stable content hash (FNV-1a, 32-bit, hex) of a JSON value. */
export function contentHash(value: unknown): string {
  const s = JSON.stringify(value);
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/**
 * Writes the built-in catalogue: specifications whose content changed are replaced,
 * built-in ones no longer shipped are removed. Returns how many were written.
 */
export async function installBuiltInCatalogue(db: EvidenceDb, catalogue: Catalogue, now = new Date()): Promise<number> {
  return db.transaction('rw', db.specifications, async () => {
    const existing = await db.specifications.where('origin').equals('built-in').toArray();
    const byId = new Map(existing.map((s) => [s.id, s]));
    const records: SpecificationRecord[] = [];
    for (const spec of catalogue.specifications) {
      const hash = contentHash(spec);
      if (byId.get(spec.id)?.contentHash === hash) continue;
      records.push({ ...spec, origin: 'built-in', contentHash: hash, updatedAt: now.toISOString() });
    }
    const shipped = new Set(catalogue.specifications.map((s) => s.id));
    const gone = existing.filter((s) => !shipped.has(s.id)).map((s) => s.id);
    if (gone.length) await db.specifications.bulkDelete(gone);
    if (records.length) await db.specifications.bulkPut(records);
    return records.length;
  });
}

/** All specifications in the catalogue, built-in first, in a stable order. */
export async function getSpecifications(db: EvidenceDb): Promise<Specification[]> {
  const all = await db.specifications.toArray();
  return all
    .sort((a, b) => (a.origin === b.origin ? a.title.localeCompare(b.title) : a.origin === 'built-in' ? -1 : 1))
    .map(({ origin: _o, contentHash: _h, updatedAt: _u, ...spec }) => spec);
}

/** The specifications that define the given qualifications (for a learner's palette). */
export async function specificationsForQualifications(db: EvidenceDb, qualificationIds: string[]): Promise<Specification[]> {
  const wanted = new Set(qualificationIds);
  return (await getSpecifications(db)).filter((s) => s.qualifications.some((q) => wanted.has(q.id)));
}

/** Every qualification in the catalogue, for choosing a learner's. */
export async function allQualifications(db: EvidenceDb): Promise<{ id: string; title: string }[]> {
  return (await getSpecifications(db)).flatMap((s) => s.qualifications.map((q) => ({ id: q.id, title: `${q.title} (${q.number})` })));
}
