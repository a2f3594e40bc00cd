/**
 * Parser for a single-unit sheet such as unit-j-506-2132-principles-of-customer-service.txt:
 * "Key:<tab>value" header lines (UAN, Level, Credit value, GLH, Aim...), then per learning
 * outcome a "Learning outcome / The learner will: / N. title / Assessment criteria / The
 * learner can:" block whose criteria come as tab-separated rows or markdown bullets, then
 * a "Range" of headed bullet lists. Range statements and guidance are kept as notes on the
 * unit for assessors; they are never criteria.
 */
import type { Level, Outcome, ParseResult, ParseWarning, Unit } from '../model';
import { cleanText, levelInWords, parseLevel, splitCriteria } from './text';
import { assignCriterionIds } from '../ids';

/** Explicit corrections and completions for a unit sheet (see data/sources). */
export interface UnitSheetOverrides {
  /** Specification id; by default `unit-` and the UAN in lower case, slashes as dashes. */
  specId?: string;
  /** Specification title; by default the unit's ref and title. */
  title?: string;
  /** Values the sheet leaves out or gets wrong, with the reason. */
  unit?: { title?: string; level?: Level; credit?: number; glh?: number; reason: string };
}

/** Header keys that give the unit's fields; other header keys become notes. */
const FIELD_KEYS: Record<string, 'ref' | 'title' | 'level' | 'credit' | 'glh'> = {
  'uan': 'ref',
  'unit reference': 'ref',
  'unit reference number': 'ref',
  'title': 'title',
  'unit title': 'title',
  'level': 'level',
  'credit value': 'credit',
  'credit': 'credit',
  'glh': 'glh',
  'guided learning hours': 'glh',
};

/** Headings that open assessment guidance or evidence requirements after the criteria. */
const GUIDANCE_HEADING = /^(additional guidance|assessment guidance|guidance|evidence requirements?)\b/i;

