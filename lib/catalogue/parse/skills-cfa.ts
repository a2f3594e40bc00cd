/**
 * Parser for Skills CFA's draft unit pages (skills-cfa-l3-customer-service-units.txt):
 * each unit is a Word table converted to tab-indented lines: "Title", "Skills CFA
 * Reference", "Level", "Credit Value", "GLH", "Unit Reference No." each followed by its
 * value on the next line, then outcomes ("1. Understand ...") and their criteria, one per
 * line, some wrapping onto a second line, then "Additional Information about the unit".
 * The draft leaves credits and GLH blank, puts guidance where a reference number belongs,
 * leaves one unit's outcomes unwritten and ends with reviewers' comments: each is reported.
 */
import type { Level, Outcome, ParseResult, ParseWarning, Unit } from '../model';
import { cleanText, levelInWords, parseLevel, splitCriteria } from './text';
import { assignCriterionIds } from '../ids';

/** Explicit corrections and completions for a Skills CFA document (see data/sources). */
export interface SkillsCfaOverrides {
  /** Specification id; by default `skills-cfa-l<level>` from the units' common level. */
  specId?: string;
  /** Specification title: the document prints none. */
  title?: string;
  /** Per unit ref as printed ("CS 27"): values the document leaves out or gets wrong. */
  units?: Record<string, { title?: string; level?: Level; credit?: number; glh?: number; reason: string }>;
}

/** The header fields of a unit page, in the document's words. */
const HEADER_KEYS: Record<string, 'title' | 'ref' | 'level' | 'credit' | 'glh' | 'unitNo'> = {
  'title': 'title',
  'skills cfa reference': 'ref',
  'level': 'level',
  'credit value': 'credit',
  'glh': 'glh',
  'unit reference no.': 'unitNo',
};

/** Fields after "Additional Information about the unit" whose words assessors read. */
const NOTE_KEYS = [
  'unit purpose and aim(s)',
  'assessment requirements or guidance specified by a sector or regulatory body (if appropriate)',
];
/** Other fields of that section: administrative, skipped with their value line. */
const ADMIN_KEYS = [
  'unit expiry date',
  'details of the relationship between the unit and relevant national occupational standards or other professional standards or curricula (if appropriate)',
  'support for the unit from an ssc or other appropriate body (if required)',
  'location of the unit within the subject/sector classification system',
  'name of the organisation submitting the unit',
  'availability for use',
  'unit available from',
];

interface Draft {
  unit: Unit;
  line: number;
  copies: Map<string, number>;
}

