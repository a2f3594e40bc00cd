import { describe, expect, it } from 'vitest';
import { words } from './text';
import { isKnowledgeCriterion, narrativeLean } from './voice';

describe('narrativeLean', () => {
  it('leans to an account for past-tense doing and to an explanation for general advice', () => {
    expect(narrativeLean(words('I rang her back and apologised, then we agreed a refund.'))).toBe(0.5);
    expect(narrativeLean(words('You should always listen because it is important.'))).toBe(-0.5);
    // I 0.3 + listened 1 + she 0.3 + was 1 against because 1.
    expect(narrativeLean(words('I listened because she was upset.'))).toBeCloseTo(2.6 / 3.6 - 0.5, 12);
  });

  it('is 0 when the passage says neither', () => {
    expect(narrativeLean([])).toBe(0);
    expect(narrativeLean(words('customer service complaint'))).toBe(0);
  });
});

describe('isKnowledgeCriterion', () => {
  it('knows "understand" outcomes and "explain/describe" criteria', () => {
    expect(isKnowledgeCriterion({ outcomeTitle: 'Understand how to communicate', text: 'Identify the difference' })).toBe(true);
    expect(isKnowledgeCriterion({ outcomeTitle: 'Communicate effectively', text: ' Explain how to listen actively' })).toBe(true);
    expect(isKnowledgeCriterion({ outcomeTitle: 'Be able to resolve complaints', text: 'Apologise to customers' })).toBe(false);
    expect(isKnowledgeCriterion({ outcomeTitle: 'Knowledge of products', text: 'Listen actively' })).toBe(false);
  });
});