/** Parses a single-unit sheet into a specification holding that one unit. */
export function parseUnitSheet(text: string, source: string, overrides: UnitSheetOverrides = {}): ParseResult {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const warnings: ParseWarning[] = [];
  const warn = (line: number, code: string, message: string) => warnings.push({ line, code, message });
  const unit: Unit = { ref: '', title: '', level: null, credit: null, glh: null, outcomes: [] };
  const notes: { heading: string; text: string }[] = [];
  const copies = new Map<string, number>();
  const seen = { ref: 0, title: 0, level: 0, credit: 0, glh: 0 };

  let section: 'header' | 'outcome' | 'criteria' | 'range' | 'guidance' = 'header';
  let outcome: Outcome | null = null;
  // The open note (a Range of one outcome, or a guidance section) and its lines.
  let note: { heading: string; lines: string[] } | null = null;
  let lastCriterion: { index: number; line: number } | null = null;

  const closeNote = () => {
    if (note && note.lines.length) notes.push({ heading: note.heading, text: note.lines.join('\n') });
    note = null;
  };

  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const raw = lines[i];
    const t = cleanText(raw);
    if (!t) {
      lastCriterion = null;
      continue;
    }
    const key = t.toLowerCase();

    if (section === 'header') {
      const kv = /^([^:\t]+):\s*\t\s*(.*)$/.exec(raw);
      if (kv) {
        const k = cleanText(kv[1]);
        const v = cleanText(kv[2]);
        const field = FIELD_KEYS[k.toLowerCase()];
        if (field) seen[field] = lineNo;
        if (field === 'ref') unit.ref = v;
        else if (field === 'title') unit.title = v;
        else if (field === 'level') {
          unit.level = parseLevel(v);
          if (levelInWords(v)) warn(lineNo, 'level-in-words', `Level stated in words: "${v}"`);
        } else if (field === 'credit' || field === 'glh') {
          unit[field] = /^\d+$/.test(v) ? Number(v) : null;
          if (unit[field] === null) warn(lineNo, `missing-${field}`, `${k} is not a number: "${v}"`);
        } else if (v) notes.push({ heading: k, text: v });
        continue;
      }
    }

    if (key === 'learning outcome') {
      closeNote();
      section = 'outcome';
      outcome = null;
      continue;
    }
    if (key === 'range') {
      closeNote();
      section = 'range';
      note = { heading: outcome ? `Range (outcome ${outcome.number})` : 'Range', lines: [] };
      continue;
    }
    if (GUIDANCE_HEADING.test(t)) {
      closeNote();
      section = 'guidance';
      note = { heading: t, lines: [] };
      continue;
    }
    if (section === 'range' || section === 'guidance') {
      // Range lists and guidance bullets: a heading line, then "- " or "• " bullets.
      const bullet = /^[-•*]\s+(.*)$/.exec(t);
      if (note) note.lines.push(bullet ? `- ${bullet[1]}` : t);
      continue;
    }
    if (key === 'the learner will:') continue;
    if (key === 'assessment criteria') {
      section = 'criteria';
      continue;
    }
    if (key === 'the learner can:') continue;

    if (section === 'outcome') {
      const oc = /^(\d{1,2})\.(?!\d)\s*(.*)$/.exec(t);
      if (oc) {
        outcome = { number: oc[1], title: oc[2].trim(), criteria: [] };
        unit.outcomes.push(outcome);
      } else warn(lineNo, 'stray-text', `Text where an outcome's title was expected: "${t}"`);
      continue;
    }

    if (section === 'criteria' && outcome) {
      const { lead, pieces } = splitCriteria(t.replace(/^[-•*]\s+/, ''), outcome.number);
      if (lead) {
        if (lastCriterion && lastCriterion.line === lineNo - 1) {
          const c = outcome.criteria[lastCriterion.index];
          c.text = `${c.text} ${lead}`;
        } else {
          // Anything else after the criteria is a guidance section: kept for assessors.
          closeNote();
          section = 'guidance';
          note = { heading: t, lines: [] };
          continue;
        }
      }
      for (const p of pieces) {
        const copy = (copies.get(p.number) ?? 0) + 1;
        copies.set(p.number, copy);
        if (copy > 1) warn(lineNo, 'duplicate-number', `Criterion ${p.number} printed ${copy} times; both kept`);
        const expected = `${outcome.number}.${outcome.criteria.length + 1}`;
        if (copy === 1 && p.number !== expected) warn(lineNo, 'number-out-of-sequence', `Criterion ${p.number} where ${expected} was expected`);
        outcome.criteria.push({ id: '', number: p.number, text: p.text });
        lastCriterion = { index: outcome.criteria.length - 1, line: lineNo };
      }
      continue;
    }

    // Text after the criteria that is not a Range: a guidance section with its own heading.
    closeNote();
    section = 'guidance';
    note = { heading: t, lines: [] };
  }
  closeNote();

  if (!seen.ref) warn(1, 'missing-ref', 'The sheet prints no unit reference (UAN)');
  if (!seen.title) warn(1, 'missing-title', 'The sheet prints no unit title');
  if (!seen.level) warn(1, 'missing-level', 'The sheet prints no level');
  if (!seen.credit) warn(1, 'missing-credit', 'The sheet prints no credit value');
  if (!seen.glh) warn(1, 'missing-glh', 'The sheet prints no GLH');

  const o = overrides.unit;
  if (o) {
    if (o.title !== undefined) unit.title = o.title;
    if (o.level !== undefined) unit.level = o.level;
    if (o.credit !== undefined) unit.credit = o.credit;
    if (o.glh !== undefined) unit.glh = o.glh;
  }
  if (notes.length) unit.notes = notes;
  const specId = overrides.specId ?? `unit-${unit.ref.toLowerCase().replace(/[\s/]+/g, '-')}`;
  assignCriterionIds(specId, unit);

  return {
    specification: {
      id: specId,
      source,
      title: overrides.title ?? [unit.ref, unit.title].filter(Boolean).join(' '),
      qualifications: [],
      units: [unit],
    },
    warnings,
  };
}