/** Parses a Skills CFA unit document into a specification and the defects met on the way. */
export function parseSkillsCfa(text: string, source: string, overrides: SkillsCfaOverrides = {}): ParseResult {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const warnings: ParseWarning[] = [];
  const warn = (line: number, code: string, message: string) => warnings.push({ line, code, message });
  const drafts: Draft[] = [];
  let current: Draft | null = null;
  let outcome: Outcome | null = null;
  // Where the last criterion was pushed: a wrapped line continues it only when it follows
  // directly, with no blank line between.
  let lastCriterion: { outcome: Outcome; index: number; line: number } | null = null;
  let section: 'header' | 'criteria' | 'additional' | 'end' = 'header';

  const valueAfter = (i: number): string => (i + 1 < lines.length ? cleanText(lines[i + 1]) : '');

  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const raw = lines[i];
    const t = cleanText(raw);
    if (!t) {
      lastCriterion = null;
      continue;
    }
    const key = t.toLowerCase();

    // Reviewers' comments survive as lines opening with U+FFFD, where the comment's anchor was.
    if (t.startsWith('\uFFFD')) {
      warn(lineNo, 'reviewer-comment', `Reviewer's comment left in the document: "${t.slice(1).trim()}"`);
      section = 'end';
      continue;
    }

    const field = HEADER_KEYS[key];
    if (field === 'title') {
      current = { unit: { ref: '', title: valueAfter(i), level: null, credit: null, glh: null, outcomes: [] }, line: lineNo, copies: new Map() };
      drafts.push(current);
      outcome = null;
      section = 'header';
      if (!current.unit.title) warn(lineNo, 'missing-title', 'Unit has no title');
      i++;
      continue;
    }
    if (!current) continue;

    if (section === 'header' && field) {
      const value = valueAfter(i);
      const vLine = lineNo + 1;
      i++;
      if (field === 'ref') current.unit.ref = value;
      else if (field === 'level') {
        current.unit.level = parseLevel(value);
        if (value && levelInWords(value)) warn(vLine, 'level-in-words', `Level stated in words: "${value}"`);
        if (current.unit.level === null) warn(vLine, 'missing-level', 'Unit level is blank');
      } else if (field === 'credit' || field === 'glh') {
        const n = /^\d+$/.test(value) ? Number(value) : null;
        current.unit[field] = n;
        if (n === null) warn(vLine, `missing-${field}`, `${field === 'credit' ? 'Credit value' : 'GLH'} is ${value ? `not a number: "${value}"` : 'blank'}`);
      } else if (field === 'unitNo' && value && !/^[A-Z]\/\d{3}\/\d{4}$/.test(value)) {
        // The draft puts an author's guidance where the unit reference number belongs.
        warn(vLine, 'misplaced-text', `Text in the "Unit Reference No." cell is not a reference; kept as a note`);
        (current.unit.notes ??= []).push({ heading: 'Guidance', text: value });
      }
      continue;
    }

    if (key === 'learning outcomes' || key === 'learning outcomes assessment criteria') {
      section = 'criteria';
      continue;
    }
    if (key === 'assessment criteria' || key === 'the learner will:' || key === 'the learner can:') continue;
    if (key === 'additional information about the unit') {
      section = 'additional';
      outcome = null;
      continue;
    }

    if (section === 'additional') {
      if (NOTE_KEYS.includes(key)) {
        const value = valueAfter(i);
        i++;
        // "This unit concerns" is the draft's unfinished sentence, not guidance.
        if (/^this unit concerns$/i.test(value)) warn(lineNo + 1, 'unfinished-text', `"${t}" is unfinished: "${value}"`);
        else if (value) (current.unit.notes ??= []).push({ heading: t, text: value });
      } else if (ADMIN_KEYS.includes(key)) i++;
      continue;
    }
    if (section !== 'criteria') continue;

    const oc = /^(\d{1,2})\.(?!\d)\s*(.*)$/.exec(t);
    if (oc) {
      outcome = { number: oc[1], title: oc[2].trim(), criteria: [] };
      current.unit.outcomes.push(outcome);
      lastCriterion = null;
      if (/^(understand|be able to)$/i.test(outcome.title) || !outcome.title) {
        warn(lineNo, 'unfinished-outcome', `Outcome ${oc[1]} of ${current.unit.ref || 'unit'} is unfinished: "${outcome.title}"`);
      }
      continue;
    }
    if (!outcome) {
      warn(lineNo, 'text-outside-outcome', `Text before the first outcome: "${t}"`);
      continue;
    }
    const empty = /^(\d{1,2})\.(\d{1,2})\.?$/.exec(t);
    if (empty) {
      warn(lineNo, 'empty-criterion', `Criterion ${empty[1]}.${Number(empty[2])} has no words; not kept`);
      lastCriterion = null;
      continue;
    }
    const { lead, pieces } = splitCriteria(t, outcome.number);
    if (lead) {
      if (lastCriterion && lastCriterion.line === lineNo - 1) {
        const prev = lastCriterion.outcome.criteria[lastCriterion.index];
        prev.text = `${prev.text} ${lead}`;
      } else if (outcome.criteria.length === 0 && pieces.length === 0) {
        // A sentence under an outcome's heading qualifies its words (e.g. what "Build" covers).
        (current.unit.notes ??= []).push({ heading: `Outcome ${outcome.number}`, text: lead });
      } else {
        warn(lineNo, 'stray-text', `Text that belongs to no criterion: "${lead}"`);
      }
    }
    for (const p of pieces) {
      const copy = (current.copies.get(p.number) ?? 0) + 1;
      current.copies.set(p.number, copy);
      if (copy > 1) warn(lineNo, 'duplicate-number', `Criterion ${p.number} of ${current.unit.ref} printed ${copy} times; both kept`);
      const expected = `${outcome.number}.${outcome.criteria.length + 1}`;
      if (copy === 1 && p.number !== expected) warn(lineNo, 'number-out-of-sequence', `Criterion ${p.number} where ${expected} was expected`);
      outcome.criteria.push({ id: '', number: p.number, text: p.text });
      lastCriterion = { outcome, index: outcome.criteria.length - 1, line: lineNo };
    }
  }

  const units = drafts.map((d) => d.unit);
  for (const d of drafts) {
    if (!d.unit.ref) warn(d.line, 'missing-ref', `Unit "${d.unit.title}" has no Skills CFA reference`);
    const o = overrides.units?.[d.unit.ref];
    if (o) {
      if (o.title !== undefined) d.unit.title = o.title;
      if (o.level !== undefined) d.unit.level = o.level;
      if (o.credit !== undefined) d.unit.credit = o.credit;
      if (o.glh !== undefined) d.unit.glh = o.glh;
    }
  }
  const levels = new Set(units.map((u) => u.level));
  const specId = overrides.specId ?? (levels.size === 1 && typeof units[0]?.level === 'number' ? `skills-cfa-l${units[0].level}` : 'skills-cfa');
  for (const u of units) assignCriterionIds(specId, u);
  if (!overrides.title) warn(1, 'missing-spec-title', 'The document prints no title; using its file name');

  return {
    specification: {
      id: specId,
      source,
      title: overrides.title ?? source.replace(/\.txt$/, ''),
      qualifications: [],
      units,
    },
    warnings,
  };
}
