/**
 * Evidence passages and their mappings: the writes the background makes on the
 * overlay's behalf, each in one transaction so that several tabs, a restarted service
 * worker or a save racing a delete never lose or duplicate anything.
 */
import type { EvidenceDb } from './schema';
import type { DeletedPassageRecord, EvidenceSheet, PageRecord, PassageRecord, SelectorRecord, StoredMapping, StoredPassage } from './records';
import { sheetKey, storedPassage, toSheet } from './sheets';
import { sheetOfPassage } from './sheet-queries';
import { isAlive, putTombstones } from './tombstones';
import { normalisePageUrl } from '../util/page-url';
import { hash128 } from '../util/hash';
import { unitIdOfCriterion } from '../catalogue/ids';
import type { Method } from '../catalogue/methods';

export interface MappingInput {
  criterionId: string;
  method: Method;
  note: string;
}

/** A mapping's id: one per passage and criterion, so the same criterion is never mapped twice. */
export function mappingId(passageId: string, criterionId: string): string {
  return `${passageId}|${criterionId}`;
}

/**
 * A new page's id, from its normalised address: two machines that tag one address before
 * either has the other's page make the same page (one document for the team), not two.
 */
export function pageIdOf(url: string): string {
  return `pg-${hash128(url)}`;
}

/** Finds the page record for a URL, creating it (or refreshing its title) as needed. */
export async function upsertPage(db: EvidenceDb, rawUrl: string, title: string, now: string): Promise<PageRecord> {
  const url = normalisePageUrl(rawUrl);
  const existing = await db.pages.where('url').equals(url).first();
  if (existing) {
    if (title && existing.title !== title) {
      await db.pages.update(existing.id, { title, updatedAt: now });
      return { ...existing, title, updatedAt: now };
    }
    return existing;
  }
  const page: PageRecord = { id: pageIdOf(url), url, title: title || url, kind: 'web', createdAt: now, updatedAt: now };
  await db.pages.add(page);
  return page;
}

/** The learner's passages on a page, with their mappings. */
export async function passagesForPage(db: EvidenceDb, learnerId: string, rawUrl: string): Promise<StoredPassage[]> {
  return db.transaction('r', db.pages, db.sheets, async () => {
    const page = await db.pages.where('url').equals(normalisePageUrl(rawUrl)).first();
    if (!page) return [];
    const sheet = await db.sheets.get([learnerId, page.id]);
    return [...(sheet?.passages ?? [])].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  });
}

/** Number of the learner's passages on a page (cheap: decides whether the overlay loads). */
export async function countPassagesForPage(db: EvidenceDb, learnerId: string, rawUrl: string): Promise<number> {
  const page = await db.pages.where('url').equals(normalisePageUrl(rawUrl)).first();
  return page ? ((await db.sheets.get([learnerId, page.id]))?.passages.length ?? 0) : 0;
}

export interface NewPassage {
  passageId: string;
  learnerId: string;
  url: string;
  title: string;
  selectors: SelectorRecord[];
  quote: string;
  mappings: MappingInput[];
  createdBy: string;
  /** For a restore (undo): keep the original times and authors, by criterion id. */
  createdAt?: string;
  mappingTimes?: Record<string, string>;
  mappingAuthors?: Record<string, string>;
}

/** Saves a passage and its mappings; saving the same passage id again changes nothing twice. */
export async function createPassage(db: EvidenceDb, input: NewPassage, now = new Date().toISOString()): Promise<StoredPassage> {
  return db.transaction('rw', db.pages, db.sheets, db.learners, async () => {
    if (!(await db.learners.get(input.learnerId))) throw new Error('That learner no longer exists. Choose a learner and try again.');
    const page = await upsertPage(db, input.url, input.title, now);
    const createdAt = input.createdAt ?? now;
    const sheet = await db.sheets.get([input.learnerId, page.id]);
    const others = (sheet?.passages ?? []).filter((p) => p.id !== input.passageId);
    const existing = sheet?.passages.find((p) => p.id === input.passageId);
    const passage: PassageRecord = {
      id: input.passageId, learnerId: input.learnerId, pageId: page.id, selectors: input.selectors, quote: input.quote,
      createdBy: input.createdBy, createdAt: existing?.createdAt ?? createdAt, updatedAt: now,
    };
    // Saving again (a retry, or a second tab) replaces its criteria and keeps the others.
    const mappings = new Map((existing?.mappings ?? []).map((m) => [m.criterionId, m]));
    for (const m of dedupe(input.mappings)) {
      mappings.set(m.criterionId, {
        id: mappingId(passage.id, m.criterionId), criterionId: m.criterionId, unitId: unitIdOfCriterion(m.criterionId),
        method: m.method, note: m.note, createdBy: input.mappingAuthors?.[m.criterionId] ?? input.createdBy,
        createdAt: input.mappingTimes?.[m.criterionId] ?? createdAt, updatedAt: now,
      });
    }
    const stored = storedPassage(passage, [...mappings.values()]);
    await db.sheets.put(toSheet(input.learnerId, page.id, [...others, stored]));
    return stored;
  });
}

