/**
 * Shared by the HABC and Ascentis parsers: reads the rows of a "Learning Outcomes /
 * Assessment Criteria" table (tab-separated, with HTML or plain cells, 2 to 4 columns,
 * split across pages) into outcomes and criteria, and holds the explicit overrides shape.
 * Numbers printed twice in one outcome are kept, the later copies marked for `~2` ids.
 */
import type { Level, Outcome, ParseWarning } from '../model';
import { cleanText, splitCriteria } from './text';
import { criterionId } from '../ids';

/** An explicit correction or completion of one unit, with the reason it is needed. */
export interface UnitOverride {
  /** Why the document needs this: shown to whoever maintains the catalogue. */
  reason: string;
  ref?: string;
  title?: string;
  level?: Level;
  credit?: number;
  glh?: number | null;
}

/** Explicit corrections for one specification, kept as data in `data/sources/`. */
export interface SpecOverrides {
  /**
   * Keyed by the unit's ref as printed on its page or, where it prints none, its title; a
   * unit whose heading was lost (its criteria following another unit) by `after <that
   * unit's ref>`, or `after <title>` where the unit before has no ref.
   */
  units?: Record<string, UnitOverride>;
}

/** Records a warning at a 1-based line. */
export type Warn = (line: number, code: string, message: string) => void;

/** Makes a warning list and the function that adds to it. */
export function warningList(): { warnings: ParseWarning[]; warn: Warn } {
  const warnings: ParseWarning[] = [];
  return { warnings, warn: (line, code, message) => warnings.push({ line, code, message }) };
}

interface DraftCriterion {
  number: string;
  text: string;
  copy: number;
  line: number;
}
interface DraftOutcome {
  number: string;
  title: string;
  line: number;
  criteria: DraftCriterion[];
}

/** A criterion number at the start of a cell ("1.1", "1.1.", "1.1 Explain"). */
const CRITERION_START = /^\d{1,2}\.\d{1,2}\b/;
/** An outcome cell: its number ("1", "1.") and title. */
const OUTCOME_CELL = /^(\d{1,2})\.?(?:\s+|$)(.*)$/s;
/** What looks like another outcome's criterion inside a criterion's words. */
const STRAY_NUMBER = /(?:^|\s)(\d{1,2}\.\d{1,2})\.?\s+\p{Lu}/u;

/**
 * Splits a table row into its outcome part and its criteria part. The criteria part
 * starts at the first cell that begins with a criterion number, so the same code reads
 * "1<tab>Title<tab>1.1<tab>Words", "1 Title<tab>1.1 Words" and "<p>1. Title</p><tab><p>1.1...".
 */
export function splitRow(line: string): { outcome: string; criteria: string } {
  const cells = line.split('\t').map((c) => cleanText(c));
  let at = cells.findIndex((c) => CRITERION_START.test(c));
  // No criterion on this row: a bare outcome number keeps its title cell with it.
  if (at < 0) at = /^\d{1,2}\.?$/.test(cells[0]) ? 2 : 1;
  const join = (cs: string[]) => cs.filter((c) => c !== '').join(' ');
  return { outcome: join(cells.slice(0, at)), criteria: join(cells.slice(at)) };
}

/** Gathers one unit's outcomes and criteria as the rows come, reporting what is odd. */
export class OutcomeCollector {
  private outcomes: DraftOutcome[] = [];
  private current: DraftOutcome | null = null;

  constructor(private readonly warn: Warn) {}

  /** True once any outcome has been read. */
  get hasOutcomes(): boolean {
    return this.outcomes.length > 0;
  }

  /** Reads one table row (raw line, tabs intact). */
  row(line: string, lineNo: number): void {
    const { outcome, criteria } = splitRow(line);
    if (outcome) this.outcomeCell(outcome, lineNo);
    if (criteria) this.criteria(criteria, lineNo);
  }

  /** Reads an outcome cell or heading printed outside a table ("3. Be able to ..."). */
  outcomeCell(cell: string, lineNo: number): void {
    const m = OUTCOME_CELL.exec(cleanText(cell));
    if (!m) {
      // No number: the outcome's title wrapped onto this row.
      if (this.current) this.current.title = `${this.current.title} ${cleanText(cell)}`.trim();
      else this.warn(lineNo, 'outcome-no-number', `Outcome cell without a number: "${cleanText(cell)}"`);
      return;
    }
    const [, number, title] = m;
    if (this.current && this.current.number === number) {
      // The outcome printed again after a page break: the same outcome continues.
      if (title && title !== this.current.title) {
        this.warn(lineNo, 'outcome-title-differs', `Outcome ${number} printed again as "${title}"`);
      }
      return;
    }
    if (this.outcomes.some((o) => o.number === number)) {
      this.warn(lineNo, 'duplicate-outcome', `Outcome ${number} printed a second time; kept as another outcome`);
    }
    if (!title) this.warn(lineNo, 'outcome-no-title', `Outcome ${number} has no title`);
    this.current = { number, title, line: lineNo, criteria: [] };
    this.outcomes.push(this.current);
  }

