import { describe, expect, it } from 'vitest';
import { describeDrift, driftSince, type VerifiedSnapshot } from './drift';

const snap: VerifiedSnapshot = { quote: 'I greeted  the client', criterionId: 'edi:CU795:2.3', method: 'Obs', note: 'good', mappingUpdatedAt: '2026-03-01T10:00:00.000Z' };
const now = { mapping: { criterionId: 'edi:CU795:2.3', method: 'Obs' as const, note: 'good', updatedAt: '2026-03-01T10:00:00.000Z' }, quote: 'I greeted the client', anchor: 'exact' as const };

describe('changed since verified', () => {
  it('holds when nothing but spacing changed', () => {
    expect(driftSince(snap, now)).toEqual([]);
    expect(describeDrift([])).toBe('');
  });

  it('names each change the assessor made to the mapping', () => {
    expect(driftSince(snap, { ...now, mapping: { ...now.mapping, method: 'Q' } })).toEqual(['method-changed']);
    expect(driftSince(snap, { ...now, mapping: { ...now.mapping, criterionId: 'edi:CU795:2.4', note: 'x' } })).toEqual(['criterion-changed', 'note-changed']);
    expect(driftSince(snap, { ...now, mapping: { ...now.mapping, updatedAt: '2026-03-02T10:00:00.000Z' } })).toEqual(['mapping-changed']);
    expect(driftSince(snap, { ...now, mapping: null })).toEqual(['mapping-deleted']);
  });

  it("sees the page's words change and the evidence go missing", () => {
    expect(driftSince(snap, { ...now, pageText: 'I ignored the client' })).toEqual(['text-changed']);
    expect(driftSince(snap, { ...now, anchor: 'orphan' })).toEqual(['orphaned']);
    expect(describeDrift(['method-changed', 'orphaned'])).toBe('Changed since verified: the method was changed and the evidence is no longer found on its page.');
  });
});
