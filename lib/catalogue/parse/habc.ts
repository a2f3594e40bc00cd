/**
 * Parser for the HABC Level 3 Diploma in Customer Service specification (spec id
 * `habc-l3`). Units come from Appendix 2 ("Unit N: title", then "Unit number:", "Credit:",
 * "GLH:", "Level:" and a two-column outcomes table, sometimes split across pages or ending
 * in markdown); the rules-of-combination tables of Appendix 1 complete and cross-check them.
 * Appendix 3 (assessment record, action plan, evidence tracking sheets) is not read:
 * its criteria repeat the units', and reworded.
 */
import type { Level, ParseResult, Unit } from '../model';
import { cleanText, levelInWords, parseLevel } from './text';
import {
  normaliseRef,
  OutcomeCollector,
  REF,
  splitRow,
  titleKey,
  warningList,
  type SpecOverrides,
  type Warn,
} from './outcome-rows';

/** Explicit corrections the HABC parser applies (see data/sources/habc-l3.overrides.ts). */
export type HabcOverrides = SpecOverrides;

const SPEC_ID = 'habc-l3';

/** A row of a rules-of-combination table: "Unit No, Unit reference, Unit Title, Level, Credit". */
interface StructureRow {
  no: number;
  ref: string;
  title: string;
  level: Level | null;
  credit: number | null;
  line: number;
}

const UNIT_HEADING = /^Unit\s+(\d+)\s*:\s*(.*)$/;
const FIELD = /^(Unit number|Credit|GLH|Level)\s*:\s*(.*)$/i;
const TABLE_HEADER = /^Learning Outcomes\s*\t/i;
const TABLE_SUBHEADER = /^The learner will\b/i;
const GUIDANCE = /^Additional assessment guidance/i;
const NO_GUIDANCE = /^There is no additional assessment guidance for this unit\.?$/i;
/** Where the units end: the sample assessment material repeats criteria, reworded. */
const END_OF_UNITS = /^(Appendix 3\b|Assessment Record Sheet|Assessment\/Action Plan Sheet|Evidence Tracking Sheets?)/i;

