/**
 * Keeps a criteria index's learning in step with the profile's confirmed mappings: asks for
 * the examples with the key of those it learned last (the answer is "unchanged" when no tag
 * was saved or removed since), and learns again only when they changed. One per overlay
 * (the page's and its frame's), each asking through its own channel.
 */
import type { LearnedExample } from './learned';
import type { CriteriaIndex } from './types';

/** What the background answers: the examples' key, and the examples unless the caller has them. */
export interface LearnedAnswer {
  key: string;
  unchanged: boolean;
  examples: LearnedExample[];
}

/**
 * Returns `relearn(current)`: `current` gives the index now (it may be rebuilt while the
 * answer is on its way, and the answer is then left for the new one). True when it learned.
 */
export function createRelearner(ask: (have: string | undefined) => Promise<LearnedAnswer>) {
  let learnedKey: string | undefined;
  let learnedBy: CriteriaIndex | null = null;
  return async (current: () => CriteriaIndex | null): Promise<boolean> => {
    const index = current();
    if (!index) return false;
    const got = await ask(learnedBy === index ? learnedKey : undefined);
    if (got.unchanged || current() !== index) return false;
    index.learn(got.examples);
    learnedKey = got.key;
    learnedBy = index;
    return true;
  };
}
