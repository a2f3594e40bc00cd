/**
 * An imported specification as the review edits it: every cell a string (a level typed as
 * "Entry 3", a credit left empty), each row with a key that survives edits and the line it
 * was read from. `toSpecification` turns it back into the model, with each problem in words
 * at the cell it belongs to, and checks the result with the catalogue's zod schema.
 */
import { unitKey } from '../catalogue/ids';
import { finishSpecification, titleKey, type QualificationDraft } from '../catalogue/import/review';
import type { Level, Qualification, Rules, Specification } from '../catalogue/model';
import { cleanText, parseLevel } from '../catalogue/parse/text';
import { parseCatalogueJson } from '../catalogue/schema';

export interface DraftCriterion { key: number; number: string; text: string; line?: number }
export interface DraftOutcome { key: number; number: string; title: string; criteria: DraftCriterion[] }
export interface DraftUnit {
  key: number; ref: string; title: string; level: string; credit: string; glh: string; line?: number;
  outcomes: DraftOutcome[]; notes?: { heading: string; text: string }[];
}
/** One qualification of the specification: its fields as typed, and its rules of combination. */
export interface DraftQualification { key: number; title: string; number: string; level: string; glh: string; rules: Rules }

let nextKey = 1;
/** A fresh row key. */
export const rowKey = () => nextKey++;

const levelText = (l: Level | null) => (l === null ? '' : String(l));
const countText = (n: number | null) => (n === null ? '' : String(n));

/** The draft of a specification's units; `lines` maps unit (`unit:${ref}`) and criterion ids to source lines. */
export function draftUnits(spec: Specification, lines: ReadonlyMap<string, number>): DraftUnit[] {
  return spec.units.map((u) => ({
    key: rowKey(), ref: u.ref, title: u.title, level: levelText(u.level), credit: countText(u.credit), glh: countText(u.glh),
    line: lines.get(`unit:${u.ref}`), notes: u.notes,
    outcomes: u.outcomes.map((o) => ({
      key: rowKey(), number: o.number, title: o.title,
      criteria: o.criteria.map((c) => ({ key: rowKey(), number: c.number, text: c.text, line: lines.get(c.id) })),
    })),
  }));
}

/** The draft of a qualification; `rules` when it has none (every unit mandatory, say). */
export function draftQualification(q: { title: string; number: string; level: Level | null; glh: number | null; rules?: Rules } | undefined, fallbackTitle: string, rules?: Rules): DraftQualification {
  return {
    key: rowKey(), title: q?.title ?? fallbackTitle, number: q?.number ?? '', level: levelText(q?.level ?? null), glh: countText(q?.glh ?? null),
    rules: structuredClone(q?.rules ?? rules ?? { minCredits: 0, groups: [], levelConstraints: [], barred: [], summary: '' }),
  };
}

/**
 * The ids of the replaced version's qualifications the drafts keep, so learners registered
 * on them stay on them: matched by number, else by title, else (one on each side) the one.
 */
export function keptQualificationIds(qs: readonly { title: string; number: string }[], replaced: readonly Qualification[]): (string | undefined)[] {
  const free = [...replaced];
  const take = (i: number) => (i < 0 ? undefined : free.splice(i, 1)[0].id);
  const ids: (string | undefined)[] = qs.map((q) => (q.number.trim() ? take(free.findIndex((r) => r.number.trim() === q.number.trim())) : undefined));
  qs.forEach((q, i) => { if (!ids[i] && titleKey(q.title)) ids[i] = take(free.findIndex((r) => titleKey(r.title) === titleKey(q.title))); });
  if (qs.length === 1 && replaced.length === 1 && !ids[0] && free.length) ids[0] = take(0);
  return ids;
}

/** Cell problems, keyed by cell: `u3.ref`, `u3.o1.c2.text`, `q0.title`, `q1.rules` (qualification 2's rules), `spec`. */
export type CellErrors = Map<string, string>;

/** A cell's key. */
export const cellKey = (u: number, field: string, o?: number, c?: number) =>
  c !== undefined ? `u${u}.o${o}.c${c}.${field}` : o !== undefined ? `u${u}.o${o}.${field}` : `u${u}.${field}`;

const LEVEL_WORDS = 'is not a level: write a number from 1 to 8, or Entry 1, Entry 2 or Entry 3';

function levelOf(s: string, errors: CellErrors, key: string): Level | null {
  if (!s.trim()) return null;
  const l = parseLevel(s);
  if (l === null) errors.set(key, `"${s}" ${LEVEL_WORDS}`);
  return l;
}

function countOf(s: string, errors: CellErrors, key: string, what: string): number | null {
  const t = s.trim();
  if (!t) return null;
  if (!/^\d{1,5}$/.test(t)) {
    errors.set(key, `${what} must be a whole number (or left empty), not "${s}"`);
    return null;
  }
  return Number(t);
}

/** Maps a schema path (`specifications[0].units[2].outcomes[0].criteria[1].text`) to a cell key. */
function cellOfPath(issue: string): string {
  const m = /^specifications\[0\]\.units\[(\d+)\](?:\.outcomes\[(\d+)\](?:\.criteria\[(\d+)\])?)?\.?(\w+)?/.exec(issue);
  if (!m) {
    const q = /^specifications\[0\]\.qualifications\[(\d+)\]/.exec(issue);
    return q ? `q${q[1]}.rules` : 'spec';
  }
  const [, u, o, c, field] = m;
  if (c !== undefined) return cellKey(+u, field === 'id' ? 'number' : field ?? 'text', +o, +c);
  if (o !== undefined) return cellKey(+u, field ?? 'number', +o);
  return cellKey(+u, field ?? 'ref');
}

