/**
 * Parser for the Ascentis Level 1 Award and Certificate for Introduction to Customer
 * Service specification (spec id `ascentis-l1`). Each unit page ("## UNIT SPECIFICATIONS",
 * "### title", credit/GLH/level, an outcomes table in 2, 3 or 4 tab-separated columns, then
 * "Indicative Content") prints no unit reference: refs come from the rules-of-combination
 * and barred-combinations tables, matched by title, and every table that repeats a unit's
 * ref, level, credit or GLH is checked against the others. The tracking sheets of the
 * appendices repeat the criteria, reworded, and are not read as criteria.
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
import { checkTrackingSheets, readTrackingSheets } from './ascentis-tracking';

/** Explicit corrections the Ascentis parser applies (see data/sources/ascentis-l1.overrides.ts). */
export type AscentisOverrides = SpecOverrides;

const SPEC_ID = 'ascentis-l1';

/** A unit named in one of the document's tables, with whatever that table says of it. */
interface Sighting {
  title: string;
  ref: string | null;
  level: Level | null;
  credit: number | null;
  glh: number | null;
  line: number;
  table: 'rules of combination' | 'barred combinations' | 'summary record';
}

const HEADING = /^(#{1,6})\s*(.*?)\s*#*$/;
const UNIT_SPECS = /^unit specifications$/i;
const LEVEL_CELL = /^(level|entry)\s+\S+$/i;
const FIELD = /^(Credit Value|GLH|Level) of Unit\s*:\s*(.*)$/i;
const TABLE_HEADER = /^Learning Outcomes\s*\t/i;
const TABLE_SUBHEADER = /^The learner will be able to\b/i;
/** Where the unit pages end: the summary record and tracking sheets. */
const APPENDIX = /^appendix\b/i;
const SECTIONS: Record<string, string> = { introduction: 'Introduction', 'indicative content': 'Indicative Content' };

interface DraftUnit {
  title: string;
  /** True when the unit's heading and details were lost and it starts at its criteria. */
  lost: boolean;
  line: number;
  fields: { credit?: number; glh?: number; level?: Level | null };
  fieldLines: Record<string, number>;
  collector: OutcomeCollector;
  notes: { heading: string; lines: string[] }[];
}

/** Parses the Ascentis specification's text into units (qualifications are supplied elsewhere). */
export function parseAscentis(text: string, source: string, overrides: AscentisOverrides = {}): ParseResult {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const { warnings, warn } = warningList();
  const title = readTitle(lines);
  if (!title) warn(1, 'spec-no-title', 'No title found before "Specification"');

  const firstUnit = findFirstUnit(lines);
  const appendix = lines.findIndex((l, i) => i > firstUnit && isAppendixHeading(l));
  const unitsEnd = appendix < 0 ? lines.length : appendix;
  const sightings = [
    ...readStructure(lines, 0, firstUnit < 0 ? lines.length : firstUnit, warn),
    ...readSummary(lines, unitsEnd, lines.length),
  ];
  const drafts = firstUnit < 0 ? [] : readUnitPages(lines, firstUnit, unitsEnd, warn);
  if (drafts.length === 0) warn(1, 'no-units', 'No unit pages found');

  const used = new Set<Sighting>();
  const units: Unit[] = [];
  for (const d of drafts) units.push(finishUnit(d, sightings, used, overrides, warn, units.at(-1)));
  for (const s of sightings) {
    if (!used.has(s)) warn(s.line, 'unit-missing', `"${s.title}" is in the ${s.table} table but no unit page has that title`);
  }
  checkTrackingSheets(readTrackingSheets(lines, unitsEnd, lines.length), units, warn);
  return { specification: { id: SPEC_ID, source, title, qualifications: [], units }, warnings };
}

/**
 * Where the unit pages begin: the "UNIT SPECIFICATIONS" (or "# MANDATORY UNITS") heading
 * before the first unit's credit, GLH or level. The table of contents uses the same words,
 * so the first such heading in the document is not enough.
 */
function findFirstUnit(lines: string[]): number {
  const k = lines.findIndex((l) => FIELD.test(cleanText(l)));
  if (k < 0) return -1;
  for (let i = k - 1; i >= 0; i--) {
    const h = HEADING.exec(lines[i].trim());
    if (h && (h[1].length === 1 || UNIT_SPECS.test(cleanText(h[2])))) {
      // Step back over the "# MANDATORY UNITS" that opens the first unit page too.
      for (let j = i - 1; j >= 0; j--) {
        const t = lines[j].trim();
        if (!t || /^-{3,}$/.test(t)) continue;
        const g = HEADING.exec(t);
        return g && g[1].length === 1 ? j : i;
      }
      return i;
    }
  }
  return k;
}

function isAppendixHeading(line: string): boolean {
  const h = HEADING.exec(line.trim());
  return h !== null && APPENDIX.test(cleanText(h[2]));
}

/** The title: the first lines of the document, up to "Specification". */
function readTitle(lines: string[]): string {
  const parts: string[] = [];
  for (const l of lines) {
    const t = cleanText(l);
    if (!t) {
      if (parts.length) break;
      continue;
    }
    if (/^specification$/i.test(t)) break;
    parts.push(t);
  }
  return parts.join(' ');
}

/** Splits a title printed with its level, "Working in customer service (Level 1)". */
function titleAndLevel(cell: string): { title: string; level: Level | null } {
  const m = /^(.*?)\s*\(((?:level|entry)\s+\S+)\)$/i.exec(cell);
  return m ? { title: m[1], level: parseLevel(m[2]) } : { title: cell, level: null };
}

function readRef(cell: string, line: number, warn: Warn): string | null {
  const ref = normaliseRef(cell);
  if (ref && !REF.test(cell)) warn(line, 'ref-malformed', `Unit reference printed as "${cell}" (read as ${ref})`);
  return ref;
}

function readLevelCell(cell: string, line: number, warn: Warn): Level | null {
  if (levelInWords(cell)) warn(line, 'level-in-words', `Level stated in words: "${cell}"`);
  return parseLevel(cell);
}

/** Rows of the rules-of-combination and barred-combinations tables. */
function readStructure(lines: string[], from: number, to: number, warn: Warn): Sighting[] {
  const out: Sighting[] = [];
  for (let i = from; i < to; i++) {
    const cells = lines[i].split('\t').map((c) => cleanText(c));
    const line = i + 1;
    if (cells.length >= 5 && /may not be taken with/i.test(cells[2])) {
      for (const [t, r] of [[cells[0], cells[1]], [cells[3], cells[4]]]) {
        const { title, level } = titleAndLevel(t);
        if (level === null && levelInWords(t)) warn(line, 'level-in-words', `Level stated in words: "${t}"`);
        out.push({ title, ref: readRef(r, line, warn), level, credit: null, glh: null, line, table: 'barred combinations' });
      }
    } else if (cells.length >= 5 && LEVEL_CELL.test(cells[1]) && /^\d+$/.test(cells[2]) && normaliseRef(cells[4])) {
      out.push({
        title: cells[0],
        ref: readRef(cells[4], line, warn),
        level: readLevelCell(cells[1], line, warn),
        credit: Number(cells[2]),
        glh: /^\d+$/.test(cells[3]) ? Number(cells[3]) : null,
        line,
        table: 'rules of combination',
      });
    }
  }
  return out;
}

/** Rows of the Summary Record of Achievement: title, level, credit. */
function readSummary(lines: string[], from: number, to: number): Sighting[] {
  const out: Sighting[] = [];
  let inSummary = false;
  for (let i = from; i < to; i++) {
    const t = cleanText(lines[i]);
    if (/summary record of achievement/i.test(t)) inSummary = true;
    else if (/tracking sheet/i.test(t)) inSummary = false;
    if (!inSummary) continue;
    const cells = lines[i].split('\t').map((c) => cleanText(c));
    if (cells.length >= 3 && LEVEL_CELL.test(cells[1]) && /^\d+$/.test(cells[2])) {
      out.push({ title: cells[0], ref: null, level: parseLevel(cells[1]), credit: Number(cells[2]), glh: null, line: i + 1, table: 'summary record' });
    }
  }
  return out;
}

/** The unit pages, each from its "### title" to the next. */
function readUnitPages(lines: string[], from: number, to: number, warn: Warn): DraftUnit[] {
  const units: DraftUnit[] = [];
  let unit: DraftUnit | null = null;
  // After "## UNIT SPECIFICATIONS" a new unit is due; its "### title" may be missing.
  let due: number | null = null;
  let section: 'head' | 'table' | 'note' | 'after' = 'head';
  let note: { heading: string; lines: string[] } | null = null;
  let prevWasRow = false;

  const start = (title: string, line: number, lost = false): DraftUnit => {
    const u: DraftUnit = { title, lost, line, fields: {}, fieldLines: {}, collector: new OutcomeCollector(warn), notes: [] };
    units.push(u);
    section = 'head';
    note = null;
    due = null;
    return u;
  };
  const current = (lineNo: number, what: string): DraftUnit => {
    if (unit && due === null) return unit;
    // Content where a unit's title should have been.
    warn(due ?? lineNo, 'unit-no-title', `A unit's ${what} at line ${lineNo} has no "###" title before it`);
    unit = start('', lineNo);
    return unit;
  };

  for (let i = from; i < to; i++) {
    const raw = lines[i];
    const t = raw.trim();
    const lineNo = i + 1;
    if (!t || /^-{3,}$/.test(t)) {
      prevWasRow = false;
      continue;
    }
    const h = HEADING.exec(t);
    if (h) {
      const text = cleanText(h[2]);
      const level = h[1].length;
      if (UNIT_SPECS.test(text)) {
        due = lineNo;
        continue;
      }
      if (level === 1) continue; // "# MANDATORY UNITS", "# OPTIONAL UNITS"
      const sectionName = SECTIONS[text.toLowerCase()];
      if (sectionName) {
        const u = current(lineNo, `"${sectionName}"`);
        note = { heading: sectionName, lines: [] };
        u.notes.push(note);
        section = 'note';
        continue;
      }
      if (level === 3) {
        unit = start(text, lineNo);
        continue;
      }
      if (section === 'note' && note) {
        note.lines.push(text);
        continue;
      }
      warn(lineNo, 'unparsed-line', `Heading not understood: "${text}"`);
      continue;
    }
    const field = FIELD.exec(cleanText(t));
    if (field) {
      let u = current(lineNo, 'credit, GLH or level');
      const key = field[1].toLowerCase() === 'credit value' ? 'credit' : field[1].toLowerCase();
      if (u.fieldLines[key] !== undefined && (u.collector.hasOutcomes || section !== 'head')) {
        // A second set of unit details: the next unit's heading was lost.
        warn(lineNo, 'lost-heading', `Unit details at line ${lineNo} follow "${u.title}" with no unit heading`);
        u = unit = start('', lineNo);
      }
      readField(key, field[2], lineNo, u, warn);
      continue;
    }
    const bare = raw.replace(/<[^>]+>/g, '').trim();
    if (TABLE_HEADER.test(bare)) {
      let u = current(lineNo, 'outcomes table');
      if (u.collector.hasOutcomes && section !== 'table') {
        warn(lineNo, 'lost-heading', `An outcomes table at line ${lineNo} follows "${u.title}" with no unit heading`);
        u = unit = start('', lineNo);
      }
      section = 'table';
      prevWasRow = false;
      continue;
    }
    if (section === 'table' && TABLE_SUBHEADER.test(bare)) continue;
    if (section === 'note' && raw.includes('\t') && /^\d{1,2}\.\d{1,2}\b/.test(splitRow(raw).criteria)) {
      // Criteria rows after a unit's notes: the rest of a unit whose heading page was lost.
      warn(lineNo, 'lost-heading', `Criteria at line ${lineNo} follow the notes of "${unit?.title ?? ''}" with no unit heading or details; read as a unit of their own`);
      unit = start('', lineNo, true);
      section = 'table';
    }
    if (section === 'note' && note) {
      note.lines.push(cleanText(t));
      continue;
    }
    if (section === 'table' && raw.includes('\t')) {
      current(lineNo, 'outcomes row').collector.row(raw, lineNo);
      prevWasRow = true;
      continue;
    }
    if (section === 'table' && prevWasRow) {
      // A criterion's words wrapped onto a line of their own.
      current(lineNo, 'criterion').collector.wrap(t, lineNo);
      continue;
    }
    warn(lineNo, 'unparsed-line', `Line not understood: "${cleanText(t)}"`);
  }
  return units;
}

function readField(key: string, value: string, lineNo: number, u: DraftUnit, warn: Warn): void {
  const v = cleanText(value);
  u.fieldLines[key] = lineNo;
  if (key === 'level') {
    if (levelInWords(v)) warn(lineNo, 'level-in-words', `Level stated in words: "${v}"`);
    u.fields.level = parseLevel(v);
    if (u.fields.level === null) warn(lineNo, 'level-unreadable', `Level printed as "${v}"`);
  } else if (/^\d+$/.test(v)) {
    u.fields[key as 'credit' | 'glh'] = Number(v);
  } else {
    warn(lineNo, `${key}-not-a-number`, `${key === 'glh' ? 'GLH' : 'Credit value'} printed as "${v}"`);
  }
}

/** Completes a unit page from the tables that name it, and reports where they disagree. */
function finishUnit(
  d: DraftUnit,
  sightings: Sighting[],
  used: Set<Sighting>,
  overrides: AscentisOverrides,
  warn: Warn,
  previous: Unit | undefined,
): Unit {
  const key = titleKey(d.title);
  const seen = d.title ? sightings.filter((s) => titleKey(s.title) === key) : [];
  for (const s of seen) used.add(s);
  const name = d.title || `the unit at line ${d.line}`;

  let ref: string | null = null;
  let refLine = 0;
  for (const s of seen) {
    if (!s.ref) continue;
    if (ref === null) {
      ref = s.ref;
      refLine = s.line;
    } else if (s.ref !== ref) {
      warn(s.line, 'ref-mismatch', `"${name}" is ${s.ref} in the ${s.table} table but ${ref} at line ${refLine}`);
    }
  }
  if (ref === null && !d.lost) warn(d.line, 'unit-no-ref', `"${name}" has no unit reference in any table`);

  const level = reconcile('level', d.fields.level ?? null, d.fieldLines.level, seen, (s) => s.level, name, warn);
  const credit = reconcile('credit', d.fields.credit ?? null, d.fieldLines.credit, seen, (s) => s.credit, name, warn);
  const glh = reconcile('glh', d.fields.glh ?? null, d.fieldLines.glh, seen, (s) => s.glh, name, warn);
  if (level === null && !d.lost) warn(d.line, 'unit-no-level', `"${name}" has no level`);
  if (credit === null && !d.lost) warn(d.line, 'unit-no-credit', `"${name}" has no credit value`);
  if (!d.collector.hasOutcomes) warn(d.line, 'unit-no-outcomes', `"${name}" has no learning outcomes`);

  const unit: Unit = { ref: ref ?? '', title: d.title, level, credit, glh, outcomes: [] };
  const fix =
    (ref ? overrides.units?.[ref] : undefined) ??
    (d.title ? overrides.units?.[d.title] : undefined) ??
    (d.lost && previous ? overrides.units?.[`after ${previous.ref || previous.title}`] : undefined);
  if (fix) {
    const { reason: _reason, ...values } = fix;
    Object.assign(unit, values);
  }
  unit.outcomes = d.collector.finish(SPEC_ID, unit.ref);
  const notes = d.notes.map((n) => ({ heading: n.heading, text: n.lines.join('\n') })).filter((n) => n.text);
  if (notes.length) unit.notes = notes;
  return unit;
}

/** The page's value, else the first table's; each table that differs is reported. */
function reconcile<T extends Level | number>(
  what: 'level' | 'credit' | 'glh',
  own: T | null,
  ownLine: number | undefined,
  seen: Sighting[],
  get: (s: Sighting) => T | null,
  name: string,
  warn: Warn,
): T | null {
  let value = own;
  let from = ownLine ? `its unit page (line ${ownLine})` : '';
  for (const s of seen) {
    const v = get(s);
    if (v === null) continue;
    if (value === null) {
      value = v;
      from = `the ${s.table} table (line ${s.line})`;
    } else if (v !== value) {
      const label = what === 'glh' ? 'GLH' : what;
      warn(s.line, `${what}-mismatch`, `"${name}" has ${label} ${v} in the ${s.table} table but ${value} in ${from}`);
    }
  }
  return value;
}
