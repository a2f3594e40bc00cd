import { describe, expect, it } from 'vitest';
import { actionStatus, draftProblem, ivModeOn, localDate, passageState, samplingState } from './evidence-state';

describe('IV mode on the evidence page', () => {
  it('is on for a verifier, off for an assessor, and the switch decides for both', () => {
    expect(ivModeOn('verifier', false)).toBe(true);
    expect(ivModeOn('assessor', true)).toBe(false);
    expect(ivModeOn('both', false)).toBe(false);
    expect(ivModeOn('both', true)).toBe(true);
  });
});

describe('sampling states', () => {
  it('is not sampled without a decision, else the decision, unless the evidence drifted', () => {
    expect(samplingState(null, [])).toBe('not-sampled');
    expect(samplingState(undefined, ['text-changed'])).toBe('not-sampled');
    expect(samplingState({ decision: 'agree' }, [])).toBe('agreed');
    expect(samplingState({ decision: 'refer' }, [])).toBe('referred');
    // Never shown as plainly agreed once the evidence changed.
    expect(samplingState({ decision: 'agree' }, ['text-changed'])).toBe('changed');
    expect(samplingState({ decision: 'refer' }, ['orphaned'])).toBe('changed');
  });

  it('gives a highlight the state that most needs the IV among its mappings', () => {
    expect(passageState([])).toBeNull();
    expect(passageState(['agreed', 'agreed'])).toBe('agreed');
    expect(passageState(['agreed', 'not-sampled'])).toBe('not-sampled');
    expect(passageState(['not-sampled', 'referred', 'agreed'])).toBe('referred');
    expect(passageState(['referred', 'changed'])).toBe('changed');
  });
});

describe('actions and the decision form', () => {
  it('says an action is overdue only after its due day, and done once closed', () => {
    expect(actionStatus({ due: '2026-12-07' }, '2026-12-07')).toBe('due');
    expect(actionStatus({ due: '2026-12-06' }, '2026-12-07')).toBe('overdue');
    expect(actionStatus({ due: '2026-12-06', done: '2026-12-05T10:00:00Z' }, '2026-12-07')).toBe('done');
    expect(localDate(new Date(2026, 0, 5, 23, 30))).toBe('2026-01-05');
  });

  it('refuses a referral without a reason and an action without its due date, and nothing else', () => {
    const ok = { decision: 'agree' as const, reason: '', feedback: '', actionText: '', due: '' };
    expect(draftProblem(ok)).toBeNull();
    expect(draftProblem({ ...ok, decision: 'refer', reason: '  ' })).toEqual({ field: 'reason', message: 'Give a reason to refer: the assessor needs to know what to put right.' });
    expect(draftProblem({ ...ok, decision: 'refer', reason: 'No date on the observation' })).toBeNull();
    expect(draftProblem({ ...ok, actionText: 'Add the witness statement' })?.field).toBe('due');
    expect(draftProblem({ ...ok, actionText: 'Add the witness statement', due: '2026-12-20' })).toBeNull();
    expect(draftProblem({ ...ok, due: '2026-12-20' })?.field).toBe('action');
  });
});