/** Parses the HABC specification's text into units (qualifications are supplied elsewhere). */
export function parseHabc(text: string, source: string, overrides: HabcOverrides = {}): ParseResult {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const { warnings, warn } = warningList();
  const firstUnit = lines.findIndex((l) => UNIT_HEADING.test(l.trim()));
  const structure = readStructure(lines, firstUnit < 0 ? lines.length : firstUnit, warn);
  const title = cleanText(lines.find((l) => /^HABC Level/.test(l.trim())) ?? '');
  if (!title) warn(1, 'spec-no-title', 'No "HABC Level ..." title line found');

  const units: Unit[] = [];
  const seenRefs = new Map<string, number>();
  let i = firstUnit < 0 ? lines.length : firstUnit;
  while (i < lines.length) {
    const raw = lines[i];
    if (END_OF_UNITS.test(raw.trim())) break;
    const head = UNIT_HEADING.exec(raw.trim());
    let unit: Unit;
    let end: number;
    if (head) {
      end = findUnitEnd(lines, i + 1);
      unit = readUnit(lines, i, i + 1, end, Number(head[1]), head[2], structure, overrides, warn, units.at(-1));
    } else if (isCriteriaRow(raw)) {
      // Criteria after a unit's guidance: the rest of a unit whose heading page was lost.
      const after = units.at(-1);
      warn(i + 1, 'lost-heading', `Criteria follow ${after ? `unit ${after.ref}'s guidance` : 'the rules of combination'} with no unit heading, number or details; read as a unit of their own`);
      end = findUnitEnd(lines, i + 1);
      unit = readUnit(lines, i, i, end, NaN, '', structure, overrides, warn, after);
    } else {
      if (raw.trim()) warn(i + 1, 'unparsed-line', `Line outside any unit: "${cleanText(raw)}"`);
      i++;
      continue;
    }
    const dup = unit.ref ? seenRefs.get(unit.ref) : undefined;
    if (dup !== undefined) warn(i + 1, 'duplicate-unit', `Unit ${unit.ref} already given at line ${dup}`);
    seenRefs.set(unit.ref, i + 1);
    units.push(unit);
    i = end;
  }

  for (const row of structure.values()) {
    if (!seenRefs.has(row.ref)) warn(row.line, 'unit-missing', `Unit ${row.ref} "${row.title}" is in the rules of combination but has no unit page`);
  }
  return { specification: { id: SPEC_ID, source, title, qualifications: [], units }, warnings };
}

/** The rules-of-combination rows before the first unit page, by ref. */
function readStructure(lines: string[], end: number, warn: Warn): Map<string, StructureRow> {
  const rows = new Map<string, StructureRow>();
  for (let i = 0; i < end; i++) {
    const cells = lines[i].split('\t').map((c) => cleanText(c));
    if (cells.length < 5 || !/^\d+$/.test(cells[0])) continue;
    const ref = normaliseRef(cells[1]);
    if (!ref) continue;
    if (!REF.test(cells[1])) warn(i + 1, 'ref-malformed', `Unit reference printed as "${cells[1]}" (read as ${ref})`);
    if (levelInWords(cells[3])) warn(i + 1, 'level-in-words', `Level stated in words: "${cells[3]}"`);
    const row: StructureRow = {
      no: Number(cells[0]),
      ref,
      title: cells[2],
      level: parseLevel(cells[3]),
      credit: /^\d+$/.test(cells[4]) ? Number(cells[4]) : null,
      line: i + 1,
    };
    const before = rows.get(ref);
    if (before) warn(i + 1, 'duplicate-structure-row', `Unit ${ref} listed again (first at line ${before.line})`);
    else rows.set(ref, row);
  }
  return rows;
}

/** A table row that holds criteria ("<tab>2.5 Words", "3. Title<tab>3.1 Words"). */
function isCriteriaRow(line: string): boolean {
  return line.includes('\t') && /^\d{1,2}\.\d{1,2}\b/.test(splitRow(line).criteria);
}

/**
 * The index of the line after this unit: the next unit heading, the end of the units, or
 * criteria rows after the unit's guidance (they belong to a unit whose heading was lost).
 */
function findUnitEnd(lines: string[], from: number): number {
  let inGuidance = false;
  for (let i = from; i < lines.length; i++) {
    const t = lines[i].trim();
    if (UNIT_HEADING.test(t) || END_OF_UNITS.test(t)) return i;
    if (GUIDANCE.test(cleanText(t))) inGuidance = true;
    else if (inGuidance && isCriteriaRow(lines[i])) return i;
  }
  return lines.length;
}

/**
 * Reads one unit from its heading line `start` (or, for a unit whose heading was lost, its
 * first criteria row) to `end`; `previous` is the unit before it, for overrides keyed
 * `after <ref>`.
 */
function readUnit(
  lines: string[],
  start: number,
  bodyStart: number,
  end: number,
  unitNo: number,
  printedTitle: string,
  structure: Map<string, StructureRow>,
  overrides: HabcOverrides,
  warn: Warn,
  previous: Unit | undefined,
): Unit {
  const headLine = start + 1;
  const lost = bodyStart === start;
  const fields: { ref?: string; credit?: number; glh?: number; level?: Level | null } = {};
  const fieldLines: Record<string, number> = {};
  const collector = new OutcomeCollector(warn);
  const notes: { heading: string; lines: string[] }[] = [];
  let section: 'head' | 'table' | 'guidance' = lost ? 'table' : 'head';
  let note: { heading: string; lines: string[] } | null = null;
  let prevWasRow = false;

  for (let i = bodyStart; i < end; i++) {
    const raw = lines[i];
    const t = raw.trim();
    const lineNo = i + 1;
    if (!t) {
      prevWasRow = false;
      continue;
    }
    const field = section !== 'guidance' ? FIELD.exec(cleanText(t)) : null;
    if (field) {
      readField(field[1].toLowerCase(), field[2], lineNo, fields, fieldLines, warn);
      continue;
    }
    if (GUIDANCE.test(cleanText(t))) {
      section = 'guidance';
      note = { heading: cleanText(t), lines: [] };
      notes.push(note);
      continue;
    }
    if (section === 'guidance') {
      note!.lines.push(cleanText(t));
      continue;
    }
    const bare = raw.replace(/<[^>]+>/g, '');
    if (TABLE_HEADER.test(bare.trim()) || TABLE_SUBHEADER.test(bare.trim())) {
      // The table's header, also repeated where the table runs onto a new page.
      section = 'table';
      prevWasRow = false;
      continue;
    }
    if (raw.includes('\t')) {
      if (section !== 'table') warn(lineNo, 'table-without-header', 'Table row before any "Learning Outcomes" header');
      section = 'table';
      collector.row(raw, lineNo);
      prevWasRow = true;
      continue;
    }
    // Outside the table's tabs: the rest of an outcome printed as markdown.
    const bullet = /^[-*•]\s*(\d{1,2}\.\d{1,2}\b.*)$/.exec(cleanText(t));
    if (bullet) {
      collector.criteria(bullet[1], lineNo);
      prevWasRow = true;
      continue;
    }
    if (/^\d{1,2}\.?\s+\p{L}/u.test(cleanText(t)) && section === 'table') {
      collector.outcomeCell(t, lineNo);
      prevWasRow = false;
      continue;
    }
    if (prevWasRow) {
      collector.wrap(t, lineNo);
      continue;
    }
    warn(lineNo, 'unparsed-line', `Line not understood in unit ${unitNo}: "${cleanText(t)}"`);
  }

  const row = fields.ref ? structure.get(fields.ref) : [...structure.values()].find((r) => r.no === unitNo);
  let title = cleanText(printedTitle);
  if (!title && !lost) {
    warn(headLine, 'unit-no-title', `Unit ${unitNo} has no title${row ? `; "${row.title}" taken from the rules of combination (line ${row.line})` : ''}`);
    title = row?.title ?? '';
  }
  let ref = fields.ref ?? '';
  if (!ref && !lost) {
    warn(headLine, 'unit-no-ref', `Unit ${unitNo} prints no unit number${row ? `; ${row.ref} taken from the rules of combination (line ${row.line})` : ''}`);
    ref = row?.ref ?? '';
  }
  let level: Level | null = fields.level ?? null;
  let credit: number | null = fields.credit ?? null;
  if (row) {
    if (row.no !== unitNo) warn(headLine, 'unit-number-mismatch', `Unit ${unitNo} (${ref}) is number ${row.no} in the rules of combination (line ${row.line})`);
    if (printedTitle.trim() && titleKey(row.title) !== titleKey(title)) {
      warn(headLine, 'title-mismatch', `Unit ${ref} is titled "${title}" here but "${row.title}" in the rules of combination (line ${row.line})`);
    }
    if (level === null) level = row.level;
    else if (row.level !== null && row.level !== level) warn(fieldLines.level ?? headLine, 'level-mismatch', `Unit ${ref} is level ${level} here but ${row.level} in the rules of combination (line ${row.line})`);
    if (credit === null) credit = row.credit;
    else if (row.credit !== null && row.credit !== credit) warn(fieldLines.credit ?? headLine, 'credit-mismatch', `Unit ${ref} has ${credit} credits here but ${row.credit} in the rules of combination (line ${row.line})`);
  } else if (ref) {
    warn(headLine, 'ref-not-in-structure', `Unit ${ref} is not in the rules of combination`);
  }
  if (!lost) {
    if (level === null) warn(headLine, 'unit-no-level', `Unit ${ref} has no level`);
    if (credit === null) warn(headLine, 'unit-no-credit', `Unit ${ref} has no credit value`);
  }
  if (!collector.hasOutcomes) warn(headLine, 'unit-no-outcomes', `Unit ${ref} has no learning outcomes`);

  const unit: Unit = { ref, title, level, credit, glh: fields.glh ?? null, outcomes: [] };
  const fix =
    (ref ? overrides.units?.[ref] : undefined) ??
    (title ? overrides.units?.[title] : undefined) ??
    (lost && previous ? overrides.units?.[`after ${previous.ref}`] : undefined);
  if (fix) {
    const { reason: _reason, ...values } = fix;
    Object.assign(unit, values);
  }
  unit.outcomes = collector.finish(SPEC_ID, unit.ref);
  const kept = notes
    .map((n) => ({ heading: n.heading, text: n.lines.join('\n') }))
    // "There is no additional assessment guidance for this unit." tells an assessor nothing.
    .filter((n) => n.text && !NO_GUIDANCE.test(n.text));
  if (kept.length) unit.notes = kept;
  return unit;
}

function readField(
  key: string,
  value: string,
  lineNo: number,
  fields: { ref?: string; credit?: number; glh?: number; level?: Level | null },
  fieldLines: Record<string, number>,
  warn: Warn,
): void {
  const v = cleanText(value);
  if (key === 'unit number') {
    const ref = normaliseRef(v);
    if (!ref) {
      warn(lineNo, 'ref-malformed', `Unit number "${v}" is not a unit reference`);
      return;
    }
    if (!REF.test(v)) warn(lineNo, 'ref-malformed', `Unit number printed as "${v}" (read as ${ref})`);
    fields.ref = ref;
  } else if (key === 'credit' || key === 'glh') {
    if (!/^\d+$/.test(v)) {
      warn(lineNo, `${key}-not-a-number`, `${key === 'glh' ? 'GLH' : 'Credit'} printed as "${v}"`);
      return;
    }
    fields[key] = Number(v);
  } else {
    if (levelInWords(v)) warn(lineNo, 'level-in-words', `Level stated in words: "${v}"`);
    fields.level = parseLevel(v);
    if (fields.level === null) warn(lineNo, 'level-unreadable', `Level printed as "${v}"`);
  }
  fieldLines[key === 'unit number' ? 'ref' : key] = lineNo;
}