function dedupe(mappings: MappingInput[]): MappingInput[] {
  const seen = new Map<string, MappingInput>();
  for (const m of mappings) seen.set(m.criterionId, m);
  return [...seen.values()];
}

export interface PassageChange {
  add: MappingInput[];
  removeMappingIds: string[];
  notes: { mappingId: string; note: string }[];
  /** A saved mapping's assessment method changed: the mapping then names who changed it, and when. */
  methods?: { mappingId: string; method: Method }[];
}

/** Adds and removes criteria of a passage, edits notes and methods, in one transaction. */
export async function updatePassage(db: EvidenceDb, passageId: string, change: PassageChange, who: string, now = new Date().toISOString()): Promise<StoredPassage> {
  return db.transaction('rw', db.sheets, db.tombstones, async () => {
    const sheet = await sheetOfPassage(db, passageId);
    const passage = sheet?.passages.find((p) => p.id === passageId);
    if (!sheet || !passage) throw new Error('This highlight was deleted (perhaps in another tab), so it cannot be changed.');
    const remove = new Set(change.removeMappingIds);
    const notes = new Map(change.notes.map((n) => [n.mappingId, n.note]));
    const methods = new Map((change.methods ?? []).map((c) => [c.mappingId, c.method]));
    const byCriterion = new Map<string, StoredMapping>();
    for (const m of passage.mappings) {
      if (remove.has(m.id)) continue;
      let next = m;
      const note = notes.get(m.id);
      if (note !== undefined) next = { ...next, note, updatedAt: now };
      // The method is the assessor's judgement of how the criterion was met: whoever changes
      // it answers for the mapping from then on (as re-tagging a criterion already does).
      const method = methods.get(m.id);
      if (method !== undefined && method !== m.method) next = { ...next, method, createdBy: who, updatedAt: now };
      byCriterion.set(m.criterionId, next);
    }
    const before = new Map(passage.mappings.map((m) => [m.criterionId, m]));
    for (const m of dedupe(change.add)) {
      byCriterion.set(m.criterionId, {
        id: mappingId(passageId, m.criterionId), criterionId: m.criterionId, unitId: unitIdOfCriterion(m.criterionId),
        method: m.method, note: m.note, createdBy: who, createdAt: before.get(m.criterionId)?.createdAt ?? now, updatedAt: now,
      });
    }
    if (byCriterion.size === 0) throw new Error('A highlight needs at least one criterion. To remove it, delete the highlight.');
    const stored = storedPassage({ ...passage, updatedAt: now }, [...byCriterion.values()]);
    await db.sheets.put(toSheet(sheet.learnerId, sheet.pageId, sheet.passages.map((p) => (p.id === passageId ? stored : p))));
    // A criterion taken off travels as a deletion (unless it was put straight back on).
    const kept = new Set(stored.mappings.map((m) => m.id));
    await putTombstones(
      db,
      passage.mappings
        .filter((m) => remove.has(m.id) && !kept.has(m.id))
        .map((m) => ({ id: m.id, kind: 'mapping' as const, learnerId: passage.learnerId, passageId, deleted: true, at: now, by: who })),
    );
    return stored;
  });
}

/** How long a deleted passage is kept for Undo. */
export const KEEP_DELETED_MS = 24 * 60 * 60 * 1000;

/**
 * Deletes a passage and its mappings; returns what was deleted so it can be restored (undo).
 * The passage as stored is kept a day in `deletedPassages`, so Undo restores it exactly.
 */
