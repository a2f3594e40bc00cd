/**
 * The rules of combination of every qualification the specifications define, written out
 * as data by reading each document's structure section (the prose is too irregular to
 * parse safely: one document contradicts itself, another prints refs with typos). The
 * catalogue generator merges these into data/catalogue.json by spec id. Each rule names
 * the document line it comes from (1-based, in ../shared/specs/<file>.txt).
 */
import type { Qualification, RuleGroup } from '../../lib/catalogue/model';

// ---------------------------------------------------------------------------------------
// EDI Level 2 NVQ Certificate in Customer Service, 500/9378/2
// edi-l2-nvq-certificate-customer-service.txt, "Qualification structure", lines 331-394.
// ---------------------------------------------------------------------------------------

/** EDI's groups B to E, which the level rule (line 333) names together. */
const EDI_OPTIONAL = ['B', 'C', 'D', 'E'];

const ediGroups: RuleGroup[] = [
  {
    // Line 333: "The learner must achieve eight credits from the Mandatory Units";
    // line 335: "GROUP A ... Mandatory Units - Customer Service Foundations" (rows 336-337).
    id: 'A',
    title: 'Mandatory Units - Customer Service Foundations',
    mandatory: true,
    // Both units are required; their 4 + 4 credits are the "eight credits" of line 333.
    units: ['CU791', 'CU792'],
  },
  {
    // Line 333: "...by completing a minimum of one unit from each Optional Group";
    // line 339: "Group B ... Optional Units - Impression and Image" (rows 340-355).
    id: 'B',
    title: 'Optional Units - Impression and Image',
    mandatory: false,
    units: [
      'CU793', 'CU794', 'CU795', 'CU796', 'CU797', 'CU798', 'CU799', 'CU800',
      'CU801', 'CU802', 'CU803', 'CU804', 'CU818', 'CU755', 'CU819', 'CU820',
    ],
    minUnits: 1,
  },
  {
    // Line 357: "Group C ... Optional Units - Delivery" (rows 358-362); the table is split
    // across a page and its header repeated at line 364 (rows 365-370).
    id: 'C',
    title: 'Optional Units - Delivery',
    mandatory: false,
    units: ['CU805', 'CU806', 'CU807', 'CU808', 'CU809', 'CU810', 'CU811', 'CU812', 'CU821', 'CU822', 'CU823'],
    minUnits: 1,
  },
  {
    // Line 372: "Group D ... Optional Units - Handling Problems" (rows 373-379).
    id: 'D',
    title: 'Optional Units - Handling Problems',
    mandatory: false,
    units: ['CU813', 'CU814', 'CU815', 'CU816', 'CU756', 'CU817', 'CU824'],
    minUnits: 1,
  },
  {
    // Line 381: "Group E ... Optional Units – Development and Improvement" (rows 382-394).
    id: 'E',
    title: 'Optional Units – Development and Improvement',
    mandatory: false,
    units: [
      'CU825', 'CU826', 'CU827', 'CU828', 'CU829', 'CU830', 'CU831',
      'CU832', 'CU833', 'CU834', 'CU835', 'CU836', 'CU837',
    ],
    minUnits: 1,
  },
];

const EDI_L2: Qualification = {
  id: 'edi-l2:500/9378/2',
  number: '500/9378/2',
  title: 'EDI Level 2 NVQ Certificate in Customer Service',
  level: 2,
  // Line 398 recommends "192-228 guided learning hours": a range, not one figure.
  glh: null,
  rules: {
    // Line 333: "learners must achieve a minimum of twenty eight credits". The "further
    // twenty credits" from the optional groups follows from 28 less the mandatory 8.
    minCredits: 28,
    groups: ediGroups,
    levelConstraints: [
      {
        // Line 333: "A minimum of eleven credits must be achieved at level 2 from optional
        // groups B to E." Read as level 2 or above, as the QCF reads a qualification's
        // level: a level 3 unit is not held against a learner on a level 2 certificate.
        minLevel: 2,
        credits: 11,
        groups: EDI_OPTIONAL,
        description: 'A minimum of eleven credits must be achieved at level 2 from optional groups B to E.',
      },
    ],
    // The document prints no barred combinations.
    barred: [],
    summary:
      'To achieve a full Level 2 NVQ Certificate in Customer Service, learners must achieve a minimum of twenty eight credits. ' +
      'The learner must achieve eight credits from the Mandatory Units and a further twenty credits must be achieved by completing ' +
      'a minimum of one unit from each Optional Group. A minimum of eleven credits must be achieved at level 2 from optional groups B to E.',
  },
};

