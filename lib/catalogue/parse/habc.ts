/**
 * Parser for the HABC Level 3 Diploma in Customer Service specification (spec id
 * `habc-l3`). First version: returns an empty specification; filled in shortly.
 */
import type { ParseResult, Unit } from '../model';

/** Explicit corrections the HABC parser applies (see data/sources/habc-l3.overrides.ts). */
export interface HabcOverrides {
  /** Units to correct by ref: fields given here replace what was read. */
  units?: Record<string, Partial<Pick<Unit, 'title' | 'level' | 'credit' | 'glh'>>>;
}

/** Parses the HABC specification's text into units (qualifications are supplied elsewhere). */
export function parseHabc(text: string, source: string, overrides: HabcOverrides = {}): ParseResult {
  void text;
  void overrides;
  return {
    specification: { id: 'habc-l3', source, title: '', qualifications: [], units: [] },
    warnings: [],
  };
}
