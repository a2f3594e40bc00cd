/**
 * Internal verification on the evidence page: who the user is and the decisions on this
 * page's mappings (asked of the background after each restore and whenever a card opens, so
 * a role or name changed in Settings shows without a reload), the IV's decision from the card
 * with the words the highlight covers now, and the IV mode switch: Alt+Shift+V on the page or
 * in the card, or the card's switch, for a user who both assesses and verifies.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { Requester } from '../../lib/messaging/envelope';
import type { OverlayState } from '../../lib/state/overlay.svelte';
import type { OverlayActions } from '../../components/overlay/actions';
import type { Highlights } from './highlights';

/** The IV mode shortcut, as the README and the card say it. */
export const IV_MODE_SHORTCUT = 'Alt+Shift+V';

/** True for the IV mode shortcut. */
export function isIvModeKey(e: Pick<KeyboardEvent, 'altKey' | 'shiftKey' | 'ctrlKey' | 'metaKey' | 'code'>): boolean {
  return e.altKey && e.shiftKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyV';
}

interface VerifyDeps {
  overlay: OverlayState;
  highlights: Highlights;
  request: Requester;
}

type VerifyActions = Pick<OverlayActions, 'decide' | 'setIvMode'>;

export function createVerify(ctx: ContentScriptContext, { overlay, highlights, request }: VerifyDeps) {
  /** Asks the background again; the highlights are repainted with their states. */
  async function load(): Promise<void> {
    const learner = overlay.learner;
    if (!learner) {
      overlay.ivInfo = null;
      return;
    }
    const mappingIds = overlay.passages.flatMap((p) => p.mappings.map((m) => m.id));
    try {
      const info = await request('sampling/for-page', { learnerId: learner.id, mappingIds });
      if (overlay.learner?.id !== learner.id || ctx.isInvalid) return;
      overlay.ivInfo = info;
      highlights.repaint();
    } catch (e) {
      console.debug('Evidence Mapper: sampling state not loaded', e);
    }
  }

  const actions: VerifyActions = {
    decide: async (passageId, mappingId, choice) => {
      const learner = overlay.learner;
      if (!learner) throw new Error('Choose the learner first.');
      const { decision } = await request('sampling/decide', {
        learnerId: learner.id, mappingId, ...choice,
        // What the IV saw: the words the highlight covers on the page now.
        pageText: highlights.pageText(passageId),
      });
      const info = overlay.ivInfo;
      if (info) overlay.ivInfo = { ...info, decisions: { ...info.decisions, [mappingId]: decision } };
      highlights.repaint();
      overlay.toast(decision.decision === 'agree' ? 'Agreed: your decision is recorded.' : 'Referred to the assessor: your decision is recorded.');
    },
    setIvMode: async (on) => {
      const { ivMode } = await request('sampling/iv-mode', { on });
      const info = overlay.ivInfo;
      if (info) overlay.ivInfo = { ...info, ivMode };
      highlights.repaint();
      overlay.toast(ivMode ? 'IV mode on: highlights show their sampling state.' : 'IV mode off.');
    },
  };

  /** Alt+Shift+V on the page switches IV mode (a verifier's stays on; an assessor is told how to get it). */
  function toggle(): void {
    const info = overlay.ivInfo;
    // Pressed before the background said who the user is (just after the page loaded): ask,
    // then switch, rather than let the key do nothing.
    if (!info) {
      void load().then(() => {
        if (overlay.ivInfo) toggle();
      });
      return;
    }
    if (info.role === 'assessor') overlay.toast("IV mode is for internal verifiers: say you verify (internal verifier, or both) on the options page's Sampling tab.");
    else if (info.role === 'verifier') overlay.toast('You are set as an internal verifier, so IV mode stays on (choose "both" on the Sampling tab to switch it).');
    else actions.setIvMode(!info.ivMode).catch((e: Error) => overlay.toast(e.message));
  }

  function watchKeys(): void {
    ctx.addEventListener(window, 'keydown', (e) => {
      if (!e.isTrusted || overlay.palette || !isIvModeKey(e)) return;
      const t = e.target as HTMLElement | null;
      if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
      e.preventDefault();
      e.stopPropagation();
      toggle();
    }, { capture: true });
  }

  return { load, actions, watchKeys, toggle };
}
