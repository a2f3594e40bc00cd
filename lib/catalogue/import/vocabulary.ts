/**
 * The layout vocabulary of qualification specifications, shared by the structure parser:
 * unit references and codes, unit fields and their labels, the headings that open and end
 * a criteria table, table cells from tabs, HTML paragraphs, markdown pipes or runs of
 * spaces. Words only; nothing here names an awarding body or a document.
 */
import { cleanText } from '../parse/text';
import type { Level } from '../model';

export type Field = 'title' | 'ref' | 'level' | 'credit' | 'glh';

/** A QCF/RQF unit reference: letter, three digits, four digits ("A/601/1234"). */
export const QCF_REF = /^[A-Z]\s?\/?\s?\d{3}\s?\/\s?\d{4}$/;
/** A body's own code: "CU795", "CS 27", "HSC 2001", "301". */
export const CODE_REF = /^(?:[A-Z]{1,5}\s?\d{1,4}[A-Z]?|\d{1,4})$/;
export const REF_TOKEN = String.raw`(?:[A-Z]\/\d{3}\/\d{4}|[A-Z]{1,5}\s?\d{1,4}[A-Z]?|\d{1,4})`;
/** "Unit CU795 Communicate...", "UNIT 12: Title", "Unit A/601/1234 – Title". */
export const UNIT_HEADING = new RegExp(String.raw`^unit\s+(${REF_TOKEN})\s*[:.\-–—]?\s+(\S.*)$`, 'i');

export const FIELD_LABELS: [Field, RegExp][] = [
  ['title', /^(?:unit\s+)?title$/i],
  [
    'ref',
    /^(?:unit\s+(?:reference|ref|number|code|no)(?:\s+(?:number|no))?|uan|unit accreditation number|(?:ofqual|qca|rqf|qcf)\s+(?:unit\s+)?(?:reference|ref|number|code)(?:\s+(?:number|no))?|[a-z][\w ]{0,30}\s+(?:reference|ref)(?:\s+(?:number|no))?|reference(?:\s+(?:number|no))?|unit\s+id)$/i,
  ],
  ['level', /^(?:unit\s+)?level(?:\s+of\s+unit)?$/i],
  ['credit', /^(?:unit\s+)?credits?(?:\s+value)?(?:\s+of\s+unit)?$/i],
  ['glh', /^(?:unit\s+)?(?:glh|guided learning hours?)(?:\s+of\s+unit)?$/i],
];

/** Headings that end the criteria: what follows is not a criterion. */
export const SECTION_END =
  /^(?:range(?: statements?)?|indicative (?:content|contents)|unit content|content|amplification|(?:additional |delivery |assessment |unit )*guidance(?:[/ ].*)?|additional (?:assessment )?(?:guidance|information|requirements).*|evidence requirements?|assessment requirements?.*|(?:evidence )?tracking sheets?|unit purpose.*|(?:unit )?aims?(?: and purpose)?|notes?|knowledge and understanding|unit expiry date|details of the relationship.*|supporting information|resources|assessment methods?|learner declaration|glossary|delivery and assessment.*|relationship to nos.*|unit summary|introduction|assessment record.*|action plan|observation record.*|candidate declaration|mapping to .*|links to .*)[:.]?$/i;

/** Row headers of a criteria table: skipped wherever they repeat. */
export const HEADER_CELL =
  /^(?:(?:learning outcomes?|assessment criteria|outcomes?|criteria)(?:\s*\((?:LOs?|ACs?)\))?\s*)?(?:\(?(?:the )?learner (?:will|can|should|must)(?: be able to)?:?\)?)?$/i;
export const OUTCOME_HEADING =
  /^(?:(?:learning\s+)?outcome|LO)\s*(\d{1,2})(?:\s*[:.\-–—]\s*|\s+(?=(?:the learner will|know|understand|be able|able|demonstrate|develop|use|apply|plan|prepare|carry out|work|explain|identify|contribute|support|maintain|promote|manage|lead|provide)\b))(?:the learner will:?\s+)?(\p{L}.*)$/iu;
export const QUALIFICATION_TITLE = /\b(?:level|entry)\s+\d\b.*\b(?:award|certificate|diploma|nvq|qualification|extended certificate|units?)\b/i;
/** Columns of forms (tracking sheets, assessment records), never of a unit's criteria table. */
export const FORM_COLUMN = /\b(?:evidence|date|signature|portfolio|method|reference|achieved|completed|initials|page)\b/i;
export const OPENS_CRITERIA = /^(?:learning outcomes?(?:\s*\(LOs?\))?(?:\s*:?\s*\(?the learner will(?: be able to)?:?\)?)?|\(?the learner will(?: be able to)?:?\)?)$/i;

