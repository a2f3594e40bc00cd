/**
 * What an import changed, as the lists the import summary shows: one list per kind of
 * change (passages added, changed, deleted; criteria mapped, changed, taken off; IV
 * decisions; sign-offs), each line naming the passage by the start of its quote and its
 * page, the criterion by its code, a decision by agree/refer, who and on what. Pure, so the
 * wording is tested without a page.
 */
import type { ImportChanges, MappingNote, PassageNote } from './import';
import { criterionCode, localPartOf } from '../catalogue/ids';
import type { DecisionRecord } from '../db/records';

/** One list of the summary: a heading, its first lines, and how many there are in all. */
export interface ChangeList {
  heading: string;
  lines: string[];
  /** How many changes of this kind, of which `lines` are the first. */
  total: number;
}

/** The first words of a quote, at most `max` characters, on one line. */
export function quoteStart(quote: string, max = 60): string {
  const one = quote.replace(/\s+/g, ' ').trim();
  return one.length <= max ? one : `${one.slice(0, max - 1).trimEnd()}…`;
}

/** What a decision is on, in words: a criterion's code, a unit's key, or a qualification. */
function targetOf(d: DecisionRecord): string {
  if (d.target.type === 'mapping') {
    const criterion = d.snapshot?.criterionId ?? d.target.id.slice(d.target.id.indexOf('|') + 1);
    return criterionCode(criterion);
  }
  if (d.target.type === 'unit') return `unit ${localPartOf(d.target.id)}`;
  return `qualification ${localPartOf(d.target.id)} (rules of combination)`;
}

/**
 * The lists of an import's changes, in the order a reader wants them; empty lists are left
 * out. Each has at most `limit` lines (a restore of a whole backup adds thousands): the
 * total says how many there are.
 */
export function changeLists(changes: ImportChanges, limit = 100): ChangeList[] {
  const learner = (id: string) => changes.learnerNames[id] ?? id;
  const page = (id: string) => changes.pageTitles[id] || 'a page';
  const passage = (p: PassageNote) => `“${quoteStart(p.quote)}” on ${page(p.pageId)} (${learner(p.learnerId)})`;
  const mapping = (m: MappingNote) => `${criterionCode(m.criterionId)} (${m.method}) on “${quoteStart(m.quote)}”, ${page(m.pageId)} (${learner(m.learnerId)})`;
  const decision = (d: DecisionRecord) =>
    `${d.decision === 'agree' ? 'Agreed' : 'Referred'} by ${d.verifier || 'the IV'} on ${targetOf(d)} (${learner(d.learnerId)})${d.decision === 'refer' && d.reason ? `: ${d.reason}` : ''}`;
  const list = <T>(heading: string, items: readonly T[], line: (x: T) => string): ChangeList => ({ heading, lines: items.slice(0, limit).map(line), total: items.length });
  const lists: ChangeList[] = [
    list('New passages', changes.passagesAdded, (p) => `${passage(p)}${p.restored ? ' (its deletion was undone)' : ''}`),
    list('Changed passages', changes.passagesChanged, passage),
    list('Deleted passages', changes.passagesDeleted, passage),
    list('Criteria mapped', changes.mappingsAdded, mapping),
    list('Mappings changed (method or note)', changes.mappingsChanged, mapping),
    list('Criteria taken off', changes.mappingsRemoved, mapping),
    list('IV decisions', changes.decisions, decision),
    list('IV decisions withdrawn', changes.decisionsWithdrawn, decision),
    list('Units signed off', changes.signoffs, (s) => `Unit ${localPartOf(s.unitId)} signed off by ${s.assessor || 'the assessor'} (${learner(s.learnerId)})`),
    list('Sign-offs withdrawn', changes.signoffsWithdrawn, (s) => `Unit ${localPartOf(s.unitId)} (${learner(s.learnerId)})`),
  ];
  return lists.filter((l) => l.total > 0);
}
