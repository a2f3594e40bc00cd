/**
 * Corrections and completions for edi-l2-nvq-certificate-customer-service.txt, applied by
 * lib/catalogue/parse/edi.ts. Each entry says why and where its values come from; the
 * parser still reports the defect itself as a warning.
 */
import type { EdiOverrides } from '../../lib/catalogue/parse/edi';

const overrides: EdiOverrides = {
  specId: 'edi-l2',
  lostHeadings: [
    {
      // After CU829's evidence requirements (line 1741) the document goes straight on with
      // a continuation row holding criteria 2.5-2.7 (line 1742), then outcome 3 "Know how
      // to develop their own customer service skills through self-study" and evidence
      // requirements: the rest of unit CU830, whose heading, aims, level, credit, outcome 1,
      // outcome 2's title and criteria 2.1-2.4 were lost with a page.
      afterUnit: 'CU829',
      ref: 'CU830',
      // Contents, line 70: "UNIT CU830 – Develop Your Own Customer Service Skills Through Self-study".
      title: 'Develop Your Own Customer Service Skills Through Self-study',
      // Qualification structure, line 387: "D6 CU830 ... 2 6" (QCF level 2, 6 credits).
      level: 2,
      credit: 6,
      // Outcome 2's title is printed nowhere in the document; left empty rather than invented.
      outcomeTitles: { '2': '' },
      note:
        'The specification lost this unit\'s heading page: its aims, learning outcome 1 and its criteria, ' +
        'and the title of learning outcome 2 with criteria 2.1 to 2.4 are not printed. Title, level and ' +
        'credit are taken from the contents and the qualification structure table.',
      reason: 'Heading lost between CU829 and the rows at line 1742; values from lines 70 and 387.',
    },
  ],
};

export default overrides;
