/**
 * A small hand-made catalogue for the search tests: a few real units (wording from the
 * specifications) across specifications, with one qualification per specification, so
 * codes, words and scopes can be checked without the generated catalogue.
 */
import type { Catalogue, Specification, Unit } from '../catalogue/model';
import { criterionId } from '../catalogue/ids';

type UnitSketch = [ref: string, title: string, outcomes: [title: string, criteria: [string, string][]][]];

function unit(specId: string, [ref, title, outcomes]: UnitSketch): Unit {
  return {
    ref,
    title,
    level: 2,
    credit: null,
    glh: null,
    outcomes: outcomes.map(([otitle, criteria], i) => ({
      number: String(i + 1),
      title: otitle,
      criteria: criteria.map(([number, text]) => ({ id: criterionId(specId, ref, number), number, text })),
    })),
  };
}

function spec(id: string, qualNumber: string, units: UnitSketch[]): Specification {
  const built = units.map((u) => unit(id, u));
  return {
    id,
    source: `${id}.txt`,
    title: id,
    qualifications: [
      {
        id: `${id}:${qualNumber}`,
        number: qualNumber,
        title: id,
        level: 2,
        glh: null,
        rules: {
          minCredits: 1,
          groups: [{ id: 'A', title: 'All', mandatory: true, units: built.map((u) => u.ref) }],
          levelConstraints: [],
          barred: [],
          summary: '',
        },
      },
    ],
    units: built,
  };
}

/** Five units from three specifications, wording as printed. */
export function smallCatalogue(): Catalogue {
  return {
    formatVersion: 1,
    specifications: [
      spec('edi-l2', '500/9378/2', [
        ['CU795', 'Communicate Effectively with Customers', [
          ['Communicate effectively with customers', [
            ['1.1', 'Listen actively to what customers are saying'],
            ['1.2', 'Identify the most important things that customers are telling them'],
            ['1.3', 'Respond appropriately to what customers are telling them'],
          ]],
          ['Understand how to communicate effectively with customers', [
            ['2.1', 'Identify the difference between hearing and listening'],
            ['2.2', 'Explain how to listen actively'],
            ['2.3', 'Describe how to read both positive and negative body language'],
            ['2.4', 'Explain how to use body language effectively'],
          ]],
        ]],
        ['CU824', 'Process Customer Service Complaints', [
          ['Deal with customer service complaints', [
            ['1.1', 'Deal with a customer complaint following organisational procedures'],
            ['1.2', 'Escalate complaints outside their authority to the appropriate person'],
          ]],
          ['Understand customer service complaints', [
            ['2.1', 'Explain how data protection legislation affects the handling of complaints'],
            ['2.3', 'Explain the importance of confidentiality when recording complaints'],
          ]],
        ]],
      ]),
      spec('habc-l3', '601/4027/6', [
        ['L/506/2150', 'Organise and deliver customer service', [
          ['Understand how to organise customer service delivery', [
            ['1.3', 'Explain the importance of differentiating between customers’ wants, needs and expectations'],
            ['1.4', 'Explain different ways of segmenting customer groups'],
          ]],
          ['Be able to plan the delivery of customer service', [
            ['2.3', 'Confirm that systems and structures are in place to enable the delivery of agreed standards of customer service'],
          ]],
        ]],
        ['R/506/2151', 'Resolve customers’ complaints', [
          ['Be able to resolve customers’ complaints', [
            ['2.3', 'Apologise to customers for the problems that led to their complaints'],
            ['2.4', 'Escalate complaints to the next level of authority when necessary'],
          ]],
        ]],
      ]),
      spec('skills-cfa-l3', 'CFA', [
        ['CS 27', 'Organise the delivery of customer service', [
          ['Understand how to organise customer service delivery', [
            ['1.1', 'Explain the implications to customer service of different methods of promoting products and/or services'],
            ['1.4', 'Explain how to analyse the “customer journey”'],
          ]],
        ]],
      ]),
    ],
  };
}
