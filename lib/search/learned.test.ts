import { describe, expect, it } from 'vitest';
import { TextCache } from './build';
import { LearnedModel } from './learned';

// Criteria 0..3: 0 and 1 of one unit, 2 and 3 of another.
const byId = new Map([['dress', 0], ['greet', 1], ['refund', 2], ['escalate', 3]]);
const unitOf = Int32Array.from([0, 0, 1, 1]);
const cache = new TextCache();
const examples = [
  { criterionId: 'refund', text: 'The kettle was faulty so I gave her the money back on her card.' },
  { criterionId: 'escalate', text: 'The kettle was faulty so I gave her the money back on her card.' },
  { criterionId: 'escalate', text: 'He wanted compensation which I cannot give, so I fetched my supervisor.' },
  { criterionId: 'greet', text: 'I smile and say good morning when people come in to the shop.' },
  { criterionId: 'dress', text: 'I wear the black polo shirt and my name badge on the shop floor.' },
];

function votes(model: LearnedModel, text: string, k: number): number[] {
  const near = new Float32Array(4);
  const reached: number[] = [];
  model.nearest(model.queryVector(text, cache), near, k, 1, (d) => reached.push(d));
  return [...near];
}

describe('nearest tagged passages', () => {
  const model = new LearnedModel(examples, byId, unitOf, cache);

  it('give their votes to every criterion their passage was tagged with, closest first', () => {
    const v = votes(model, 'Her toaster was faulty so I gave the money back.', 10);
    expect(v[2]).toBeGreaterThan(0);
    expect(v[3]).toBeGreaterThanOrEqual(v[2]);
    expect(v[2]).toBeGreaterThan(v[1]);
    expect(v[2]).toBeGreaterThan(v[0]);
  });

  it('let only the k most similar passages vote', () => {
    const text = 'The kettle was faulty, I fetched my supervisor for compensation and I smile at people in the shop.';
    const all = votes(model, text, 10);
    const one = votes(model, text, 1);
    expect(all.filter((x) => x > 0).length).toBeGreaterThan(one.filter((x) => x > 0).length);
    expect(one.filter((x) => x > 0).length).toBeGreaterThan(0);
  });

  it('answer the same for the same passage asked twice (nothing left over from the last query)', () => {
    const text = 'I wear my badge and smile at people coming into the shop.';
    expect(votes(model, text, 3)).toEqual(votes(model, text, 3));
  });

  it('vote for nothing when the passage shares no word with them', () => {
    expect(votes(model, 'Quarterly spreadsheets reconcile ledgers.', 10).every((x) => x === 0)).toBe(true);
  });
});