// ---------------------------------------------------------------------------------------
// HABC Level 3 Diploma in Customer Service (QCF), 601/4027/6
// habc-l3-diploma-customer-service.txt: "Qualification structure" lines 96-104 and
// "Appendix 1: Rules of Combination" lines 211-287.
// ---------------------------------------------------------------------------------------

const habcGroups: RuleGroup[] = [
  {
    // Line 215: "All units contained within the mandatory group totaling 31 credits";
    // line 223: "Learners must achieve all units in this group" (rows 226-231).
    id: 'Mandatory',
    title: 'Mandatory Group',
    mandatory: true,
    // All six are required; their credits (5 + 5 + 4 + 4 + 10 + 3) are the 31 of line 215.
    units: ['L/506/2150', 'Y/506/2152', 'J/506/2910', 'K/506/2169', 'D/506/1942', 'T/506/2952'],
  },
  {
    // Line 235: "Learners must achieve a minimum of 15 credits from this group", as line 101
    // also says. Line 216 prints "A minimum of 15 units from Optional Group A": a slip, since
    // 15 units would far exceed the 55-credit qualification and contradict lines 101 and 235.
    id: 'A',
    title: 'Optional Group A',
    mandatory: false,
    units: [
      'Y/506/2166', 'D/506/2167', 'R/506/2151', 'D/506/2170', 'K/506/2172', 'D/506/2119',
      'T/506/2126', 'L/506/2133', 'Y/506/2135', 'T/506/2143', 'F/506/2159', 'Y/506/2149',
      'T/506/2160', 'A/506/2161', 'H/506/2977', 'J/506/2163', 'K/506/2978', 'D/506/2153',
      'R/506/2179', 'L/506/2181', 'Y/506/2183', 'D/506/2962',
    ],
    minCredits: 15,
  },
  {
    // Line 217 and line 266: "Learners may achieve a maximum of 9 credits from this group";
    // line 268: none is needed when Group A supplies the optional credits (rows 271-287).
    id: 'B',
    title: 'Optional Group B',
    mandatory: false,
    units: [
      'H/506/1912', 'T/506/1820', 'A/506/1821', 'J/506/1921', 'M/506/1931', 'F/502/8612',
      'R/502/8615', 'K/502/8622', 'K/503/0418', 'D/503/0397', 'L/506/1807', 'L/506/1869',
      'H/506/1814', 'M/506/1895', 'L/506/1905', 'M/502/8587', 'J/502/4397',
    ],
    maxCredits: 9,
  },
];

const HABC_L3: Qualification = {
  id: 'habc-l3:601/4027/6',
  number: '601/4027/6',
  title: 'HABC Level 3 Diploma in Customer Service (QCF)',
  level: 3,
  // Line 75 "GLH: 289-375" and line 116: a range, not one figure.
  glh: null,
  rules: {
    // Line 213: "learners must achieve a minimum of 55 credits overall"; line 73 "Credit Value: 55".
    minCredits: 55,
    groups: habcGroups,
    levelConstraints: [
      {
        // Line 219 (and line 104): "A minimum of 40 credits must be achieved through
        // completion of units at level 3 and above."
        minLevel: 3,
        credits: 40,
        description: 'A minimum of 40 credits must be achieved through completion of units at level 3 and above.',
      },
    ],
    // The document prints no barred combinations.
    barred: [],
    summary:
      'To complete the HABC Level 3 Diploma in Customer Service (QCF), learners must achieve a minimum of 55 credits overall: ' +
      'all units contained within the mandatory group totalling 31 credits; a minimum of 15 credits from Optional Group A; ' +
      'a maximum of 9 credits from Optional Group B. A minimum of 40 credits must be achieved through completion of units at level 3 and above.',
  },
};

