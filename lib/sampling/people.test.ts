import { describe, expect, it } from 'vitest';
import { canVerifyLearner, canVerifyMapping, initialsOf, samePerson } from './people';

describe('independence', () => {
  it('refuses a verifier who made the mapping, whatever the case or spacing of the name', () => {
    const r = canVerifyMapping('jane  SMITH', 'Jane Smith', []);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(/mapped this evidence yourself/);
  });

  it('refuses a verifier who assesses the learner, even on a mapping someone else made', () => {
    const r = canVerifyMapping('Priya Shah', 'Jane Smith', ['Jane Smith', 'Priya Shah']);
    expect(r).toEqual({ ok: false, reason: expect.stringMatching(/You assess this learner/) });
    expect(canVerifyLearner('Priya Shah', ['Priya Shah']).ok).toBe(false);
  });

  it('lets an independent verifier decide', () => {
    expect(canVerifyMapping('Tom Reed', 'Jane Smith', ['Jane Smith', 'Ali Khan'])).toEqual({ ok: true });
    expect(canVerifyLearner('Tom Reed', ['Jane Smith'])).toEqual({ ok: true });
  });

  it('refuses a verifier with no name, since a decision must say who made it', () => {
    expect(canVerifyMapping('  ', 'Jane Smith', []).ok).toBe(false);
    expect(canVerifyLearner('', []).ok).toBe(false);
  });

  it('does not take two different people for one', () => {
    expect(samePerson('Jane Smith', 'Jane Smyth')).toBe(false);
    expect(samePerson('', '')).toBe(false);
    expect(samePerson('Zoë Ball', 'Zoe\u0308 Ball'.normalize('NFD'))).toBe(true);
  });
});

describe('initialsOf', () => {
  it('takes the first letter of each part of the name', () => {
    expect(initialsOf('Jane Mary Smith')).toBe('JMS');
    expect(initialsOf("anne-marie o'neil")).toBe('AMO');
    expect(initialsOf('  ')).toBe('');
  });
});
