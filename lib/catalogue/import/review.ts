/**
 * What the options page's review does to an imported specification before it is saved:
 * gives it an id that does not come from the file name (so a new version of the same
 * specification, whatever its file is called, keeps its criteria's ids), rebuilds every
 * criterion id from that spec id, the unit ref and the printed numbers, gives it a
 * qualification (simple rules when the importer read none), and finds which stored
 * specification a new file is a version of.
 */
import { assignCriterionIds } from '../ids';
import type { Level, Qualification, Rules, Specification } from '../model';

/** A spec id from words: lower case, letters, digits and dashes, at most 48 characters. */
export function slugOf(words: string): string {
  return words
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '');
}

/**
 * The id a newly imported specification gets: from its qualification number when it has
 * one ("603/1234/5" gives "q-603-1234-5"), else from its title; never one of `taken`
 * (a clash gets -2, -3...).
 */
export function proposeSpecId(title: string, qualificationNumber: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  const base = (qualificationNumber.trim() ? `q-${slugOf(qualificationNumber)}` : slugOf(title)) || 'imported';
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** True when a spec id can be used in ids: letters, digits and dashes (no colon, which ends it). */
export function validSpecId(id: string): boolean {
  return /^[a-z0-9][a-z0-9-]{0,59}$/.test(id);
}

/** The rules an imported qualification starts with: every unit mandatory, credits their sum. */
export function allMandatoryRules(spec: Specification): Rules {
  const credits = spec.units.reduce((s, u) => s + (u.credit ?? 0), 0);
  return {
    minCredits: credits,
    groups: [{ id: 'M', title: 'Mandatory units', mandatory: true, units: spec.units.map((u) => u.ref) }],
    levelConstraints: [],
    barred: [],
    summary: spec.units.length === 1 ? 'The unit is mandatory.' : `All ${spec.units.length} units are mandatory.`,
  };
}

/** What the review asks of the qualification an imported specification defines. */
export interface QualificationDraft {
  /** Kept from the version replaced, so learners registered on it stay on it whatever its number now says. */
  id?: string;
  title: string;
  number: string;
  level: Level | null;
  glh: number | null;
  rules: Rules;
}

/**
 * The specification as it is saved: its id set, every criterion id rebuilt from the spec
 * id, unit ref and numbers, and its qualifications (each id `${specId}:${number}`, or
 * `${specId}:q` when no number is printed — `q2`, `q3` for a later one — unless the draft
 * keeps a replaced one's id). Returns a copy; the draft is left as it was.
 */
export function finishSpecification(draft: Specification, specId: string, qualifications: QualificationDraft | readonly QualificationDraft[]): Specification {
  const spec: Specification = structuredClone({ ...draft, id: specId });
  for (const unit of spec.units) assignCriterionIds(specId, unit);
  const list = Array.isArray(qualifications) ? qualifications : [qualifications as QualificationDraft];
  spec.qualifications = list.map((qualification, i): Qualification => {
    const number = qualification.number.trim();
    return {
      id: qualification.id ?? `${specId}:${number || (i ? `q${i + 1}` : 'q')}`,
      number,
      title: qualification.title.trim() || spec.title,
      level: qualification.level,
      glh: qualification.glh,
      rules: structuredClone(qualification.rules),
    };
  });
  return spec;
}

/** The words a title is compared by: case, punctuation and spacing ignored. */
export const titleKey = (t: string) => t.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

/**
 * The stored specification a new import is most likely a version of: one sharing a
 * qualification number, else one with the same title (its own or a qualification's).
 * Undefined when none matches.
 */
export function matchExisting<T extends Specification>(imported: Specification, existing: readonly T[]): T | undefined {
  const numbers = new Set(imported.qualifications.map((q) => q.number.trim()).filter(Boolean));
  const byNumber = existing.find((s) => s.qualifications.some((q) => numbers.has(q.number.trim())));
  if (byNumber) return byNumber;
  const titles = new Set([imported.title, ...imported.qualifications.map((q) => q.title)].map(titleKey).filter(Boolean));
  return existing.find((s) => [s.title, ...s.qualifications.map((q) => q.title)].some((t) => titles.has(titleKey(t))));
}
