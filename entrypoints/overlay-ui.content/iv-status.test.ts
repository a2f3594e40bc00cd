import { describe, expect, it } from 'vitest';
import type { OverlayState } from '../../lib/state/overlay.svelte';
import type { DecisionView, IvInfo, PassageView } from '../../lib/messaging/protocol';
import { frameIv, mappingStatus, passageMark } from './iv-status';
import { isIvModeKey } from './verify';

const T0 = '2026-12-01T10:00:00.000Z';
const passage: PassageView = {
  id: 'p1', quote: 'I let her explain everything', selectors: [{ type: 'TextQuoteSelector', exact: 'I let her explain everything' }], createdBy: 'Amy Assessor', createdAt: T0,
  mappings: [
    { id: 'p1|a', criterionId: 'edi-l2:CU795:1.1', method: 'Obs', note: '', createdBy: 'Amy Assessor', createdAt: T0, updatedAt: T0 },
    { id: 'p1|b', criterionId: 'edi-l2:CU808:1.1', method: 'Obs', note: '', createdBy: 'Amy Assessor', createdAt: T0, updatedAt: T0 },
  ],
};
const agreed: DecisionView = {
  id: 'd1', mappingId: 'p1|a', decision: 'agree', reason: '', verifier: 'Vera Verifier', createdAt: '2026-12-02T10:00:00.000Z',
  snapshot: { quote: 'I let her explain everything', criterionId: 'edi-l2:CU795:1.1', method: 'Obs', note: '', mappingUpdatedAt: T0 },
};

function overlayWith(info: Partial<IvInfo> | null, anchor: 'exact' | 'fuzzy' | 'orphan' | 'pending' = 'exact'): OverlayState {
  const ivInfo = info && { name: 'Vera Verifier', initials: 'VV', role: 'verifier' as const, ivMode: true, assessors: ['Amy Assessor'], decisions: {}, ...info };
  return { ivInfo, anchors: { p1: anchor } } as unknown as OverlayState;
}
const words = (text: string | undefined) => () => text;

describe("a mapping's sampling state on the page", () => {
  it('is agreed while the page shows the words the IV saw, and changed once they differ or the passage is lost', () => {
    const overlay = overlayWith({ decisions: { 'p1|a': agreed } });
    expect(mappingStatus(overlay, passage, passage.mappings[0], words('I let her  explain everything')).state).toBe('agreed');
    const edited = mappingStatus(overlay, passage, passage.mappings[0], words('I let her explain every thing'));
    expect(edited).toMatchObject({ state: 'changed', drift: ['text-changed'] });
    expect(mappingStatus(overlayWith({ decisions: { 'p1|a': agreed } }, 'orphan'), passage, passage.mappings[0], words(undefined)).drift).toEqual(['orphaned']);
    // Not yet anchored: the stored quote stands for the page.
    expect(mappingStatus(overlayWith({ decisions: { 'p1|a': agreed } }, 'pending'), passage, passage.mappings[0], words(undefined)).state).toBe('agreed');
  });

  it('is changed when the assessor edited the mapping after the decision', () => {
    const later = { ...passage.mappings[0], method: 'Wt' as const, updatedAt: '2026-12-03T10:00:00.000Z' };
    expect(mappingStatus(overlayWith({ decisions: { 'p1|a': agreed } }), passage, later, words(passage.quote))).toMatchObject({ state: 'changed', drift: ['method-changed'] });
  });

  it('marks a highlight only in IV mode, by the mapping that most needs the IV', () => {
    expect(passageMark(overlayWith({ decisions: { 'p1|a': agreed } }), passage, words(passage.quote))).toBe('not-sampled');
    const both = { 'p1|a': agreed, 'p1|b': { ...agreed, id: 'd2', mappingId: 'p1|b', snapshot: { ...agreed.snapshot!, criterionId: 'edi-l2:CU808:1.1' } } };
    expect(passageMark(overlayWith({ decisions: both }), passage, words(passage.quote))).toBe('agreed');
    expect(passageMark(overlayWith({ decisions: both, ivMode: false }), passage, words(passage.quote))).toBeNull();
    expect(passageMark(overlayWith(null), passage, words(passage.quote))).toBeNull();
  });

  it("tells the card each mapping's decision, state and drift in words, in IV mode or not", () => {
    const iv = frameIv(overlayWith({ decisions: { 'p1|a': agreed }, ivMode: false, role: 'both' }), [passage], words('I let her explain every thing'));
    expect(iv).toMatchObject({ ivMode: false, role: 'both', name: 'Vera Verifier', assessors: ['Amy Assessor'] });
    expect(iv!.mappings['p1|a']).toEqual({ decision: agreed, state: 'changed', drift: "Changed since verified: the evidence's words changed on the page." });
    expect(iv!.mappings['p1|b']).toEqual({ decision: null, state: 'not-sampled', drift: '' });
    expect(frameIv(overlayWith(null), [passage], words(undefined))).toBeNull();
  });
});

describe('the IV mode shortcut', () => {
  it('is Alt+Shift+V by its key position, and nothing else', () => {
    const key = { altKey: true, shiftKey: true, ctrlKey: false, metaKey: false, code: 'KeyV' };
    expect(isIvModeKey(key)).toBe(true);
    expect(isIvModeKey({ ...key, ctrlKey: true })).toBe(false);
    expect(isIvModeKey({ ...key, shiftKey: false })).toBe(false);
    expect(isIvModeKey({ ...key, code: 'KeyN' })).toBe(false);
  });
});
