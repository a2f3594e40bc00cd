/**
 * Who tags, and for whom: the first tag's question for the assessor's name, and the check
 * that the page does not name a learner other than the one tags go to. The page's text is
 * read here, in the content script's isolated world, and matched in the background: no
 * learner's name is ever written into the page's own DOM.
 */
import type { Requester } from '../../lib/messaging/envelope';
import type { OverlayState } from '../../lib/state/overlay.svelte';
import type { OverlayActions } from '../../components/overlay/actions';
import { page } from './page';

/** As much of a page's text as the protocol takes; a name lower down than this is not looked for. */
const MAX_TEXT = 1_000_000;

export function createWhoActions(overlay: OverlayState, request: Requester): Pick<OverlayActions, 'answerAssessorName' | 'shouldAskAssessorName' | 'checkPageLearners'> {
  return {
    answerAssessorName: async (name) => {
      const { assessor } = await request('assessor/answer-name', name ? { name } : {});
      overlay.assessor = assessor;
      overlay.askAssessorName = false;
    },
    // Asked again at each palette, not only when the page loaded: the name may have been
    // given (or skipped) in another tab or set in Settings since.
    shouldAskAssessorName: async () => {
      const hello = await request('overlay/hello', { url: page.url(), title: page.title() });
      overlay.assessor = hello.assessor;
      overlay.askAssessorName = hello.askAssessorName;
      return hello.askAssessorName;
    },
    checkPageLearners: async () => {
      const learner = overlay.learner;
      if (!learner || !page.root()) return [];
      const { others } = await request('learners/named-on-page', { learnerId: learner.id, text: (page.root() as HTMLElement).innerText.slice(0, MAX_TEXT) });
      return others;
    },
  };
}
