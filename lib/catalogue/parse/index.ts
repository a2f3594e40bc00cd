/**
 * The parser entry: recognises which family of specification a text is (EDI, HABC,
 * Ascentis, Skills CFA units, a single-unit sheet) by what it contains, not by its file
 * name, and hands it to that family's parser with its overrides. Overrides are plain data
 * passed in by the caller (the scripts load `data/sources/<specId>.overrides.ts`), so this
 * module reads no files.
 */
import type { ParseResult } from '../model';
import { parseAscentis } from './ascentis';
import { parseEdi } from './edi';
import { parseHabc } from './habc';
import { parseSkillsCfa } from './skills-cfa';
import { parseUnitSheet } from './unit-sheet';

/** A text that cannot be read as a specification; the message says why. */
export class SpecificationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SpecificationError';
  }
}

/** One family of documents: how to recognise it and which parser reads it. */
export interface SpecificationFamily {
  name: string;
  /** True when the text carries this family's marks. */
  detect: (text: string) => boolean;
  // `never` lets each parser keep its own overrides type; the caller's data is passed as is.
  parse: (text: string, source: string, overrides?: never) => ParseResult;
}

/** The families, tried in order; the first whose marks the text carries reads it. */
const FAMILIES: SpecificationFamily[] = [
  {
    name: 'EDI',
    detect: (t) => /\bEDI\b/.test(t) && /^Unit\s+[A-Z]{2}\s?\d{3}/m.test(t),
    parse: parseEdi,
  },
  {
    name: 'HABC',
    detect: (t) => /\bHABC\b|highfieldabc/i.test(t) && /learning outcomes?/i.test(t),
    parse: parseHabc,
  },
  {
    name: 'Ascentis',
    detect: (t) => /\bAscentis\b/.test(t) && /learning outcomes?/i.test(t),
    parse: parseAscentis,
  },
  {
    name: 'Skills CFA',
    detect: (t) => /Skills CFA Reference/i.test(t),
    parse: parseSkillsCfa,
  },
  {
    name: 'unit sheet',
    detect: (t) => /^(UAN|Unit reference(?: number)?):?\t/im.test(t) && /learning outcome/i.test(t),
    parse: parseUnitSheet,
  },
];

/** Names the family a text belongs to, or null when none recognises it. */
export function detectFamily(text: string): SpecificationFamily | null {
  return FAMILIES.find((f) => f.detect(text)) ?? null;
}

/**
 * Parses a specification's text. `overrides` is the family's overrides object (each parser
 * applies it only to the specification it names). Throws SpecificationError when the
 * text is no specification of a known family or yields no criteria.
 */
export function parseSpecification(text: string, source: string, overrides?: unknown): ParseResult {
  if (!text.trim()) throw new SpecificationError(`${source} is empty`);
  // NUL bytes mean a binary file (PDF, Word, image), which these parsers cannot read.
  if (text.includes('\u0000')) throw new SpecificationError(`${source} is not a text file (convert it to plain text first)`);
  const family = detectFamily(text);
  if (!family) {
    throw new SpecificationError(
      `${source} is not a specification this parser knows: expected an EDI, HABC, Ascentis or Skills CFA specification, or a unit sheet with a UAN`,
    );
  }
  const result = family.parse(text, source, overrides as never);
  const criteria = result.specification.units.reduce((n, u) => n + u.outcomes.reduce((m, o) => m + o.criteria.length, 0), 0);
  if (!criteria) {
    throw new SpecificationError(`${source} has the marks of the ${family.name} family but no assessment criteria could be read from it`);
  }
  return result;
}
