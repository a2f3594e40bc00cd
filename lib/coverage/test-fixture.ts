/**
 * Hand-made catalogue and records for lib/coverage's tests (not used by the product): a
 * small specification whose qualification has a mandatory group, an optional group with a
 * minimum of units, a capped group, a level rule and a barred pair, so every rule can be
 * met or missed with a few units.
 */
import type { Specification, Unit } from '../catalogue/model';
import type { MappingRecord, PageRecord, PassageRecord, SignoffRecord } from '../db/records';
import { unitIdOf } from '../catalogue/ids';
import type { Method } from '../catalogue/methods';
import { criterionId } from '../catalogue/ids';

function unit(ref: string, title: string, level: Unit['level'], credit: number, outcomes: [string, string[]][]): Unit {
  return {
    ref,
    title,
    level,
    credit,
    glh: null,
    outcomes: outcomes.map(([title, texts], i) => ({
      number: String(i + 1),
      title,
      criteria: texts.map((text, j) => ({ id: criterionId('fx', ref, `${i + 1}.${j + 1}`), number: `${i + 1}.${j + 1}`, text })),
    })),
  };
}

/** The fixture specification "fx" with one qualification, "fx:100/0000/1". */
export const FX: Specification = {
  id: 'fx',
  source: 'fx.txt',
  title: 'Fixture Level 2 Certificate',
  units: [
    unit('M/100/0001', 'Talk to customers', 2, 4, [
      ['Greet customers', ['Greet a customer', 'Ask how to help']],
      ['Close a conversation', ['Summarise what was agreed']],
    ]),
    unit('M/100/0002', 'Follow the rules', 2, 3, [['Know the rules', ['State the rules', 'Explain why they matter', 'Apply them']]]),
    unit('O/100/0003', 'Handle complaints', 3, 5, [['Handle a complaint', ['Listen to the complaint', 'Agree a remedy']]]),
    unit('O/100/0004', 'Handle queries', 1, 3, [['Answer a query', ['Find the answer']]]),
    unit('O/100/0005', 'Queries and requests (Entry 3)', 'Entry 3', 2, [['Answer a request', ['Say who can help']]]),
    unit('C/100/0006', 'Use a till', 2, 4, [['Use a till', ['Take a payment']]]),
    unit('C/100/0007', 'Stock a shelf', 2, 4, [['Stock', ['Fill a shelf']]]),
  ],
  qualifications: [
    {
      id: 'fx:100/0000/1',
      number: '100/0000/1',
      title: 'Fixture Level 2 Certificate',
      level: 2,
      glh: null,
      rules: {
        minCredits: 14,
        groups: [
          { id: 'A', title: 'Mandatory Group', mandatory: true, units: ['M/100/0001', 'M/100/0002'] },
          { id: 'B', title: 'Optional Group B', mandatory: false, units: ['O/100/0003', 'O/100/0004', 'O/100/0005'], minUnits: 1 },
          { id: 'C', title: 'Optional Group C', mandatory: false, units: ['C/100/0006', 'C/100/0007'], maxCredits: 4 },
        ],
        levelConstraints: [{ minLevel: 2, credits: 12, description: '12 credits at level 2 or above' }],
        barred: [{ units: ['O/100/0005', 'O/100/0004'], reason: 'Queries and requests (Entry 3) may not be taken with Handle queries (Level 1)' }],
        summary: 'Fixture rules',
      },
    },
  ],
};

/** The fixture's qualification. */
export const FXQ = FX.qualifications[0];

let n = 0;
const at = (i: number) => new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString();

/** A mapping of a passage to a criterion, for a learner. */
export function mapping(learnerId: string, passageId: string, critId: string, method: Method = 'Obs', extra: Partial<MappingRecord> = {}): MappingRecord {
  const i = ++n;
  const unitId = critId.slice(0, critId.lastIndexOf(':'));
  return {
    id: `m${i}`,
    passageId,
    learnerId,
    criterionId: critId,
    unitId,
    method,
    note: '',
    createdBy: 'Sam Assessor',
    createdAt: at(i),
    updatedAt: at(i),
    ...extra,
  };
}

/** A passage on a page, for a learner. */
export function passage(id: string, learnerId: string, pageId: string, quote: string, minute = 0): PassageRecord {
  return { id, learnerId, pageId, selectors: [{ type: 'TextQuoteSelector', exact: quote }], quote, createdBy: 'Sam Assessor', createdAt: at(minute), updatedAt: at(minute) };
}

/** A page. */
export function page(id: string, url: string, title: string): PageRecord {
  return { id, url, title, kind: 'web', createdAt: at(0), updatedAt: at(0) };
}

/** A sign-off of a unit. */
export function signoff(learnerId: string, specId: string, ref: string, assessor = 'Sam Assessor', signedAt = '2026-02-01T10:00:00.000Z'): SignoffRecord {
  return { id: `s-${learnerId}-${ref}-${signedAt}`, learnerId, unitId: unitIdOf(specId, ref), assessor, signedAt, updatedAt: signedAt };
}

/** One mapping for every criterion of the given units: what "fully evidenced" takes. */
export function evidenceEverything(spec: Specification, learnerId: string, refs: readonly string[]): MappingRecord[] {
  const out: MappingRecord[] = [];
  for (const ref of refs) {
    const u = spec.units.find((x) => unitIdOf(spec.id, x.ref) === unitIdOf(spec.id, ref));
    if (!u) throw new Error(`no unit ${ref} in ${spec.id}`);
    for (const o of u.outcomes) for (const c of o.criteria) out.push(mapping(learnerId, `p-${c.id}`, c.id, 'Pe'));
  }
  return out;
}
