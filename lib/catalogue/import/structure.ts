/**
 * Lines to units, learning outcomes and assessment criteria: the general importer's core.
 * It knows how qualification specifications are laid out, not which body wrote one, so no
 * rule here names a document. What it reads:
 *
 * - a unit starts at a heading "Unit CU795 Title" / "Unit 12: Title", at a "Title" or
 *   "Unit title" field, at a reference field ("Unit reference number", "UAN", "Unit
 *   number", "<body> Reference") once the previous unit has criteria, or at a heading
 *   (markdown "###", a bold line) followed by unit fields (level, credit, GLH);
 * - fields as "Key: value", "Key<tab>value", "Credit value 4", or a label alone on its
 *   line with the value on the next;
 * - outcomes and criteria only inside a "Learning outcomes / Assessment criteria" section,
 *   which ends at a section heading (range, indicative content, guidance, evidence
 *   requirements, tracking sheet...), so those are never read as criteria;
 * - table rows flattened to text: cells split by tabs, HTML paragraphs or markdown pipes;
 *   a row whose first cell is empty continues the outcome above (a table split across
 *   pages), a repeated header row is skipped, criteria glued into one cell are split on
 *   their numbering, a number printed twice ("1.1 1.1 Explain") counts once;
 * - what a unit page leaves out is looked up elsewhere in the document: its reference in a
 *   table that lists the unit by title, its level and credit in a table that lists its
 *   reference, its title in the contents. A table continued after a unit's closing section
 *   with no heading of its own is a unit whose heading page was lost: it takes the
 *   contents' next unit that has no page of its own.
 *
 * One file for now (652 lines): parseStructure is one pass over the lines carrying its state
 * (the unit, section, outcome and table being read), and the rules above act on that state
 * together; what does not need it is apart (vocabulary.ts, lines.ts, html.ts, csv.ts). The
 * next step for the PDF and Word readers is to split it into a line classifier and a unit
 * builder.
 */
import { assignCriterionIds } from '../ids';
import type { Level, Outcome, Specification, Unit } from '../model';
import { cleanText, parseLevel, splitCriteria } from '../parse/text';
import type { ImportWarning, SourceLine } from './lines';
import {
  type Field,
  fieldOf,
  FORM_COLUMN,
  HEADER_CELL,
  headerRoles,
  isRef,
  isRule,
  looseText,
  normaliseRef,
  OPENS_CRITERIA,
  OUTCOME_HEADING,
  QCF_REF,
  QUALIFICATION_TITLE,
  REF_TOKEN,
  SECTION_END,
  specIdFromName,
  splitCells,
  startsSentence,
  toCount,
  UNIT_HEADING,
  type UnitRow,
} from './vocabulary';

export { looseText } from './vocabulary';

/** What the importer returns: the specification and every warning with its place. */
export interface ImportResult {
  specification: Specification;
  warnings: ImportWarning[];
  /** The document's lines as read (a warning's `line` is its index + 1), for showing the source beside the result. */
  lines?: SourceLine[];
}

/** A document the importer cannot read; the message says why, for the user. */
export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportError';
  }
}


interface Draft {
  line: number;
  page: number;
  headingRef?: string;
  seq?: string;
  title?: string;
  titleFromField?: boolean;
  refs: string[];
  level?: Level | null;
  credit?: number | null;
  glh?: number | null;
  /** The plain line just before the unit's first field: its title when nothing else names it. */
  lineBefore?: string;
  outcomes: Outcome[];
  /** The section that held the criteria has ended (range, guidance, evidence...). */
  closed: boolean;
  /** Started by a table row with no heading of its own. */
  lost?: { after?: Draft };
  notes?: { heading: string; text: string }[];
  /** A contents entry (a heading line ending in a page number). */
  contents?: boolean;
}

/**
 * Reads a specification's lines into units, outcomes and criteria.
 * `name` is the file name: the specification's id and fallback title come from it.
 */
