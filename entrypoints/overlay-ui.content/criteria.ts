/** The criteria index over the learner's qualifications, built once, on first use, and what suggestions learned. */
import { createCriteriaIndex, createRelearner, flattenCatalogue } from '../../lib/search';
import type { Requester } from '../../lib/messaging/envelope';
import type { OverlayState } from '../../lib/state/overlay.svelte';
import { loadWordVectors } from './word-vectors';

/**
 * Returns `ensureIndex`: loads the learner's catalogue and builds the index unless it is
 * there, then has suggestions learn from the profile's confirmed mappings, asked for each
 * time (a tag saved or removed since counts at once) and learned again only when they changed.
 */
export function lazyCriteriaIndex(overlay: OverlayState, request: Requester): () => Promise<void> {
  const relearn = createRelearner((have) => request('suggest/learned', { have }));
  return async () => {
    await build();
    try {
      if (await relearn(() => overlay.index)) overlay.learned++;
    } catch (e) {
      console.debug('Evidence Mapper: suggestions could not learn from the tags:', e);
    }
  };
  async function build() {
    if (overlay.index || !overlay.learner) return;
    try {
      const [{ specifications, chosenUnits }, vectors] = await Promise.all([request('catalogue/for-learner', { learnerId: overlay.learner.id }), loadWordVectors()]);
      overlay.chosenUnits = chosenUnits;
      overlay.index = createCriteriaIndex(flattenCatalogue({ formatVersion: 1, specifications }), {}, { vectors });
      overlay.indexError = null;
    } catch (e) {
      overlay.indexError = `The criteria could not be loaded: ${e instanceof Error ? e.message : String(e)}`;
    }
  }
}