// ---------------------------------------------------------------------------------------
// Ascentis Level 1 Award (600/1686/3) and Certificate (600/1684/X) in Introduction to
// Customer Service. ascentis-l1-introduction-to-customer-service.txt, "Rules of
// Combination", lines 158-206. Its unit pages print no refs: the refs are the tables'.
// ---------------------------------------------------------------------------------------

/** Group B as listed at lines 175-192 (both qualifications share it). */
const ASCENTIS_OPTIONAL = [
  'A/601/6047', 'R/601/6054', 'D/601/6056', 'K/601/6058', 'M/601/6059', 'M/601/6062', 'A/601/6064',
  'L/601/6067', 'R/601/6068', 'H/601/6074', 'K/601/6075', 'T/601/6077', 'A/601/6078', 'F/601/6079',
  'T/601/6080', 'A/601/6081',
];

/**
 * "Barred combinations", lines 195-206: each Entry 3 unit "May not be taken with" its Level 1
 * counterpart. Three refs are printed differently here than in the group tables, and the
 * tables' forms are kept, since their check letters agree with the neighbouring refs
 * (…/6074 H, 6075 K, 6076 M, 6077 T step through the check letters in order):
 * line 200 prints "M/601/6075" for Record and communicate customer problems (K/601/6075 at line 187);
 * line 201 prints "T/601/6076" for Working in customer service (M/601/6076 at line 172);
 * line 202 prints "M601/6059", without its slash, for Handling telephone calls (M/601/6059 at line 180).
 */
const ASCENTIS_BARRED: { units: [string, string]; reason: string }[] = [
  // Line 197.
  pair('A/601/6047', 'The importance of appearance and behaviour in customer service (Entry 3)', 'R/601/6068', 'Create a good impression to customers (Level 1)'),
  // Line 198. J/601/6052 is an Entry 3 mandatory unit of these documents, in no group of
  // the Level 1 qualifications; it is barred against the Level 1 mandatory unit.
  pair('J/601/6052', 'Legislation, regulation and procedures to follow in customer service (Entry 3)', 'R/601/6071', 'Apply legislation, regulation and organisational procedures for customer service (Level 1)'),
  // Line 199.
  pair('R/601/6054', 'Understand how to deal with queries and requests (Entry 3)', 'H/601/6074', 'Deal with queries and requests (Level 1)'),
  // Line 200 (printed "M/601/6075").
  pair('D/601/6056', "Communicate customers' problems with others (Entry 3)", 'K/601/6075', 'Record and communicate customer problems (Level 1)'),
  // Line 201 (printed "T/601/6076").
  pair('K/601/6058', 'The customer service job role (Entry 3)', 'M/601/6076', 'Working in customer service (Level 1)'),
  // Line 202 (printed "M601/6059").
  pair('M/601/6059', 'Handling telephone calls from customers (Entry 3)', 'T/601/6077', 'Answer telephone calls from customers (Level 1)'),
  // Line 203.
  pair('M/601/6062', 'Communicate effectively with customers (Entry 3)', 'A/601/6078', 'Positive communication with customers (Level 1)'),
  // Line 204.
  pair('A/601/6064', 'Effective relationships with customers and colleagues (Entry 3)', 'F/601/6079', 'Contribute to effective customer service (Level 1)'),
  // Line 205. F/601/6065 is the other Entry 3 mandatory unit, in no group here.
  pair('F/601/6065', 'Introduction to Customer Service (Entry 3)', 'T/601/6080', 'The customer service experience (Level 1)'),
  // Line 206.
  pair('L/601/6067', 'Working in a customer focused way (Entry 3)', 'A/601/6081', 'Work in a customer-friendly way (Level 1)'),
];

