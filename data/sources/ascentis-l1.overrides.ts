/**
 * Corrections for ascentis-l1-introduction-to-customer-service.txt, applied by
 * lib/catalogue/parse/ascentis.ts. The unit pages print no unit reference, so every ref
 * comes from the rules-of-combination and barred-combinations tables, matched by title.
 * Where those tables disagree the parser reports `ref-mismatch` (it does so with or without
 * these entries) and, left alone, keeps the rules-of-combination table's ref; each entry
 * below makes that choice explicit and says why.
 */
import type { AscentisOverrides } from '../../lib/catalogue/parse/ascentis';

const overrides: AscentisOverrides = {
  units: {
    'Record and communicate customer problems': {
      // Rules of combination, line 187: K/601/6075. Barred combinations, line 200: M/601/6075.
      // QCF check letters step by two places through A D F H J K L M R T Y for consecutive
      // numbers of one run: H/601/6074 (line 186) is followed by K for 6075, M for 6076 and
      // T for 6077 (line 188, agreed by both tables). So M/601/6075 is the typo.
      ref: 'K/601/6075',
      reason: 'Ref printed K/601/6075 (line 187) and M/601/6075 (line 200); the check letter confirms K.',
    },
    'Working in customer service': {
      // Rules of combination, line 172: M/601/6076. Barred combinations, line 201: T/601/6076.
      // By the same check-letter run (H 6074, K 6075, M 6076, T 6077), T belongs to 6077,
      // "Answer telephone calls from customers"; M/601/6076 is right.
      ref: 'M/601/6076',
      reason: 'Ref printed M/601/6076 (line 172) and T/601/6076 (line 201); the check letter confirms M.',
    },
  },
};

export default overrides;
