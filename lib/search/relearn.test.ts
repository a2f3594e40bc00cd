import { describe, expect, it } from 'vitest';
import { createRelearner, type LearnedAnswer } from './relearn';
import type { CriteriaIndex } from './types';

/** An index that records what it was taught. */
const fakeIndex = () => {
  const taught: number[] = [];
  return { taught, index: { learn: (ex: unknown[]) => void taught.push(ex.length) } as unknown as CriteriaIndex };
};

describe('learning from the tags again only when they changed', () => {
  it('learns, then sends the key it has and learns nothing while the tags are unchanged', async () => {
    const asked: (string | undefined)[] = [];
    let answer: LearnedAnswer = { key: 'k1', unchanged: false, examples: [{ criterionId: 'c', text: 'I listened' }] };
    const relearn = createRelearner(async (have) => (asked.push(have), have === answer.key ? { ...answer, unchanged: true, examples: [] } : answer));
    const { index, taught } = fakeIndex();
    expect(await relearn(() => index)).toBe(true);
    expect(await relearn(() => index)).toBe(false);
    answer = { key: 'k2', unchanged: false, examples: [{ criterionId: 'c', text: 'a' }, { criterionId: 'd', text: 'b' }] };
    expect(await relearn(() => index)).toBe(true);
    expect(asked).toEqual([undefined, 'k1', 'k1']);
    expect(taught).toEqual([1, 2]);
  });

  it('asks afresh for a rebuilt index, and leaves an answer for an index replaced meanwhile', async () => {
    const asked: (string | undefined)[] = [];
    let current = fakeIndex();
    const first = current;
    const relearn = createRelearner(async (have) => {
      asked.push(have);
      current = fakeIndex(); // rebuilt (a specification saved) while the answer was on its way
      return { key: 'k', unchanged: false, examples: [{ criterionId: 'c', text: 'x' }] };
    });
    expect(await relearn(() => current.index)).toBe(false);
    expect(first.taught).toEqual([]);
    expect(await relearn(() => current.index)).toBe(false);
    expect(asked).toEqual([undefined, undefined]);
  });
});