export function parseStructure(lines: SourceLine[], name: string): ImportResult {
  const warnings: ImportWarning[] = [];
  const warn = (l: { line: number; page?: number }, code: string, message: string) =>
    warnings.push({ line: l.line, page: l.page, code, message });

  const drafts: Draft[] = [];
  const unitRows: UnitRow[] = [];
  let cur = null as Draft | null;
  let inCriteria = false;
  let inForm = false;
  /** Where the criteria column starts in a unit laid out with spaces. */
  let criteriaColumn = undefined as number | undefined;
  let outcome = null as Outcome | null;
  /** What a wrapped line continues: the last outcome title or criterion read. */
  let last = null as { readonly text: string; set: (t: string) => void } | null;
  let pending = null as string | null;
  let roles: ReturnType<typeof headerRoles> = null;
  let prevPlain: string | undefined;
  let docTitle: string | undefined;

  let note = null as { heading: string; text: string } | null;
  const start = (l: SourceLine, init: Partial<Draft>): Draft => {
    note = null;
    criteriaColumn = undefined;
    const d: Draft = { line: l.line, page: l.page, refs: [], outcomes: [], closed: false, ...init };
    drafts.push(d);
    cur = d;
    inCriteria = false;
    inForm = false;
    outcome = null;
    last = null;
    pending = null;
    return d;
  };

  const hasCriteria = (d: Draft | null) => !!d && d.outcomes.some((o) => o.criteria.length > 0);

  const setField = (l: SourceLine, field: Field, value: string) => {
    const v = value.trim();
    const d = cur;
    if (field === 'title') {
      if (!v) return;
      if (!d || hasCriteria(d) || d.contents || (d.title && d.titleFromField)) start(l, { title: v, titleFromField: true });
      else if (!d.title) {
        d.title = v;
        d.titleFromField = true;
      }
      inCriteria = false;
      return;
    }
    if (field === 'ref') {
      if (!v || /^(n\/a|-|tbc|none)$/i.test(v)) return;
      if (!isRef(v)) return;
      if (!d || hasCriteria(d) || d.contents) start(l, { refs: [normaliseRef(v)], lineBefore: prevPlain });
      else d.refs.push(normaliseRef(v));
      inCriteria = false;
      return;
    }
    if (!d || hasCriteria(d)) {
      // A level or credit line after a unit's criteria, or before any unit: a new unit's
      // first field when a heading line precedes it.
      if (!v) return;
      if (!d) return;
      start(l, { lineBefore: prevPlain });
    }
    const target = cur as Draft;
    if (field === 'level') {
      if (target.level == null) target.level = v ? parseLevel(v) : null;
    } else if (field === 'credit') {
      if (target.credit == null) target.credit = v ? toCount(v) : null;
    } else if (target.glh == null) target.glh = v ? toCount(v) : null;
  };

  const newOutcome = (l: SourceLine, number: string, title: string) => {
    const d = cur as Draft;
    const o: Outcome = { number, title, criteria: [] };
    const prev = d.outcomes.find((x) => x.number === number);
    if (prev && prev.criteria.length === 0 && !prev.title) {
      prev.title = title;
      outcome = prev;
    } else {
      if (prev) warn(l, 'repeated-outcome', `Learning outcome ${number} is printed twice in one unit; both kept`);
      d.outcomes.push(o);
      outcome = o;
    }
    const target = outcome as Outcome;
    last = { get text() { return target.title; }, set: (t) => (target.title = t) };
  };

  const addCriterion = (l: SourceLine, number: string, text: string, major?: string) => {
    const d = cur as Draft;
    const o0 = outcome as Outcome | null;
    if (major !== undefined && (!o0 || o0.number !== major)) {
      const existing = d.outcomes.find((x) => x.number === major);
      if (existing) outcome = existing;
      else {
        warn(l, 'missing-outcome', `Criterion ${number} comes before any learning outcome ${major}: outcome ${major} kept with no title`);
        const o: Outcome = { number: major, title: '', criteria: [] };
        d.outcomes.push(o);
        outcome = o;
      }
    } else if (!o0) {
      warn(l, 'missing-outcome', `Criterion ${number} comes before any learning outcome: kept under an outcome with no title`);
      const o: Outcome = { number: String(d.outcomes.length + 1), title: '', criteria: [] };
      d.outcomes.push(o);
      outcome = o;
    }
    const o = outcome as unknown as Outcome;
    const prev = o.criteria[o.criteria.length - 1];
    if (prev && prev.number === number && looseText(prev.text) === looseText(text)) {
      warn(l, 'duplicate-criterion', `Criterion ${number} is printed twice with the same words: kept once`);
      return;
    }
    if (o.criteria.some((c) => c.number === number)) {
      warn(l, 'repeated-number', `Criterion number ${number} is printed twice in outcome ${o.number} with different words: both kept`);
    }
    const c = { id: '', number, text };
    o.criteria.push(c);
    last = { get text() { return c.text; }, set: (t) => (c.text = t) };
  };

  /** Reads one cell of a criteria table. */
  const readCell = (l: SourceLine, cell0: string, ownLine: boolean) => {
    let cell = cell0;
    if (!cell || !/[\p{L}\d]/u.test(cell) || HEADER_CELL.test(cell)) return;
    cell = cell.replace(/^(?:learning outcomes?\s+)?(?:the learner will(?: be able to)?:?\s+)/i, '');
    cell = cell.replace(/^(?:assessment criteria\s+)?(?:the learner can:?\s+)/i, '');
    if (pending && /^\d/.test(cell)) {
      const bare = (n: string) => n.replace(/\.$/, '');
      const next = /^(\d{1,2}(?:\.\d{1,2})?)\.?(?=\s|$)/.exec(cell)?.[1];
      if (next && bare(next) === bare(pending)) warn(l, 'duplicate-number', `Number ${bare(pending)} is printed twice: read once`);
      else warn(l, 'empty-number', `Number ${pending} is printed with no words after it: left out`);
      pending = null;
    }
    if (pending) {
      cell = `${pending} ${cell}`;
      pending = null;
    }
    // "AC 1.1 Explain", "1.1: Explain", "1.1) Explain", "LO1 Understand": the bare number.
    cell = cell.replace(/^(?:AC|LO)\s?(?=\d)/i, '').replace(/^(\d{1,2}(?:\.\d{1,2})?)\s*[:)–-]\s+/, '$1 ');
    // A number printed twice: "1.1 1.1 Explain", "2. 2. Understand".
    const twice = /^(\d{1,2}(?:\.\d{1,2})?)\.?\s+\1\.?(\s+|$)/.exec(cell);
    if (twice) {
      warn(l, 'duplicate-number', `Number ${twice[1]} is printed twice: read once`);
      cell = cell.slice(twice[0].length - twice[2].length).replace(/^\s+/, '');
      cell = `${twice[1]} ${cell}`.trim();
    }
    if (/^\d{1,2}(?:\.\d{1,2})?\.?$/.test(cell) || (outcome && /^\(?(?:[a-h]|[ivx]{1,4})[.)]?$/.test(cell) && /[.)]/.test(cell))) {
      pending = cell;
      return;
    }
    const crit = /^(\d{1,2})\.(\d{1,2})\.?(?=\s*\S)/.exec(cell);
    if (crit) {
      const major = crit[1];
      const { lead, pieces } = splitCriteria(cell, major);
      if (lead && last) last.set(`${last.text} ${lead}`.trim());
      for (const p of pieces) addCriterion(l, p.number, p.text, major);
      return;
    }
    const out = /^(\d{1,2})\.?\s+(?=[\p{L}(“"‘'])(.*)$/u.exec(cell);
    if (out) {
      const number = String(Number(out[1]));
      const { lead, pieces } = splitCriteria(out[2], number);
      newOutcome(l, number, lead);
      for (const p of pieces) addCriterion(l, p.number, p.text, number);
      return;
    }
    const letter = /^\(?([a-h]|[ivx]{1,4})[.)]\s+(.+)$/.exec(cell);
    if (letter && outcome) {
      addCriterion(l, letter[1], letter[2]);
      return;
    }
    // A sentence on its own line under an outcome's title ("“Build” includes building from
    // scratch..."): a note on the outcome, not more of its title.
    if (ownLine && last && outcome && last.text === outcome.title && outcome.criteria.length === 0 && startsSentence(cell, last.text)) {
      const d = cur as Draft;
      (d.notes ??= []).push({ heading: `Outcome ${outcome.number}`, text: cell });
      warn(l, 'outcome-note', `"${cell.slice(0, 60)}" under learning outcome ${outcome.number} is read as a note, not as part of its title`);
      return;
    }
    // Words without a number: the rest of the cell above (a wrapped line).
    if (last) last.set(`${last.text} ${cell}`.replace(/\s+/g, ' ').trim());
  };

  const nextNonBlank = (i: number, max: number): { cells: string[]; raw: string }[] => {
    const out: { cells: string[]; raw: string }[] = [];
    for (let j = i + 1; j < lines.length && out.length < max; j++) {
      const raw = lines[j].text;
      const cells = splitCells(raw);
      if (!cells.some((c) => c) || isRule(cells)) continue;
      out.push({ cells, raw });
    }
    return out;
  };

  const isHeadingLine = (raw: string, cells: string[]) => {
    const nonEmpty = cells.filter((c) => c);
    if (nonEmpty.length !== 1) return false;
    return /^\s*#{1,6}\s/.test(raw) || /^\s*(\*\*|__)[^*_]+(\*\*|__)\s*$/.test(raw) || /^\s*<h[1-6]\b/i.test(raw);
  };

  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    const raw = l.text;
    const cells = splitCells(raw);
    const nonEmpty = cells.filter((c) => c);
    if (!nonEmpty.length || isRule(cells)) continue;
    const joined = nonEmpty.join(' ');
    // The document's title: an early line naming a qualification ("Level 2 Diploma in
    // Care"), with its next line when it breaks after "for", "in", "and".
    if (!docTitle && i < 120 && nonEmpty.length === 1 && joined.length < 140 && QUALIFICATION_TITLE.test(joined) && !/www\.|https?:|@|\.com\b/i.test(joined)) {
      docTitle = joined;
      if (/\b(?:for|in|and|of|to)$/i.test(joined)) {
        const next = nextNonBlank(i, 1)[0];
        if (next) docTitle = `${joined} ${next.cells.filter((c) => c).join(' ')}`;
      }
    }

    // Tables that list units: remember rows for refs, levels and credits.
    if (nonEmpty.length >= 3) {
      const r = headerRoles(cells.map((c) => c.trim()));
      if (r) roles = r;
      else {
        const row: UnitRow = { cells: nonEmpty };
        const refCell = nonEmpty.find((c) => isRef(c) && !/^\d+$/.test(c));
        if (refCell) row.ref = normaliseRef(refCell);
        if (roles) {
          const at = (k?: number) => (k === undefined ? undefined : cells[k]?.trim());
          const lv = at(roles.level);
          const cr = at(roles.credit);
          const gl = at(roles.glh);
          if (lv) row.level = parseLevel(lv);
          if (cr && /^\d+$/.test(cr)) row.credit = Number(cr);
          if (gl && /^\d+$/.test(gl)) row.glh = Number(gl);
        }
        unitRows.push(row);
      }
    } else if (nonEmpty.length === 1 && !/^\s/.test(raw)) roles = null;

    // "Unit CU795 Title", "Unit 3: Title", contents entries "UNIT CU791 - Title<tab>27".
    const headingCells = nonEmpty.length > 1 && /^\d+$/.test(nonEmpty[nonEmpty.length - 1]) ? nonEmpty.slice(0, -1) : nonEmpty;
    // "Unit 201<tab>Title": the heading printed as two cells.
    const headingText =
      headingCells.length === 2 && new RegExp(String.raw`^unit\s+${REF_TOKEN}\s*[:.]?$`, 'i').test(headingCells[0]) ? headingCells.join(' ') : headingCells.length === 1 ? headingCells[0] : '';
    const uh = headingText ? UNIT_HEADING.exec(headingText) : null;
    if (uh && !/^(?:title|reference|number|code|no)\b/i.test(uh[2])) {
      const ref = uh[1].trim();
      const numeric = /^\d+$/.test(ref);
      start(l, {
        headingRef: numeric ? undefined : normaliseRef(ref),
        seq: numeric ? ref : undefined,
        title: uh[2].replace(/\s+\d+$/, '').trim(),
        contents: headingCells.length < nonEmpty.length,
      });
      prevPlain = undefined;
      continue;
    }

    // Fields: on one line, or a label alone with its value on the next line.
    const f = fieldOf(cells);
    if (f && !(inCriteria && /^\d/.test(nonEmpty[0]))) {
      let value = f.value;
      if (f.labelOnly) {
        const next = nextNonBlank(i, 1)[0];
        if (next && !fieldOf(next.cells) && !SECTION_END.test(next.cells.filter((c) => c).join(' ')) && !OPENS_CRITERIA.test(next.cells.filter((c) => c)[0] ?? '')) {
          value = next.cells.filter((c) => c).join(' ');
          // Skip the value line.
          let j = i + 1;
          while (j < lines.length && !splitCells(lines[j].text).some((c) => c)) j++;
          i = j;
        }
      }
      setField(l, f.field, value);
      continue;
    }

    // A heading followed by unit fields: a unit's title ("### Introduction to care").
    if (isHeadingLine(raw, cells) || (nonEmpty.length === 1 && !inCriteria && !/^\d/.test(joined) && joined.length < 120 && !/[.;:,]$/.test(joined))) {
      const ahead = nextNonBlank(i, 4);
      let fields = 0;
      // A field counts when it holds a value ("Ofqual number:" over a list of qualification
      // numbers is not a unit's reference).
      const valued = (cells: string[]) => {
        const f = fieldOf(cells);
        return !!f && !!f.value && (f.field !== 'ref' || isRef(f.value)) ? f.field : undefined;
      };
      for (const a of ahead) {
        if (valued(a.cells)) fields++;
        else if (isHeadingLine(a.raw, a.cells) || OPENS_CRITERIA.test(a.cells.filter((c) => c)[0] ?? '')) break;
        else if (fields === 0) break;
      }
      const aheadFields = ahead.map((a) => valued(a.cells)).filter((x) => x);
      const isUnitTitle = !aheadFields.includes('title') && (fields >= 2 || (fields >= 1 && aheadFields.includes('ref')));
      // Still in the current unit's heading area (titled or referenced, no criteria yet):
      // a sub-heading, not a new unit.
      const inHeader = !!cur && !hasCriteria(cur) && !cur.contents && (!!cur.title || cur.refs.length > 0) && l.line - cur.line < 60;
      if (isUnitTitle && !SECTION_END.test(joined) && !inHeader) {
        start(l, { title: joined });
        prevPlain = undefined;
        continue;
      }
      if (isHeadingLine(raw, cells) && inCriteria) inCriteria = false;
    }

    if (SECTION_END.test(joined) && nonEmpty.length <= 2) {
      if (inCriteria && cur) cur.closed = true;
      inCriteria = false;
      prevPlain = undefined;
      // Range, guidance, evidence requirements: kept with the unit as a note for assessors.
      note = null;
      const d = cur as Draft | null;
      if (d && d.outcomes.length && !/tracking|record|action plan|declaration/i.test(joined)) {
        note = { heading: nonEmpty[0].replace(/[:.]$/, ''), text: nonEmpty.slice(1).join(' ') };
        (d.notes ??= []).push(note);
      }
      continue;
    }

    // A tracking sheet or record's header row ("Learning outcome | Assessment criteria |
    // Evidence reference | Date"): a form to fill in, not the unit's criteria.
    if (
      nonEmpty.length >= 3 &&
      nonEmpty.every((c) => c.length < 50 && !/^\d/.test(c)) &&
      nonEmpty.some((c) => /criteri|outcome/i.test(c)) &&
      nonEmpty.some((c) => FORM_COLUMN.test(c))
    ) {
      if (inCriteria && cur) cur.closed = true;
      inCriteria = false;
      inForm = true;
      note = null;
      continue;
    }

    if (OPENS_CRITERIA.test(nonEmpty[0]) && cur) {
      note = null;
      inCriteria = true;
      pending = null;
      continue;
    }

    // "Learning outcome 2: Know how to...", "Outcome 2 Be able to...", "LO2 Understand...":
    // an outcome heading that also opens its criteria.
    const lo = nonEmpty.length === 1 ? OUTCOME_HEADING.exec(joined) : null;
    if (lo && cur) {
      note = null;
      inCriteria = true;
      pending = null;
      newOutcome(l, String(Number(lo[1])), lo[2].trim());
      continue;
    }

    // A table row left over after a unit's closing section, with no heading: a unit whose
    // heading page was lost.
    const firstCellEmpty = cells.length > 1 && cells[0] === '';
    if (!inCriteria && !inForm && cur && firstCellEmpty && /^\d{1,2}\.\d{1,2}/.test(nonEmpty[0]) && hasCriteria(cur) && cur.closed) {
      const after: Draft = cur;
      start(l, { lost: { after } });
      inCriteria = true;
    }

    if (inCriteria && cur) {
      if (HEADER_CELL.test(joined)) continue;
      // Columns laid out with spaces (text from a PDF with its layout kept): a cell that
      // starts left of the criteria column belongs to the outcome column.
      if (!raw.includes('\t') && / {3,}\S/.test(raw)) {
        const spans = [...raw.matchAll(/\S+(?: {1,2}\S+)*/g)].map((m) => ({ at: m.index ?? 0, cells: splitCells(m[0]).filter((c) => c) }));
        for (const sp of spans) {
          if (/^(?:AC\s?)?\d{1,2}\.\d{1,2}/i.test(sp.cells[0] ?? '')) criteriaColumn = Math.min(criteriaColumn ?? sp.at, sp.at);
        }
        if (criteriaColumn !== undefined) {
          for (const sp of spans) {
            const text = sp.cells.join(' ');
            if (!text) continue;
            const o = outcome as Outcome | null;
            if (sp.at < criteriaColumn - 2 && o && !/^\d/.test(text) && !HEADER_CELL.test(text)) o.title = `${o.title} ${text}`.trim();
            else readCell(l, text, spans.length === 1);
          }
          continue;
        }
      }
      // A row whose first cell is words without a number, beside numbered criteria: the
      // outcome's title wrapped onto a second row of the table.
      const outcomeNow = outcome as Outcome | null;
      if (
        outcomeNow &&
        nonEmpty.length >= 2 &&
        cells[0] &&
        !/^(?:\(?[a-z]{1,4}[.)]|\d|(?:LO|learning outcome|outcome)\s?\d)/i.test(cells[0]) &&
        !HEADER_CELL.test(cells[0]) &&
        /^(?:AC\s?)?\d{1,2}\.\d{1,2}/i.test(nonEmpty[1])
      ) {
        outcomeNow.title = `${outcomeNow.title} ${cells[0]}`.trim();
        for (const c of cells.slice(1)) if (c) readCell(l, c, false);
        continue;
      }
      for (const c of cells) if (c) readCell(l, c, nonEmpty.length === 1);
      continue;
    }
    if (note && !/^\s*#/.test(raw)) note.text = note.text ? `${note.text}\n${nonEmpty.join(' ')}` : nonEmpty.join(' ');
    else note = null;
    if (nonEmpty.length === 1 && !/^\d/.test(joined)) prevPlain = joined;
  }

  return finish(drafts, unitRows, name, docTitle, warnings);
}

function finish(drafts: Draft[], rows: UnitRow[], name: string, docTitle: string | undefined, warnings: ImportWarning[]): ImportResult {
  const warn = (d: Draft, code: string, message: string) => warnings.push({ line: d.line, page: d.page, code, message });
  // Rows of the tables that list units, by each cell's words and by each ref they print.
  const refKeyOf = (r: string) => r.replace(/[\s/]+/g, '').toUpperCase();
  const byTitle = new Map<string, UnitRow[]>();
  const byRef = new Map<string, UnitRow>();
  for (const r of rows) {
    const values = r.level != null || r.credit != null || r.glh != null;
    for (const c of new Set(r.cells)) {
      if (r.ref) {
        const k = looseText(c);
        const list = byTitle.get(k) ?? [];
        list.push(r);
        byTitle.set(k, list);
      }
      if (values && isRef(c) && !byRef.has(refKeyOf(c))) byRef.set(refKeyOf(c), r);
    }
  }
  const bodies = drafts.filter((d) => d.outcomes.length > 0);
  const contents = drafts.filter((d) => d.outcomes.length === 0 && d.headingRef);
  const refOf = (d: Draft): string | undefined => {
    const qcf = d.refs.find((r) => QCF_REF.test(r));
    return qcf ?? d.headingRef ?? d.refs[0];
  };
  const bodyRefs = new Set(bodies.flatMap((d) => [d.headingRef, ...d.refs]).filter((r): r is string => !!r));

  const units: Unit[] = [];
  for (const d of bodies) {
    let ref = refOf(d);
    let title = d.title;
    if (d.lost) {
      const prev = d.lost.after;
      const afterRef = prev ? refOf(prev) : undefined;
      const order = contents.map((c) => c.headingRef as string);
      // The unit before the lost one, found in the contents by any ref it prints or by title.
      const k = prev
        ? contents.findIndex(
            (c) => [prev.headingRef, ...prev.refs].includes(c.headingRef) || (!!prev.title && !!c.title && looseText(c.title) === looseText(prev.title)),
          )
        : -1;
      const candidate = k >= 0 ? order.slice(k + 1).find((r) => !bodyRefs.has(r)) : undefined;
      if (candidate) {
        ref = candidate;
        title = contents.find((c) => c.headingRef === candidate)?.title;
        bodyRefs.add(candidate);
        warn(
          d,
          'lost-heading',
          `A table of criteria follows unit ${afterRef}'s last section with no unit heading: read as unit ${candidate}, the next unit in the contents that has no page of its own (its heading and first criteria are not printed)`,
        );
      } else {
        warn(d, 'lost-heading', `A table of criteria follows unit ${afterRef ?? '?'} with no unit heading and no unit in the contents to give it`);
      }
    }
    if (!title && d.lineBefore) title = d.lineBefore;
    const loose = title ? looseText(title) : undefined;
    if (!ref && loose) {
      // The cell right after the title (a row may list two units: barred combinations).
      const found = (byTitle.get(loose) ?? [])
        .map((r) => {
          const at = r.cells.findIndex((c) => looseText(c) === loose);
          return normaliseRef(r.cells.slice(at + 1).find((c) => isRef(c) && !/^\d+$/.test(c)) ?? (r.ref as string));
        });
      if (found.length) {
        ref = found[0];
        warn(d, 'ref-from-table', `The unit page prints no reference: ${ref} taken from the table that lists "${title}"`);
        const others = [...new Set(found)].filter((r) => r !== ref);
        if (others.length) {
          warn(d, 'ref-mismatch', `The document's tables give "${title}" more than one reference (${[ref, ...others].join(', ')}): the first, ${ref}, is kept; check it`);
        }
      }
    }
    if (!ref && d.seq) {
      ref = `Unit ${d.seq}`;
      warn(d, 'missing-ref', `The unit prints no reference: called "${ref}"`);
    }
    if (!title && ref) {
      const fromContents = contents.find((c) => c.headingRef === ref)?.title;
      const key = ref.replace(/[^a-z0-9]/gi, '').toLowerCase();
      const fileBase = name.replace(/\.[a-z0-9]{1,5}$/i, '');
      const fileKey = fileBase.replace(/[^a-z0-9]/gi, '').toLowerCase();
      if (fromContents) title = fromContents;
      else if (bodies.length === 1 && fileKey.includes(key)) {
        // "unit-j-506-2132-principles-of-customer-service.txt": the words after the ref.
        const words = fileBase
          .replace(/[_-]+/g, ' ')
          .toLowerCase()
          .split(ref.replace(/\//g, ' ').toLowerCase())
          .pop()
          ?.trim();
        if (words) {
          title = words[0].toUpperCase() + words.slice(1);
          warn(d, 'missing-title', `The unit prints no title: "${title}" taken from the file name`);
        }
      }
    }
    if (!ref) {
      ref = `U${units.length + 1}`;
      warn(d, 'missing-ref', `The unit "${title ?? ''}" prints no reference: called ${ref}`);
    }
    if (!title) {
      title = '';
      warn(d, 'missing-title', `Unit ${ref} prints no title`);
    }
    let level = d.level ?? null;
    let credit = d.credit ?? null;
    let glh = d.glh ?? null;
    const row = level == null || credit == null || glh == null ? byRef.get(refKeyOf(ref)) : undefined;
    if (row) {
      if (level == null && row.level != null) level = row.level;
      if (credit == null && row.credit != null) credit = row.credit;
      if (glh == null && row.glh != null) glh = row.glh;
    }
    const unit: Unit = { ref, title: cleanText(title), level, credit, glh, outcomes: d.outcomes };
    if (d.notes?.length) unit.notes = d.notes;
    for (const o of unit.outcomes) {
      o.title = cleanText(o.title);
      for (const c of o.criteria) c.text = cleanText(c.text);
      if (!o.criteria.length) warn(d, 'empty-outcome', `Unit ${ref}, learning outcome ${o.number} has no assessment criteria`);
    }
    units.push(unit);
  }
  const specId = specIdFromName(name);
  const seen = new Map<string, number>();
  for (const u of units) {
    const n = (seen.get(u.ref) ?? 0) + 1;
    seen.set(u.ref, n);
    if (n > 1) {
      const d = bodies[units.indexOf(u)];
      warn(d, 'repeated-unit', `Unit ${u.ref} is printed twice: the later copy is called ${u.ref} (${n})`);
      u.ref = `${u.ref} (${n})`;
    }
    assignCriterionIds(specId, u);
  }
  warnings.sort((a, b) => a.line - b.line);
  const fromName = name.replace(/\.[a-z0-9]{1,5}$/i, '').replace(/[_-]+/g, ' ').trim();
  const title = docTitle ?? (units.length === 1 ? `${units[0].ref} ${units[0].title}`.trim() : fromName[0].toUpperCase() + fromName.slice(1));
  return {
    specification: { id: specId, source: name, title, qualifications: [], units },
    warnings,
  };
}