function pair(a: string, aTitle: string, b: string, bTitle: string): { units: [string, string]; reason: string } {
  return { units: [a, b], reason: `${aTitle} may not be taken with ${bTitle}` };
}

const ASCENTIS_AWARD: Qualification = {
  id: 'ascentis-l1:600/1686/3',
  number: '600/1686/3',
  title: 'Ascentis Level 1 Award for Introduction to Customer Service',
  level: 1,
  // Line 212: "Level 1 Award: 57" recommended guided learning hours.
  glh: 57,
  rules: {
    // Line 161: "Minimum credits: Level 1 Award: 7".
    minCredits: 7,
    groups: [
      {
        // Line 162: "learners must take the following mandatory unit" (row 164).
        id: 'A',
        title: 'Mandatory Units',
        mandatory: true,
        units: ['R/601/6071'],
      },
      {
        // Line 165: "Credits from Group 2 optional units for Level 1 Award: 2 credits required
        // which must be at Level 1, a further 2 credits can be taken at any level". ("Group 2"
        // is this Group B.) 2 + 2 = 4 credits, which with the mandatory 3 makes the 7 of line 161.
        id: 'B',
        title: 'Optional Units',
        mandatory: false,
        units: ASCENTIS_OPTIONAL,
        minCredits: 4,
        minCreditsAtLevel: { level: 1, credits: 2 },
      },
    ],
    levelConstraints: [],
    barred: ASCENTIS_BARRED,
    summary:
      'Minimum credits: Level 1 Award: 7. Group A - Mandatory Units: Apply legislation, regulation and organisational procedures for customer service. ' +
      'Group B – Optional Units: 2 credits required which must be at Level 1, a further 2 credits can be taken at any level. ' +
      'Barred combinations: each Entry 3 unit may not be taken with its Level 1 counterpart.',
  },
};

const ASCENTIS_CERTIFICATE: Qualification = {
  id: 'ascentis-l1:600/1684/X',
  number: '600/1684/X',
  title: 'Ascentis Level 1 Certificate for Introduction to Customer Service',
  level: 1,
  // Line 212: "Level 1 Certificate: 109" recommended guided learning hours.
  glh: 109,
  rules: {
    // Line 168: "Minimum credits: Level 1 Certificate: 13".
    minCredits: 13,
    groups: [
      {
        // Line 169 (which says "Level 1 Award", copied from line 162, under the Certificate's
        // heading at line 167): "learners must take the following mandatory units" (rows 171-172).
        id: 'A',
        title: 'Mandatory Units',
        mandatory: true,
        units: ['R/601/6071', 'M/601/6076'],
      },
      {
        // Line 173: "2 credits required which must be at Level 1, a further 6 credits may be
        // taken at any level": 8 credits, which with the mandatory 5 makes the 13 of line 168.
        id: 'B',
        title: 'Optional Units',
        mandatory: false,
        units: ASCENTIS_OPTIONAL,
        minCredits: 8,
        minCreditsAtLevel: { level: 1, credits: 2 },
      },
    ],
    levelConstraints: [],
    barred: ASCENTIS_BARRED,
    summary:
      'Minimum credits: Level 1 Certificate: 13. Group A - Mandatory Units: Apply legislation, regulation and organisational procedures for customer service; Working in customer service. ' +
      'Group B – Optional Units: 2 credits required which must be at Level 1, a further 6 credits may be taken at any level. ' +
      'Barred combinations: each Entry 3 unit may not be taken with its Level 1 counterpart.',
  },
};

/** The qualifications each specification defines, keyed by spec id. */
export const QUALIFICATIONS: Record<string, Qualification[]> = {
  'edi-l2': [EDI_L2],
  'habc-l3': [HABC_L3],
  'ascentis-l1': [ASCENTIS_AWARD, ASCENTIS_CERTIFICATE],
};
