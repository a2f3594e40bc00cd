/**
 * Parser for EDI's NVQ specifications (edi-l2-nvq-certificate-customer-service.txt): a
 * contents list ("UNIT CU791 – Title<tab>page"), a qualification structure table, forms
 * that are not criteria, then one section per unit: "Unit CU791 Title", Aims, "Credit
 * value"/"Level", a two-column table of outcomes and criteria (tab-separated, cells as
 * plain text, <p> or <ul> fragments, split across pages), and Evidence Requirements.
 * Every defect met is reported with its line; corrections come only from `EdiOverrides`.
 */
import type { Level, Outcome, ParseResult, ParseWarning, Unit } from '../model';
import { cleanText, levelInWords, parseLevel, splitCriteria } from './text';
import { criterionId } from '../ids';
import { crossCheck, type Draft, type Listed } from './edi-check';

/** A unit whose heading the document lost, completed by hand (see data/sources). */
export interface LostHeadingOverride {
  /** Ref of the unit whose evidence requirements the orphaned table rows follow. */
  afterUnit: string;
  ref: string;
  title: string;
  level: Level | null;
  credit: number | null;
  glh?: number | null;
  /** Titles of outcomes whose title row was lost with the heading ("" when unknown). */
  outcomeTitles?: Record<string, string>;
  /** Shown to assessors as a note on the unit: what the document lost. */
  note?: string;
  /** Why, and where the values come from. */
  reason: string;
}

/** Explicit corrections and completions for an EDI document (data/sources/<specId>.overrides.ts). */
export interface EdiOverrides {
  /** The specification these apply to; ignored for any other. */
  specId: string;
  lostHeadings?: LostHeadingOverride[];
  /** Values that replace what a unit's page prints, by ref. */
  units?: Record<string, { title?: string; level?: Level | null; credit?: number | null; glh?: number | null; reason: string }>;
  /** Criterion words that replace what is printed, keyed `REF:number` (`REF:number~2` for a later copy). */
  criteria?: Record<string, { text: string; reason: string }>;
}

type Section = 'preamble' | 'aims' | 'fields' | 'table' | 'notes' | 'after' | 'lost';

const UNIT_HEADING = /^Unit\s+([A-Z]{2}\s?\d[0-9A-Z]{2,3})\b\s*[-–—:]?\s*(.*)$/;
const CONTENTS_ENTRY = /^UNIT\s+([A-Z]{2}\s?\d{3,4})\s*[-–—]?\s*(.*?)\t\s*\d+\s*$/;
const NOTE_HEADINGS = /^(aims?|evidence requirements|range|guidance|assessment guidance|additional guidance)$/i;
const LIST_ITEM = /^\s*(\d+\.|[-*•]|[a-z][.)])\s/;

