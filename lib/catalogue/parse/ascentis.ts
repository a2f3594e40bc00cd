/**
 * Parser for the Ascentis Level 1 Introduction to Customer Service specification (spec id
 * `ascentis-l1`). First version: returns an empty specification; filled in shortly.
 */
import type { ParseResult, Unit } from '../model';

/** Explicit corrections the Ascentis parser applies (see data/sources/ascentis-l1.overrides.ts). */
export interface AscentisOverrides {
  /** Units to correct by ref: fields given here replace what was read. */
  units?: Record<string, Partial<Pick<Unit, 'title' | 'level' | 'credit' | 'glh'>>>;
}

/** Parses the Ascentis specification's text into units (qualifications are supplied elsewhere). */
export function parseAscentis(text: string, source: string, overrides: AscentisOverrides = {}): ParseResult {
  void text;
  void overrides;
  return {
    specification: { id: 'ascentis-l1', source, title: '', qualifications: [], units: [] },
    warnings: [],
  };
}