  /** Reads a criteria cell, bullet or wrapped line: one or more numbered criteria. */
  criteria(cell: string, lineNo: number): void {
    if (!this.current) {
      // Criteria before any outcome: the outcome heading was lost.
      const first = splitCriteria(cell).pieces[0];
      if (!first) {
        this.warn(lineNo, 'orphan-text', `Text before any outcome: "${cleanText(cell)}"`);
        return;
      }
      const number = first.number.split('.')[0];
      this.warn(lineNo, 'lost-outcome-heading', `Criteria ${first.number}... have no outcome heading; outcome ${number} made without a title`);
      this.current = { number, title: '', line: lineNo, criteria: [] };
      this.outcomes.push(this.current);
    }
    const current: DraftOutcome = this.current;
    const own = splitCriteria(cell, current.number);
    const all = splitCriteria(cell);
    if (own.pieces.length === 0 && all.pieces.length > 0 && all.lead === '') {
      // A continuation row whose criteria belong to another outcome: its heading was lost.
      const number = all.pieces[0].number.split('.')[0];
      this.warn(lineNo, 'lost-outcome-heading', `Criteria ${all.pieces[0].number}... follow outcome ${current.number} with no heading of their own; outcome ${number} made without a title`);
      this.current = { number, title: '', line: lineNo, criteria: [] };
      this.outcomes.push(this.current);
      this.criteria(cell, lineNo);
      return;
    }
    if (own.lead) this.wrap(own.lead, lineNo);
    for (const p of own.pieces) this.add(p.number, p.text, lineNo);
  }

  /** Adds words that wrapped onto a new line to the last criterion. */
  wrap(text: string, lineNo: number): void {
    const last = this.current?.criteria.at(-1);
    if (!last) {
      this.warn(lineNo, 'orphan-text', `Text with no criterion to belong to: "${cleanText(text)}"`);
      return;
    }
    last.text = `${last.text} ${cleanText(text)}`.trim();
    this.checkStray(last, lineNo);
  }

  private add(number: string, text: string, lineNo: number): void {
    const current = this.current!;
    const copy = current.criteria.filter((c) => c.number === number).length + 1;
    if (copy > 1) {
      this.warn(lineNo, 'duplicate-number', `Criterion ${number} printed ${copy} times in outcome ${current.number}; both kept (copy ${copy} gets ~${copy})`);
    }
    if (!text) this.warn(lineNo, 'criterion-no-text', `Criterion ${number} has no words`);
    const c: DraftCriterion = { number, text, copy, line: lineNo };
    current.criteria.push(c);
    this.checkStray(c, lineNo);
  }

  private checkStray(c: DraftCriterion, lineNo: number): void {
    const m = STRAY_NUMBER.exec(c.text);
    if (m) this.warn(lineNo, 'stray-number', `Criterion ${c.number} contains "${m[1]}", which looks like another outcome's criterion`);
  }

  /** The outcomes with criterion ids, once the unit's ref is known. */
  finish(specId: string, unitRef: string): Outcome[] {
    for (const o of this.outcomes) {
      if (o.criteria.length === 0) this.warn(o.line, 'outcome-no-criteria', `Outcome ${o.number} has no criteria`);
    }
    return this.outcomes.map((o) => ({
      number: o.number,
      title: o.title,
      criteria: o.criteria.map((c) => ({
        id: criterionId(specId, unitRef, c.number, c.copy),
        number: c.number,
        text: c.text,
      })),
    }));
  }
}

/** A title compared loosely: case and apostrophe forms ignored, hyphens and spaces kept. */
export function titleKey(title: string): string {
  return cleanText(title).toLowerCase().replace(/[’‘`]/g, "'").replace(/\s+/g, ' ').trim();
}

/** A unit ref as the QCF prints it: letter / three digits / four digits. */
export const REF = /^[A-Z]\/\d{3}\/\d{4}$/;
/** A unit ref as printed, allowing a lost slash or spaces ("M601/6059"). */
const LOOSE_REF = /^([A-Z])\s*\/?\s*(\d{3})\s*\/?\s*(\d{4})$/;

/** Normalises a loosely printed ref to "M/601/6059"; null when it is not a ref at all. */
export function normaliseRef(s: string): string | null {
  const m = LOOSE_REF.exec(s.trim());
  return m ? `${m[1]}/${m[2]}/${m[3]}` : null;
}
