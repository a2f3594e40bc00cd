/**
 * A small catalogue (one specification, two units, one qualification) for the export and
 * import tests and benchmark; its criterion text starts with a formula character on purpose.
 */
import type { Specification } from '../catalogue/model';

/** A small catalogue the test datasets' criteria belong to. */
export const SPEC_A: Specification = {
  id: 'spec-a',
  source: 'spec-a.txt',
  title: 'Spec A, Level 2 Certificate',
  qualifications: [
    {
      id: 'spec-a:600/0000/1', number: '600/0000/1', title: 'Level 2 Certificate in Testing', level: 2, glh: null,
      rules: { minCredits: 10, groups: [{ id: 'A', title: 'Mandatory', mandatory: true, units: ['CU1'] }, { id: 'B', title: 'Optional', mandatory: false, units: ['CU2'] }], levelConstraints: [], barred: [], summary: '' },
    },
  ],
  units: [
    {
      ref: 'CU1', title: 'Deliver a service, "well"', level: 2, credit: 5, glh: null,
      outcomes: [
        { number: '1', title: 'Understand the customer', criteria: [{ id: 'spec-a:CU1:1.1', number: '1.1', text: 'Explain needs, wants' }, { id: 'spec-a:CU1:1.2', number: '1.2', text: '=Describe risks' }] },
        { number: '2', title: 'Be able to serve', criteria: [{ id: 'spec-a:CU1:2.1', number: '2.1', text: 'Serve a customer' }] },
      ],
    },
    {
      ref: 'CU2', title: 'Handle complaints', level: 2, credit: 3, glh: null,
      outcomes: [{ number: '1', title: 'Resolve', criteria: [{ id: 'spec-a:CU2:1.1', number: '1.1', text: 'Resolve a complaint' }] }],
    },
  ],
};