export async function deletePassage(db: EvidenceDb, passageId: string, now = new Date().toISOString(), who = ''): Promise<{ passage: StoredPassage; learnerId: string; url: string; title: string } | null> {
  return db.transaction('rw', db.pages, db.sheets, db.deletedPassages, db.tombstones, async () => {
    const sheet = await sheetOfPassage(db, passageId);
    const passage = sheet?.passages.find((p) => p.id === passageId);
    if (!sheet || !passage) return null;
    const page = await db.pages.get(passage.pageId);
    const left = sheet.passages.filter((p) => p.id !== passageId);
    if (left.length) await db.sheets.put(toSheet(sheet.learnerId, sheet.pageId, left));
    else await db.sheets.delete([sheet.learnerId, sheet.pageId]);
    const url = page?.url ?? '';
    const title = page?.title ?? '';
    const expired = new Date(Date.parse(now) - KEEP_DELETED_MS).toISOString();
    await db.deletedPassages.where('deletedAt').below(expired).delete();
    await db.deletedPassages.put({ passageId, learnerId: sheet.learnerId, pageId: sheet.pageId, url, title, passage, deletedAt: now });
    await putTombstones(db, [{ id: passageId, kind: 'passage', learnerId: sheet.learnerId, deleted: true, at: now, by: who }]);
    return { passage, learnerId: passage.learnerId, url, title };
  });
}

/**
 * Puts a deleted passage back (undo). When the background kept it, exactly as it was stored;
 * otherwise (kept no longer) from `fallback`, what the page sent back, keeping each mapping's
 * author and creation time. A passage already back is returned as it is.
 */
export async function restorePassage(db: EvidenceDb, passageId: string, fallback: NewPassage, now = new Date().toISOString()): Promise<StoredPassage> {
  const restored = await db.transaction('rw', db.pages, db.sheets, db.learners, db.deletedPassages, db.tombstones, async () => {
    const already = (await sheetOfPassage(db, passageId))?.passages.find((p) => p.id === passageId);
    if (already) return already;
    const kept: DeletedPassageRecord | undefined = await db.deletedPassages.get(passageId);
    if (!kept) return undefined;
    if (!(await db.learners.get(kept.learnerId))) throw new Error('That learner no longer exists, so the highlight cannot be restored.');
    // The page record stays when its last passage goes; should it have gone, it is made again.
    const pageId = (await db.pages.get(kept.pageId))?.id ?? (await upsertPage(db, kept.url, kept.title, now)).id;
    // A criterion taken off since (here, or on another machine whose pack came in) stays off.
    const tombs = await db.tombstones.bulkGet(kept.passage.mappings.map((m) => m.id));
    const mappings = kept.passage.mappings.filter((m, i) => isAlive(m, tombs[i]));
    const passage: StoredPassage = { ...kept.passage, mappings, ...(pageId === kept.pageId ? {} : { pageId }) };
    const sheet = await db.sheets.get([kept.learnerId, pageId]);
    await db.sheets.put(toSheet(kept.learnerId, pageId, [...(sheet?.passages ?? []), passage]));
    await db.deletedPassages.delete(passageId);
    // The passage keeps its times, so its Undo is an event of its own, later than the deletion.
    await putTombstones(db, [{ id: passageId, kind: 'passage', learnerId: kept.learnerId, deleted: false, at: now, by: kept.passage.createdBy }]);
    return passage;
  });
  return restored ?? createPassage(db, fallback, now);
}

/** Records how passages anchored on their page (the overlay reports it), for the side panel. */
export async function recordAnchorStatus(db: EvidenceDb, results: { passageId: string; status: 'exact' | 'fuzzy' | 'orphan' }[], now = new Date().toISOString()): Promise<number> {
  return db.transaction('rw', db.sheets, async () => {
    let changed = 0;
    // Results come one page at a time, so they share a sheet or two.
    const sheets = new Map<string, EvidenceSheet>();
    for (const { passageId, status } of results) {
      let sheet = [...sheets.values()].find((s) => s.passageIds.includes(passageId));
      if (!sheet) {
        sheet = await sheetOfPassage(db, passageId);
        if (!sheet) continue;
        sheets.set(sheetKey(sheet.learnerId, sheet.pageId), sheet);
      }
      const i = sheet.passages.findIndex((p) => p.id === passageId);
      if (sheet.passages[i].anchor?.status === status) continue;
      sheet.passages[i] = { ...sheet.passages[i], anchor: { status, at: now } };
      changed++;
    }
    if (changed) await db.sheets.bulkPut([...sheets.values()]);
    return changed;
  });
}
