/**
 * Imported specifications in the database: saved after the options page's review, saved
 * again as a new version, deleted with Undo. A mapping is never changed or dropped here:
 * when a new version no longer has a criterion, the mappings to it stay in their sheets
 * (the matrix export lists them as "(not in the catalogue)"; should the criterion come
 * back, they count again) and each is also listed in the quarantine with its learner,
 * passage and page, so nobody loses sight of it.
 */
import type { Specification } from '../catalogue/model';
import { contentHash } from './catalogue';
import type { MappingRecord, QuarantinedRecord, SpecificationRecord } from './records';
import type { EvidenceDb } from './schema';
import { specKeyRange } from './sheets';

/** A mapping to one of a specification's criteria, with who and what it is for display. */
export interface SpecMapping {
  mappingId: string;
  criterionId: string;
  learnerId: string;
  learnerName: string;
  passageId: string;
  quote: string;
  pageUrl: string;
  pageTitle: string;
}

/** The quarantine's source for mappings a re-import left without their criterion. */
export const REIMPORT_SOURCE = 're-import';

/** Every mapping (in every learner's sheets) to a criterion of the specification. */
export async function mappingsOfSpecification(db: EvidenceDb, specId: string): Promise<SpecMapping[]> {
  return db.transaction('r', db.learners, db.sheets, db.pages, async () => {
    const learners = await db.learners.toArray();
    const out: SpecMapping[] = [];
    const pages = new Map<string, { url: string; title: string }>();
    for (const l of learners) {
      const [lo, hi] = specKeyRange(l.id, specId);
      const sheets = await db.sheets.where('unitKeys').between(lo, hi, true, false).distinct().toArray();
      for (const sheet of sheets) {
        if (!pages.has(sheet.pageId)) {
          const p = await db.pages.get(sheet.pageId);
          pages.set(sheet.pageId, { url: p?.url ?? '', title: p?.title ?? '' });
        }
        const page = pages.get(sheet.pageId)!;
        for (const p of sheet.passages) {
          for (const m of p.mappings) {
            if (!m.criterionId.startsWith(`${specId}:`)) continue;
            out.push({ mappingId: m.id, criterionId: m.criterionId, learnerId: l.id, learnerName: l.name, passageId: p.id, quote: p.quote, pageUrl: page.url, pageTitle: page.title });
          }
        }
      }
    }
    return out;
  });
}

/** Every criterion id of a specification. */
export function criterionIdsOf(spec: Specification): Set<string> {
  return new Set(spec.units.flatMap((u) => u.outcomes.flatMap((o) => o.criteria.map((c) => c.id))));
}

/** What saving did: the mappings whose criterion the saved version no longer has. */
export interface SaveResult {
  record: SpecificationRecord;
  /** The version replaced, for Undo. */
  previous: SpecificationRecord | null;
  orphaned: SpecMapping[];
}

/**
 * Saves an imported specification (new, or a new version of the one with its id). Refuses
 * to overwrite a built-in one. Mappings to criteria it no longer has are kept where they
 * are and listed in the quarantine; quarantine entries of earlier re-imports whose
 * criterion is back are taken out.
 */
export async function saveImportedSpecification(db: EvidenceDb, spec: Specification, now = new Date()): Promise<SaveResult> {
  const at = now.toISOString();
  const mappings = await mappingsOfSpecification(db, spec.id);
  return db.transaction('rw', db.specifications, db.quarantine, async () => {
    const previous = (await db.specifications.get(spec.id)) ?? null;
    if (previous?.origin === 'built-in') throw new Error(`"${spec.id}" is the id of a built-in specification (${previous.title}); choose another id.`);
    const kept = criterionIdsOf(spec);
    const orphaned = mappings.filter((m) => !kept.has(m.criterionId));
    const record: SpecificationRecord = { ...spec, origin: 'imported', contentHash: contentHash(spec), updatedAt: at };
    await db.specifications.put(record);
    const stale = await db.quarantine.filter((q) => q.source === REIMPORT_SOURCE && kept.has((q.record as { mapping?: MappingRecord }).mapping?.criterionId ?? '')).primaryKeys();
    if (stale.length) await db.quarantine.bulkDelete(stale);
    const notes: QuarantinedRecord[] = orphaned.map((m) => ({
      id: `${REIMPORT_SOURCE}/${m.mappingId}`,
      source: REIMPORT_SOURCE,
      recordId: m.mappingId,
      what: `${m.learnerName}'s passage "${m.quote.length > 80 ? `${m.quote.slice(0, 79)}…` : m.quote}" tagged with ${m.criterionId}`,
      reason: `The new version of ${spec.title} saved on ${at.slice(0, 10)} has no criterion ${m.criterionId}. The mapping is still stored with its passage on ${m.pageUrl || 'its page'}; it counts again if the criterion comes back.`,
      record: { mapping: { id: m.mappingId, criterionId: m.criterionId, learnerId: m.learnerId, passageId: m.passageId }, quote: m.quote, pageUrl: m.pageUrl, pageTitle: m.pageTitle, learnerName: m.learnerName },
      quarantinedAt: at,
    }));
    if (notes.length) await db.quarantine.bulkPut(notes);
    return { record, previous, orphaned };
  });
}

/** Deletes an imported specification; returns it as stored, for Undo. Built-in ones are refused. */
export async function deleteImportedSpecification(db: EvidenceDb, specId: string): Promise<SpecificationRecord> {
  return db.transaction('rw', db.specifications, async () => {
    const record = await db.specifications.get(specId);
    if (!record) throw new Error('That specification is no longer stored.');
    if (record.origin !== 'imported') throw new Error(`${record.title} is built in and cannot be deleted.`);
    await db.specifications.delete(specId);
    return record;
  });
}

/** Puts a specification back exactly as it was stored (Undo of a delete or of a new version). */
export async function restoreSpecification(db: EvidenceDb, record: SpecificationRecord): Promise<void> {
  await db.specifications.put(record);
}

/** The imported specifications as stored, newest first. */
export async function importedSpecifications(db: EvidenceDb): Promise<SpecificationRecord[]> {
  const all = await db.specifications.where('origin').equals('imported').toArray();
  return all.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}