/** Parses an EDI specification; `overrides` apply only when their specId matches. */
export function parseEdi(text: string, source: string, overrides?: EdiOverrides): ParseResult {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const warnings: ParseWarning[] = [];
  const warn = (line: number, code: string, message: string) => warnings.push({ line, code, message });

  const titleIndex = lines.findIndex((l) => /\bEDI\b/.test(l) && /\b(level|entry)\b/i.test(l));
  const title = titleIndex >= 0 ? cleanText(lines[titleIndex]) : '';
  if (!title) warn(1, 'no-title', 'No "EDI Level ..." title line: the specification has no title');
  const specLevel = parseLevel(title);
  const specId = `edi-${specLevel === null ? 'x' : typeof specLevel === 'number' ? `l${specLevel}` : `e${specLevel.slice(-1)}`}`;
  const ov = overrides && overrides.specId === specId ? overrides : undefined;

  const contents: Listed[] = [];
  const structure: Listed[] = [];
  const drafts: Draft[] = [];
  let cur: Draft | undefined;
  let outcome: Outcome | undefined;
  let section: Section = 'preamble';
  let noteHeading = '';
  let noteLines: string[] = [];
  let noteStart = 0;
  let noteItem = 0;
  const usedLost = new Set<LostHeadingOverride>();

  const flushNote = () => {
    if (cur && noteHeading) {
      const body = noteLines.join('\n').trim();
      if (body) (cur.unit.notes ??= []).push({ heading: noteHeading, text: body });
      if (noteHeading.toLowerCase().startsWith('aim')) cur.aimsLine = noteStart;
    }
    noteHeading = '';
    noteLines = [];
    noteItem = 0;
  };

  const startUnit = (ref: string, unitTitle: string, line: number): Draft => {
    flushNote();
    const d: Draft = {
      unit: { ref, title: unitTitle, level: null, credit: null, glh: null, outcomes: [] },
      line,
      copies: new Map(),
      outcomeLines: new Map(),
    };
    drafts.push(d);
    outcome = undefined;
    return d;
  };

  const addCriteria = (cell: string, lineNo: number) => {
    if (!cur || !outcome) return;
    const o = outcome;
    const cleaned = cleanText(cell);
    const { lead, pieces } = splitCriteria(cell, o.number);
    if (lead) {
      const last = o.criteria.at(-1);
      if (last) last.text = `${last.text} ${lead}`.trim();
      else warn(lineNo, 'text-outside-criterion', `${cur.unit.ref} outcome ${o.number}: words with no criterion number: "${lead.slice(0, 60)}"`);
    }
    const foreign = splitCriteria(cell).pieces.filter((p) => p.number.split('.')[0] !== o.number);
    if (foreign.length) {
      warn(lineNo, 'criterion-outcome-mismatch', `${cur.unit.ref} outcome ${o.number}: criterion numbers of another outcome printed in its cell (${foreign.map((p) => p.number).join(', ')}); read as words`);
    }
    const glued = [...cleaned.matchAll(/\p{L}(\d{1,2}\.\d{1,2})\.?\s/gu)].map((m) => m[1]);
    if (glued.length) warn(lineNo, 'glued-number', `${cur.unit.ref}: criterion numbers glued to the previous word (${glued.join(', ')})`);
    for (const m of cleaned.matchAll(/(?:^|\s)(\d{1,2}\.\d{1,2})\.\s/g)) {
      warn(lineNo, 'number-trailing-dot', `${cur.unit.ref}: criterion number printed as "${m[1]}."`);
    }
    for (const p of pieces) {
      const copy = (cur.copies.get(p.number) ?? 0) + 1;
      cur.copies.set(p.number, copy);
      if (copy > 1) {
        warn(lineNo, 'duplicate-number', `${cur.unit.ref}: criterion ${p.number} printed ${copy} times; the later copy is kept with id suffix ~${copy}`);
      }
      o.criteria.push({ id: criterionId(specId, cur.unit.ref, p.number, copy), number: p.number, text: p.text });
    }
  };

  const tableRow = (raw: string, lineNo: number) => {
    if (!cur) return;
    const cells = raw.split('\t');
    const left = cleanText(cells[0]);
    const right = cells.slice(1).join('\t');
    const rightClean = cleanText(right);
    if (/^(learning outcomes?|the learner will)/i.test(left) || /^(assessment criteria|the learner can)/i.test(rightClean)) return;
    if (/^-*$/.test(left) && /^-*$/.test(rightClean)) return;
    if (left) {
      const m = /^(\d{1,2})\.?\s+(.+)$/.exec(left);
      if (m) {
        outcome = { number: m[1], title: m[2], criteria: [] };
      } else {
        const major = splitCriteria(right).pieces[0]?.number.split('.')[0] ?? String(cur.unit.outcomes.length + 1);
        warn(lineNo, 'outcome-unnumbered', `${cur.unit.ref}: learning outcome printed without a number ("${left.slice(0, 60)}"); numbered ${major} from its criteria`);
        outcome = { number: major, title: left, criteria: [] };
      }
      cur.unit.outcomes.push(outcome);
      cur.outcomeLines.set(outcome, lineNo);
    } else if (!outcome) {
      // A continuation row with nothing to continue: its outcome's title row is missing.
      const major = splitCriteria(right).pieces[0]?.number.split('.')[0];
      if (!major) return;
      outcome = { number: major, title: '', criteria: [] };
      cur.unit.outcomes.push(outcome);
      cur.outcomeLines.set(outcome, lineNo);
    }
    addCriteria(right, lineNo);
  };

  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    const lineNo = i + 1;
    const trimmed = raw.trim();

    const entry = CONTENTS_ENTRY.exec(raw);
    if (entry && section === 'preamble') {
      contents.push({ ref: entry[1], title: cleanText(entry[2]), line: lineNo });
      continue;
    }
    const cells = raw.split('\t').map((c) => cleanText(c));
    if (section === 'preamble' && cells.length >= 5 && /^[A-Z]{2}\s?\d{3,4}$/.test(cells[1])) {
      structure.push({ ref: cells[1], title: cells[2], level: parseLevel(cells[3]), credit: toNumber(cells[4]), line: lineNo });
      continue;
    }

    const heading = raw.includes('\t') ? null : UNIT_HEADING.exec(trimmed);
    if (heading) {
      cur = startUnit(heading[1], cleanText(heading[2]), lineNo);
      if (!cur.unit.title) warn(lineNo, 'unit-no-title', `Unit ${heading[1]} has no title on its heading line`);
      section = 'fields';
      continue;
    }
    if (!cur) continue;

    if (!trimmed) {
      if (section === 'notes' || section === 'aims') noteLines.push('');
      continue;
    }

    const isRow = raw.includes('\t');
    if (isRow && (section === 'notes' || section === 'after' || section === 'lost')) {
      if (section === 'lost') continue;
      flushNote();
      const prev = cur;
      const fix = ov?.lostHeadings?.find((l) => l.afterUnit === prev.unit.ref);
      const first = splitCriteria(raw.split('\t').slice(1).join('\t')).pieces[0]?.number;
      if (fix) {
        warn(lineNo, 'lost-heading', `Criteria${first ? ` from ${first}` : ''} follow the evidence requirements of ${prev.unit.ref}: the next unit's heading, aims, level, credit and earlier rows are missing (completed by overrides as ${fix.ref})`);
        usedLost.add(fix);
        cur = startUnit(fix.ref, fix.title, lineNo);
        cur.partial = true;
        cur.unit.level = fix.level;
        cur.unit.credit = fix.credit;
        cur.unit.glh = fix.glh ?? null;
        if (fix.note) cur.unit.notes = [{ heading: 'Missing from the specification', text: fix.note }];
        section = 'table';
        tableRow(raw, lineNo);
        if (outcome && !outcome.title) outcome.title = fix.outcomeTitles?.[outcome.number] ?? '';
      } else {
        warn(lineNo, 'lost-heading', `Criteria${first ? ` from ${first}` : ''} follow the evidence requirements of ${prev.unit.ref}: the next unit's heading is missing; rows skipped until the next unit (add a lostHeadings override)`);
        section = 'lost';
      }
      continue;
    }
    if (section === 'lost') continue;

    if (NOTE_HEADINGS.test(trimmed)) {
      flushNote();
      noteHeading = trimmed;
      noteStart = lineNo;
      section = /^aims?$/i.test(trimmed) ? 'aims' : 'notes';
      outcome = undefined;
      continue;
    }

    const credit = /^Credit value:?\s*(.*)$/i.exec(trimmed);
    if (credit && section !== 'notes') {
      flushNote();
      section = 'fields';
      const n = toNumber(credit[1]);
      if (n === null) warn(lineNo, 'credit-unreadable', `${cur.unit.ref}: credit value "${credit[1]}" is not a number`);
      else if (!/\d/.test(credit[1])) warn(lineNo, 'credit-in-words', `${cur.unit.ref}: credit value written in words ("${credit[1]}")`);
      cur.unit.credit = n;
      continue;
    }
    const level = /^Level:?\s*(.*)$/i.exec(trimmed);
    if (level && section !== 'notes') {
      flushNote();
      section = 'fields';
      const l = parseLevel(level[1]);
      if (l === null) warn(lineNo, 'level-unreadable', `${cur.unit.ref}: level "${level[1]}" cannot be read`);
      else if (levelInWords(level[1])) warn(lineNo, 'level-in-words', `${cur.unit.ref}: level written in words ("${level[1]}")`);
      cur.unit.level = l;
      continue;
    }
    const glh = /^(?:GLH|Guided learning hours):?\s*(\d+)$/i.exec(trimmed);
    if (glh && section !== 'notes') {
      cur.unit.glh = Number(glh[1]);
      continue;
    }

    if (isRow) {
      if (section !== 'table') {
        flushNote();
        if (!/^learning outcomes?/i.test(cleanText(raw.split('\t')[0]))) {
          warn(lineNo, 'table-header-missing', `${cur.unit.ref}: outcomes table without its "Learning outcomes" header`);
        }
        section = 'table';
      }
      tableRow(raw, lineNo);
      continue;
    }

    if (/^learning outcomes?\b/i.test(trimmed)) {
      flushNote();
      section = 'table';
      continue;
    }

    if (section === 'table') {
      // A line without a tab inside the table: a criterion wrapped onto the next line.
      if (outcome) addCriteria(raw, lineNo);
      else warn(lineNo, 'text-outside-criterion', `${cur.unit.ref}: text in the outcomes table outside any outcome`);
      continue;
    }
    if (section === 'aims') {
      noteLines.push(cleanText(raw));
      continue;
    }
    if (section === 'notes') {
      const sentence = trimmed.length >= 40 || /[.:;]$/.test(trimmed);
      if (LIST_ITEM.test(raw) || sentence) {
        const item = /^(\d+)\.\s/.exec(trimmed);
        if (item) {
          const n = Number(item[1]);
          if (n !== noteItem + 1) {
            warn(lineNo, 'note-numbering', `${cur.unit.ref}: ${noteHeading} item ${n} follows item ${noteItem}${n > noteItem + 1 ? ' (an item is missing)' : ''}`);
          }
          noteItem = n;
        }
        noteLines.push(cleanText(raw));
        continue;
      }
      // Short text that is neither a list item nor a sentence: the back cover or a page
      // furniture line, so the unit has ended.
      flushNote();
      section = 'after';
      continue;
    }
  }
  flushNote();

  // Overrides that complete or correct printed values.
  for (const [ref, fix] of Object.entries(ov?.units ?? {})) {
    const d = drafts.find((x) => x.unit.ref === ref);
    if (!d) {
      warn(0, 'override-unused', `Override for unit ${ref} matches no unit`);
      continue;
    }
    if (fix.title !== undefined) d.unit.title = fix.title;
    if (fix.level !== undefined) d.unit.level = fix.level;
    if (fix.credit !== undefined) d.unit.credit = fix.credit;
    if (fix.glh !== undefined) d.unit.glh = fix.glh;
  }
  for (const [key, fix] of Object.entries(ov?.criteria ?? {})) {
    const c = drafts.flatMap((d) => d.unit.outcomes.flatMap((o) => o.criteria)).find((x) => x.id === `${specId}:${key}`);
    if (c) c.text = fix.text;
    else warn(0, 'override-unused', `Override for criterion ${key} matches no criterion`);
  }
  for (const l of ov?.lostHeadings ?? []) {
    if (!usedLost.has(l)) warn(0, 'override-unused', `Lost-heading override for ${l.ref} (after ${l.afterUnit}) matches no orphaned rows`);
  }

  crossCheck(drafts, contents, structure, warn);

  return {
    specification: { id: specId, source, title, qualifications: [], units: drafts.map((d) => d.unit) },
    warnings: warnings.sort((a, b) => a.line - b.line),
  };
}

function toNumber(s: string): number | null {
  const t = cleanText(s).toLowerCase();
  if (/^\d+$/.test(t)) return Number(t);
  const words = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];
  const k = words.indexOf(t);
  return k >= 0 ? k : null;
}
