/** The criteria index over the learner's qualifications, built once, on first use. */
import { createCriteriaIndex, flattenCatalogue } from '../../lib/search';
import type { Requester } from '../../lib/messaging/envelope';
import type { OverlayState } from '../../lib/state/overlay.svelte';

/** Returns `ensureIndex`: loads the learner's catalogue and builds the index unless it is there. */
export function lazyCriteriaIndex(overlay: OverlayState, request: Requester): () => Promise<void> {
  return async () => {
    if (overlay.index || !overlay.learner) return;
    try {
      const { specifications } = await request('catalogue/for-learner', { learnerId: overlay.learner.id });
      overlay.index = createCriteriaIndex(flattenCatalogue({ formatVersion: 1, specifications }));
      overlay.indexError = null;
    } catch (e) {
      overlay.indexError = `The criteria could not be loaded: ${e instanceof Error ? e.message : String(e)}`;
    }
  };
}