export function splitCells(raw: string): string[] {
  let s = raw;
  if (/^\s*\|.*\|\s*$/.test(s)) s = s.trim().slice(1, -1).replace(/\|/g, '\t');
  const cells: string[] = [];
  for (const cell of s.split(/\t| {3,}/)) {
    for (const part of cell.split(/<\/p>|<br\s*\/?>|<\/li>/i)) {
      const t = cleanText(part)
        .replace(/^#{1,6}\s+/, '')
        .replace(/^(?:[-•▪◦●*·–]|\\-)\s+/, '')
        .replace(/\\([_*#|-])/g, '$1')
        .trim();
      cells.push(t);
    }
  }
  return cells;
}

/** Bare separators and rules: "---", "--\t--", "|---|---|". */
export function isRule(cells: string[]): boolean {
  const t = cells.join('');
  return t.length > 0 && /^[-=_:|\s]+$/.test(t);
}

/** A field on one line ("Credit value: 4", "Level\t2", "Credit value 4"). */
export function fieldOf(cells: string[]): { field: Field; value: string; labelOnly: boolean } | null {
  const nonEmpty = cells.filter((c) => c);
  if (!nonEmpty.length || nonEmpty.length > 2) return null;
  const first = nonEmpty[0];
  const colon = /^([^:]{2,45}):\s*(.*)$/.exec(first);
  const candidates: [string, string][] = [];
  if (colon) candidates.push([colon[1].trim(), [colon[2], ...nonEmpty.slice(1)].join(' ').trim()]);
  // Labels are short: a long cell is words, not a label (and not worth the regexes).
  if (first.length <= 60) candidates.push([first.replace(/:$/, '').trim(), nonEmpty.slice(1).join(' ').trim()]);
  const numeric = first.length <= 60 ? /^(.*?)\s+((?:entry\s+(?:level\s+)?)?\d{1,3})$/i.exec(first) : null;
  if (numeric && nonEmpty.length === 1) candidates.push([numeric[1].trim(), numeric[2]]);
  for (const [label, value] of candidates) {
    for (const [field, re] of FIELD_LABELS) {
      if (!re.test(label)) continue;
      if ((field === 'level' || field === 'credit' || field === 'glh') && value && !/\d|entry|n\/a|^-$/i.test(value)) continue;
      return { field, value, labelOnly: value === '' };
    }
  }
  return null;
}

export function normaliseRef(ref: string): string {
  const t = ref.trim();
  if (QCF_REF.test(t)) {
    const m = /^([A-Z])\s?\/?\s?(\d{3})\s?\/\s?(\d{4})$/.exec(t);
    if (m) return `${m[1]}/${m[2]}/${m[3]}`;
  }
  return t;
}

export function isRef(s: string): boolean {
  return QCF_REF.test(s.trim()) || (CODE_REF.test(s.trim()) && /\d/.test(s));
}

export function toCount(value: string): number | null {
  const m = /\d+/.exec(value);
  return m ? Number(m[0]) : null;
}

/** Text compared loosely: case, quotes, dashes, spaces and a trailing "(Entry 3)" aside. */
export function looseText(s: string): string {
  return cleanText(s)
    .toLowerCase()
    .replace(/[‘’`´]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[–—‐-]/g, '-')
    .replace(/\s*\((?:entry \d|level \d|e\d|l\d)\)\s*$/i, '')
    .replace(/[.\s]+$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A row of a table that lists units (rules of combination, structure, contents). */
export interface UnitRow {
  cells: string[];
  ref?: string;
  level?: Level | null;
  credit?: number | null;
  glh?: number | null;
}

/** Column roles from a header row: which cell holds level, credit, GLH. */
export function headerRoles(cells: string[]): { level?: number; credit?: number; glh?: number } | null {
  const roles: { level?: number; credit?: number; glh?: number } = {};
  cells.forEach((c, i) => {
    if (/\blevel\b/i.test(c) && roles.level === undefined) roles.level = i;
    else if (/\bcredits?\b/i.test(c) && roles.credit === undefined) roles.credit = i;
    else if (/\b(?:glh|guided learning)\b/i.test(c) && roles.glh === undefined) roles.glh = i;
  });
  const numbers = cells.filter((c) => /^\d+$/.test(c)).length;
  return roles.level !== undefined && roles.credit !== undefined && numbers === 0 ? roles : null;
}

export const JOINERS = new Set(
  'a an the and or of to in on for with by from at as their its his her your our into onto within between that which who whose than when where how'.split(' '),
);

/** True when `next` starts a new sentence rather than continuing `prev` (a wrapped line). */
export function startsSentence(next: string, prev: string): boolean {
  const lastWord = /([\p{L}']+)\W*$/u.exec(prev)?.[1]?.toLowerCase() ?? '';
  return /^[“"‘'(]?\p{Lu}/u.test(next) && !JOINERS.has(lastWord) && !/[,;:(–-]$/.test(prev.trim()) && next.split(/\s+/).length >= 4;
}

/** The specification id a file's name gives: its base name as lower-case words joined by "-". */
export function specIdFromName(name: string): string {
  return (
    name
      .replace(/^.*[\\/]/, '')
      .replace(/\.[a-z0-9]{1,5}$/i, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'imported'
  );
}
