/**
 * Corrections and completions for skills-cfa-l3-customer-service-units.txt, applied by
 * lib/catalogue/parse/skills-cfa.ts. Each entry says why; the parser still reports the
 * defect it corrects.
 */
import type { SkillsCfaOverrides } from '../../lib/catalogue/parse/skills-cfa';

/** Overrides for the Skills CFA draft Level 3 customer service units. */
export const overrides: SkillsCfaOverrides = {
  // The document is a bundle of unit tables with no title page; the title below is the
  // one the specs' README gives it.
  title: 'Skills CFA draft Level 3 customer service units (CS 27 to CS 36)',
};

export default overrides;