/**
 * The specification the draft describes, or the problems that stop it being saved. The
 * criterion ids are rebuilt from `specId`, unit refs and numbers (finishSpecification).
 */
export function toSpecification(
  source: { id: string; source: string; title: string },
  units: readonly DraftUnit[],
  qualifications: readonly DraftQualification[],
  specId: string,
  /** The qualifications of the version replaced: their ids are kept for their learners (keptQualificationIds). */
  replaced: readonly Qualification[] = [],
): { spec: Specification | null; errors: CellErrors } {
  const errors: CellErrors = new Map();
  if (!/^[a-z0-9][a-z0-9-]{0,59}$/.test(specId)) errors.set('spec', `The specification id "${specId}" may hold only lower-case letters, digits and dashes`);
  if (!qualifications.length) errors.set('spec', 'The specification has no qualification: add one');
  qualifications.forEach((q, qi) => {
    if (!q.title.trim()) errors.set(`q${qi}.title`, 'The qualification needs a title');
    const number = q.number.trim();
    const same = qualifications.findIndex((o) => (number ? o.number.trim() === number : !o.number.trim() && titleKey(o.title) === titleKey(q.title)));
    if (q.number.includes(':')) errors.set(`q${qi}.number`, 'The qualification number cannot hold a colon');
    else if (same < qi) errors.set(`q${qi}.${number ? 'number' : 'title'}`, `Qualification ${same + 1} has the same ${number ? 'number' : 'title'}`);
  });
  if (!units.length) errors.set('spec', 'The specification has no units: add one, or cancel');
  const seen = new Map<string, number>();
  const out: Specification = { ...source, id: specId, qualifications: [], units: [] };
  units.forEach((u, ui) => {
    const ref = cleanText(u.ref);
    if (!ref) errors.set(cellKey(ui, 'ref'), 'The unit ref is empty');
    else if (ref.includes(':')) errors.set(cellKey(ui, 'ref'), 'A unit ref cannot hold a colon');
    else if (seen.has(unitKey(ref))) errors.set(cellKey(ui, 'ref'), `Unit ${seen.get(unitKey(ref))! + 1} has the same ref`);
    else seen.set(unitKey(ref), ui);
    const level = levelOf(u.level, errors, cellKey(ui, 'level'));
    const credit = countOf(u.credit, errors, cellKey(ui, 'credit'), 'Credit');
    const glh = countOf(u.glh, errors, cellKey(ui, 'glh'), 'GLH');
    const outcomes = u.outcomes.map((o, oi) => {
      if (!o.number.trim()) errors.set(cellKey(ui, 'number', oi), 'The outcome number is empty');
      return {
        number: o.number.trim(), title: cleanText(o.title),
        criteria: o.criteria.map((c, ci) => {
          const number = c.number.trim().replace(/\.$/, '');
          if (!number) errors.set(cellKey(ui, 'number', oi, ci), 'The criterion number is empty');
          else if (/[:~]/.test(number)) errors.set(cellKey(ui, 'number', oi, ci), 'A criterion number cannot hold ":" or "~"');
          if (!cleanText(c.text)) errors.set(cellKey(ui, 'text', oi, ci), "The criterion's words are empty");
          return { id: '', number, text: cleanText(c.text) };
        }),
      };
    });
    out.units.push({ ref, title: cleanText(u.title), level, credit, glh, outcomes, ...(u.notes?.length ? { notes: u.notes } : {}) });
  });
  const refs = new Set(out.units.map((u) => unitKey(u.ref)));
  const kept = keptQualificationIds(qualifications, replaced);
  const drafts: QualificationDraft[] = qualifications.map((q, qi) => {
    const unknown = q.rules.groups.flatMap((g) => g.units).concat(q.rules.barred.flatMap((b) => b.units)).filter((r) => !refs.has(unitKey(r)));
    if (unknown.length) errors.set(`q${qi}.rules`, `The rules name ${unknown.length === 1 ? 'a unit' : 'units'} this specification does not have: ${[...new Set(unknown)].join(', ')}`);
    return {
      ...(kept[qi] ? { id: kept[qi] } : {}),
      title: q.title, number: q.number,
      level: levelOf(q.level, errors, `q${qi}.level`), glh: countOf(q.glh, errors, `q${qi}.glh`, 'GLH'), rules: q.rules,
    };
  });
  if (errors.size) return { spec: null, errors };
  const spec = finishSpecification(out, specId, drafts);
  spec.qualifications.forEach((q, qi) => {
    const first = spec.qualifications.findIndex((o) => o.id === q.id);
    if (first < qi) errors.set(`q${qi}.number`, `Qualification ${first + 1} already has the id ${q.id}: give this one its own number`);
  });
  if (errors.size) return { spec: null, errors };
  try {
    parseCatalogueJson({ formatVersion: 1, specifications: [spec] });
  } catch (e) {
    for (const issue of (e as { issues?: string[] }).issues ?? [String(e)]) {
      const key = cellOfPath(issue);
      if (!errors.has(key)) errors.set(key, issue.replace(/^[^:]*: /, ''));
    }
    return { spec: null, errors };
  }
  return { spec, errors };
}
