/**
 * Corrections and completions for unit-j-506-2132-principles-of-customer-service.txt,
 * applied by lib/catalogue/parse/unit-sheet.ts. Each entry says why; the parser still
 * reports the defect it corrects.
 */
import type { UnitSheetOverrides } from '../../lib/catalogue/parse/unit-sheet';

/** Overrides for the J/506/2132 unit sheet. */
export const overrides: UnitSheetOverrides = {
  title: 'J/506/2132 Principles of customer service',
  unit: {
    // The sheet starts at "UAN:" and never prints the unit's title (warning missing-title,
    // line 1). The title is in the file's name and in the specs' README: "principles of
    // customer service"; its aim reads "the key principles of customer service".
    title: 'Principles of customer service',
    reason: 'The sheet prints no title; taken from the file name and the specs README.',
  },
};

export default overrides;
