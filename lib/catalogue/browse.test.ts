import { describe, expect, it } from 'vitest';
import { filterCatalogue, queryTokens } from './browse';
import type { Specification } from './model';

const spec: Specification = {
  id: 'edi-l2',
  source: 'edi.txt',
  title: 'EDI Level 2',
  qualifications: [],
  units: [
    {
      ref: 'CU795', title: 'Communicate effectively with customers', level: 2, credit: 5, glh: null,
      outcomes: [
        { number: '1', title: 'Communicate effectively with customers', criteria: [
          { id: 'edi-l2:CU795:1.7', number: '1.7', text: 'Use appropriate body language when communicating with customers' },
        ] },
        { number: '2', title: 'Understand how to communicate effectively with customers', criteria: [
          { id: 'edi-l2:CU795:2.3', number: '2.3', text: 'Describe how to read both positive and negative body language' },
          { id: 'edi-l2:CU795:2.12', number: '2.12', text: 'Identify what information is helpful to pass on in messages' },
        ] },
      ],
    },
    {
      ref: 'L/506/2150', title: 'Organise and deliver customer service', level: 3, credit: 5, glh: 30,
      outcomes: [{ number: '1', title: 'Understand', criteria: [
        { id: 'x:L5062150:1.4', number: '1.4', text: 'Explain different ways of segmenting customer groups' },
      ] }],
    },
  ],
};

const ids = (q: string) => filterCatalogue([spec], q).flatMap((s) => s.units.flatMap((u) => u.outcomes.flatMap((o) => o.criteria.map((c) => c.id))));

describe('filterCatalogue', () => {
  it('shows everything for an empty query', () => {
    expect(ids('  ')).toHaveLength(4);
  });
  it('finds criteria by words in any order', () => {
    expect(ids('language body')).toEqual(['edi-l2:CU795:1.7', 'edi-l2:CU795:2.3']);
    expect(ids('negative BODY')).toEqual(['edi-l2:CU795:2.3']);
  });
  it('finds a criterion by unit code and number, not by a number that merely contains it', () => {
    expect(ids('CU795 2.3')).toEqual(['edi-l2:CU795:2.3']);
    expect(ids('cu795 2.3.')).toEqual(['edi-l2:CU795:2.3']);
    expect(ids('L/506/2150 1.4')).toEqual(['x:L5062150:1.4']);
    expect(ids('l5062150')).toEqual(['x:L5062150:1.4']);
  });
  it('returns nothing when a word is absent', () => {
    expect(filterCatalogue([spec], 'body zebra')).toEqual([]);
  });
  it('tokenises codes', () => {
    expect(queryTokens('CS 27 1.1')).toEqual(['cs27', '1.1']);
  });
});
