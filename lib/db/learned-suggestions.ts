/**
 * What `suggest` learns from (lib/search/learned.ts): the confirmed mappings of this
 * profile's database, each as its criterion and its passage's words. Nothing is stored
 * for it but one setting, the moment learning was last reset: the examples are read from
 * the mappings themselves, so a mapping saved or removed changes them at once, and they
 * travel with the tag set when it replicates. They never leave the machine otherwise.
 */
import type { EvidenceDb } from './schema';

/** The setting holding when "Reset learned suggestions" was last used (ISO time), if ever. */
export const LEARNED_FROM = 'suggest-learned-from';

/**
 * Most examples per criterion and in all (the latest), and a passage's words read at most:
 * learning from 2,000 takes the overlay about 0.1 to 0.3 s (`npm run bench -- suggest`).
 */
const PER_CRITERION = 30;
const MAX_TOTAL = 2000;
const MAX_CHARS = 600;

/** One confirmed mapping as learning material. */
export interface LearningExample {
  criterionId: string;
  text: string;
}

/** A short key that changes when the examples do, so the overlay learns again only then. */
export function examplesKey(examples: readonly LearningExample[]): string {
  // FNV-1a over every criterion id and text.
  let h = 0x811c9dc5;
  const mix = (str: string) => {
    for (let i = 0; i < str.length; i++) h = Math.imul(h ^ str.charCodeAt(i), 0x01000193);
    h = Math.imul(h ^ 0, 0x01000193);
  };
  for (const e of examples) {
    mix(e.criterionId);
    mix(e.text);
  }
  return `${examples.length}:${(h >>> 0).toString(36)}`;
}

/** When learning was last reset, if it was. */
export async function learnedFrom(db: EvidenceDb): Promise<string | undefined> {
  const v = (await db.settings.get(LEARNED_FROM))?.value;
  return typeof v === 'string' ? v : undefined;
}

/** The mappings made since the last reset, as examples: the latest per criterion first, at most 30 each. */
export async function learningExamples(db: EvidenceDb): Promise<LearningExample[]> {
  const from = (await learnedFrom(db)) ?? '';
  const all: { criterionId: string; text: string; at: string }[] = [];
  await db.sheets.each((sheet) => {
    for (const p of sheet.passages) {
      for (const m of p.mappings) {
        if (m.createdAt > from && p.quote.trim()) all.push({ criterionId: m.criterionId, text: p.quote.slice(0, MAX_CHARS), at: m.createdAt });
      }
    }
  });
  all.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  const count = new Map<string, number>();
  const out: LearningExample[] = [];
  for (const e of all) {
    const n = count.get(e.criterionId) ?? 0;
    if (n >= PER_CRITERION) continue;
    if (out.length >= MAX_TOTAL) break;
    count.set(e.criterionId, n + 1);
    out.push({ criterionId: e.criterionId, text: e.text });
  }
  return out;
}

/**
 * Forgets what suggestions learned: only mappings made from now on teach them. Returns the
 * previous reset time (or null), which `undoResetLearning` puts back.
 */
export async function resetLearning(db: EvidenceDb, now: string): Promise<string | null> {
  return db.transaction('rw', db.settings, async () => {
    const before = (await learnedFrom(db)) ?? null;
    await db.settings.put({ key: LEARNED_FROM, value: now });
    return before;
  });
}

/** Undoes a reset: what was learned before it counts again. */
export async function undoResetLearning(db: EvidenceDb, previous: string | null): Promise<void> {
  if (previous === null) await db.settings.delete(LEARNED_FROM);
  else await db.settings.put({ key: LEARNED_FROM, value: previous });
}
