import { describe, expect, it } from 'vitest';
import { byId, criterionEvidence, evidenceByCriterion } from './evidence';
import { mapping, page, passage } from '../../test/fixtures/coverage';
import type { DecisionRecord } from '../db/records';

const crit = 'fx:M1000001:1.1';
const pages = byId([page('pg1', 'https://portfolio.example/jo', 'Jo — reflective account'), page('pg2', 'https://portfolio.example/obs', '')]);
const passages = byId([
  passage('p1', 'L', 'pg1', 'I greeted the customer by name'),
  passage('p2', 'L', 'pg2', 'Observed: greets every customer'),
]);

describe('a criterion\'s evidence', () => {
  it('lists each passage with its quote, page, date, method, note and who, newest first', () => {
    const older = mapping('L', 'p1', crit, 'D', { note: 'from the reflective account', createdBy: 'Ann', createdAt: '2026-03-01T09:00:00.000Z' });
    const newer = mapping('L', 'p2', crit, 'Obs', { createdBy: 'Bob', createdAt: '2026-03-02T09:00:00.000Z' });
    const items = criterionEvidence(crit, [older, newer, mapping('L', 'p1', 'fx:M1000001:1.2')], { passages, pages });
    expect(items).toHaveLength(2);
    expect(items[0]).toMatchObject({ mappingId: newer.id, quote: 'Observed: greets every customer', pageUrl: 'https://portfolio.example/obs', method: 'Obs', methodName: 'Observation', who: 'Bob' });
    // A page without a title is shown by its URL.
    expect(items[0].pageTitle).toBe('https://portfolio.example/obs');
    expect(items[1]).toMatchObject({
      passageId: 'p1',
      quote: 'I greeted the customer by name',
      pageId: 'pg1',
      pageTitle: 'Jo — reflective account',
      date: '2026-03-01T09:00:00.000Z',
      method: 'D',
      methodName: 'Professional discussion',
      note: 'from the reflective account',
      who: 'Ann',
      orphan: false,
      passageMissing: false,
      decision: null,
    });
  });

  it('flags passages known to be orphaned, keeping their quote', () => {
    const items = criterionEvidence(crit, [mapping('L', 'p1', crit), mapping('L', 'p2', crit)], { passages, pages, orphans: new Set(['p1']) });
    const p1 = items.find((i) => i.passageId === 'p1')!;
    expect(p1).toMatchObject({ orphan: true, quote: 'I greeted the customer by name' });
    expect(items.find((i) => i.passageId === 'p2')!.orphan).toBe(false);
  });

  it('says so when a mapping\'s passage is gone instead of dropping it', () => {
    const [item] = criterionEvidence(crit, [mapping('L', 'gone', crit)], { passages, pages });
    expect(item).toMatchObject({ passageMissing: true, quote: '', pageId: null, pageUrl: null });
  });

  it('carries the latest sampling decision on each mapping', () => {
    const m = mapping('L', 'p1', crit);
    const d = (decision: 'agree' | 'refer', createdAt: string): DecisionRecord => ({
      id: `d-${createdAt}`, learnerId: 'L', target: { type: 'mapping', id: m.id }, decision, reason: decision === 'refer' ? 'not the learner\'s own words' : '',
      verifier: 'Iris IV', createdAt, updatedAt: createdAt,
    });
    const unitDecision: DecisionRecord = { ...d('agree', '2026-05-01T00:00:00Z'), id: 'du', target: { type: 'unit', id: m.id } };
    const [item] = criterionEvidence(crit, [m], { passages, pages, decisions: [d('agree', '2026-04-01T00:00:00Z'), d('refer', '2026-04-02T00:00:00Z'), unitDecision] });
    expect(item.decision).toEqual({ id: 'd-2026-04-02T00:00:00Z', decision: 'refer', reason: 'not the learner\'s own words', verifier: 'Iris IV', createdAt: '2026-04-02T00:00:00Z', changed: '', responses: [] });
  });

  it('marks an agreement "changed since verified" when the mapping or its passage changed after it, and carries the responses', () => {
    const m = mapping('L', 'p1', crit, 'Obs', { updatedAt: '2026-03-01T00:00:00.000Z' });
    const agreed: DecisionRecord = {
      id: 'd1', learnerId: 'L', target: { type: 'mapping', id: m.id }, decision: 'agree', reason: '', verifier: 'Iris IV', createdAt: '2026-04-01T00:00:00Z', updatedAt: '2026-04-01T00:00:00Z',
      snapshot: { quote: 'I greeted the customer by name', criterionId: crit, method: 'Obs', note: m.note, mappingUpdatedAt: m.updatedAt },
    };
    const reply = { id: 'r1', decisionId: 'd1', learnerId: 'L', by: 'Ann', kind: 'reply' as const, text: 'ok', createdAt: '2026-04-02T00:00:00Z', updatedAt: '2026-04-02T00:00:00Z' };
    const as = (mm: typeof m, orphans?: Set<string>) => criterionEvidence(crit, [mm], { passages, pages, decisions: [agreed], responses: [reply], orphans })[0].decision;
    expect(as(m)).toMatchObject({ decision: 'agree', changed: '', responses: [reply] });
    expect(as({ ...m, method: 'Q', updatedAt: '2026-04-03T00:00:00Z' })?.changed).toBe('Changed since verified: the method was changed.');
    expect(as(m, new Set(['p1']))?.changed).toBe('Changed since verified: the evidence is no longer found on its page.');
  });

  it('groups evidence of many criteria at once', () => {
    const grouped = evidenceByCriterion([mapping('L', 'p1', crit), mapping('L', 'p2', 'fx:M1000001:2.1')], { passages, pages });
    expect([...grouped.keys()].sort()).toEqual([crit, 'fx:M1000001:2.1']);
  });
});
