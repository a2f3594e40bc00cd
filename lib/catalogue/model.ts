/**
 * The qualification catalogue's model: specification > qualifications (with rules of
 * combination) and units > learning outcomes > assessment criteria. Plain data, so it
 * can be stored in IndexedDB, shipped as JSON in `data/`, and passed between contexts.
 */

/** A unit's level: a number (1-8), or an entry level such as "Entry 3". */
export type Level = number | `Entry ${1 | 2 | 3}`;

/** One assessment criterion, with the words the specification prints. */
export interface Criterion {
  /**
   * Stable id, unique in the whole catalogue: `${specId}:${unitKey}:${number}`, where
   * unitKey is the unit ref with spaces and slashes removed (CU795, L5062150, CS27).
   * A number printed twice in one outcome gets `~2`, `~3`... on its later copies.
   */
  id: string;
  /** The number as printed, normalised ("2.3", never "2.3."). */
  number: string;
  /** The criterion's words: tags and markup removed, whitespace collapsed. */
  text: string;
}

/** A learning outcome ("The learner will: ...") and its criteria. */
export interface Outcome {
  /** As printed: "1", "2"... */
  number: string;
  title: string;
  criteria: Criterion[];
}

/** A unit, keyed per specification (the same title recurs in other documents). */
export interface Unit {
  /** As printed: "CU795", "L/506/2150", "CS 27". */
  ref: string;
  title: string;
  level: Level | null;
  credit: number | null;
  glh: number | null;
  outcomes: Outcome[];
  /** Range statements, evidence requirements, assessment guidance: kept for assessors. */
  notes?: { heading: string; text: string }[];
}

/** A group of units in the rules of combination. */
export interface RuleGroup {
  id: string; // "A", "B", "Mandatory", ...
  title: string;
  mandatory: boolean;
  units: string[]; // unit refs of this specification
  minCredits?: number;
  maxCredits?: number;
  minUnits?: number;
  maxUnits?: number;
  /** Credits from this group that must be at or above a level (e.g. 2 credits at level 1). */
  minCreditsAtLevel?: { level: Level; credits: number; exact?: boolean };
}

/** Rules of combination for one qualification. */
export interface Rules {
  minCredits: number;
  maxCredits?: number;
  groups: RuleGroup[];
  /** Credits that must come from units at or above a level, optionally limited to groups. */
  levelConstraints: { minLevel: Level; credits: number; groups?: string[]; description: string }[];
  /** Units that cannot both count towards the qualification. */
  barred: { units: [string, string]; reason: string }[];
  /** The specification's own words for the rules, for display. */
  summary: string;
}

/** A qualification defined by a specification. */
export interface Qualification {
  /** Stable id: `${specId}:${number}` e.g. "habc-l3:601/4027/6". */
  id: string;
  /** Ofqual number, e.g. "601/4027/6". */
  number: string;
  title: string;
  level: Level | null;
  glh: number | null;
  rules: Rules;
}

/** One source document and what it defines. */
export interface Specification {
  /** Short stable id: "edi-l2", "habc-l3", "ascentis-l1", "skills-cfa-l3", "unit-j-506-2132". */
  id: string;
  /** The spec's file name, e.g. "edi-l2-nvq-certificate-customer-service.txt". */
  source: string;
  title: string;
  qualifications: Qualification[];
  units: Unit[];
}

/** The whole built-in catalogue (`data/catalogue.json`). */
export interface Catalogue {
  formatVersion: 1;
  specifications: Specification[];
}

/** A problem the parser met in a document, with its 1-based line number. */
export interface ParseWarning {
  line: number;
  code: string;
  message: string;
}

/** What a document parser returns: the specification and the defects it met. */
export interface ParseResult {
  specification: Specification;
  warnings: ParseWarning[];
}
