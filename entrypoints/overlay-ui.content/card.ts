/**
 * The highlight card: opened by hovering a highlight (closes when the pointer leaves) or
 * by clicking it (stays), and from the side panel (reveal). Its actions remove a
 * criterion, edit a note, or delete the highlight with an undo.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { Requester } from '../../lib/messaging/envelope';
import type { OverlayState } from '../../lib/state/overlay.svelte';
import type { OverlayActions } from '../../components/overlay/actions';
import type { Highlights } from './highlights';
import type { Restorer } from './restore';
import { hitTest } from './painter';
import { restartable, sleep } from './timers';

const HOVER_MS = 350;

interface CardDeps {
  host: HTMLElement;
  overlay: OverlayState;
  highlights: Highlights;
  restorer: Restorer;
  request: Requester;
  ensureIndex(): Promise<void>;
  /** A card opened: the IV's sampling state is asked again (Settings may have changed). */
  opened?(): void;
}

type CardActions = Pick<OverlayActions, 'removeMapping' | 'editNote' | 'changeMethod' | 'deletePassage' | 'closeCard' | 'pointerOnCard'>;

/** The card's actions, `reveal`, and `watchPointer`, which starts its page listeners. */
export function createCard(ctx: ContentScriptContext, { host, overlay, highlights, restorer, request, ensureIndex, opened }: CardDeps) {
  let onCard = false;
  const hover = restartable(ctx.signal, HOVER_MS);
  /**
   * The highlights of a card just closed: hovering them opens no card again until the pointer
   * has left them (the page gets a mousemove under the resting pointer when the card's frame
   * goes, and the card would come straight back).
   */
  let closedOver: string[] = [];

  function openCard(ids: string[], x: number, y: number, pinned: boolean, keyboard = false): void {
    void ensureIndex();
    opened?.();
    overlay.card = { passageIds: ids, x, y, pinned, keyboard };
    highlights.paint(ids[0]);
  }

  const actions: CardActions = {
    removeMapping: (passageId, mappingId) => {
      const passage = overlay.passage(passageId);
      if (passage && passage.mappings.length === 1) return actions.deletePassage(passageId);
      request('passage/update', { passageId, removeMappingIds: [mappingId] })
        .then(({ passage: p }) => highlights.upsert(p))
        .catch((e: Error) => overlay.toast(e.message));
    },
    editNote: (passageId, mappingId, note) => {
      request('passage/update', { passageId, notes: [{ mappingId, note }] })
        .then(({ passage: p }) => highlights.upsert(p))
        .catch((e: Error) => overlay.toast(e.message));
    },
    changeMethod: (passageId, mappingId, method) =>
      request('passage/update', { passageId, methods: [{ mappingId, method }] })
        .then(({ passage: p }) => (highlights.upsert(p), true))
        .catch((e: Error) => (overlay.toast(e.message), false)),
    deletePassage: (passageId) => {
      overlay.card = null;
      request('passage/delete', { passageId })
        .then((deleted) => {
          const range = highlights.range(passageId);
          highlights.remember(passageId, null);
          overlay.remove(passageId);
          highlights.paint();
          overlay.toast('Highlight deleted.', {
            label: 'Undo',
            run: () => {
              request('passage/restore', deleted)
                .then(({ passage }) => {
                  highlights.remember(passage.id, range);
                  overlay.anchors = { ...overlay.anchors, [passage.id]: range ? 'exact' : 'pending' };
                  highlights.upsert(passage);
                  if (!range) void restorer.anchorPending();
                })
                .catch((e: Error) => overlay.toast(e.message));
            },
          });
        })
        .catch((e: Error) => overlay.toast(e.message));
    },
    closeCard: () => {
      closedOver = overlay.card?.passageIds ?? [];
      overlay.card = null;
      highlights.paint(overlay.focused?.passageId ?? null);
    },
    pointerOnCard: (inside) => {
      onCard = inside;
    },
  };

  /** Clicking or hovering a highlight opens its card. */
  function watchPointer(): void {
    // Only real input: a page script's synthetic click or mousemove (isTrusted false) opens nothing.
    ctx.addEventListener(document, 'click', (e) => {
      if (!e.isTrusted || e.composedPath().includes(host) || overlay.palette) return;
      const sel = document.getSelection();
      if (sel && !sel.isCollapsed) return;
      const ids = hitTest(highlights.paintables(), e.clientX, e.clientY);
      if (ids.length) openCard(ids, e.clientX, e.clientY, true);
      else if (overlay.card) actions.closeCard();
    });
    ctx.addEventListener(document, 'mousemove', (e) => {
      if (!e.isTrusted || overlay.palette || overlay.card?.pinned) return;
      // A button held down is a selection being dragged: no card opens under it (it would
      // also take the drag's mouseup into its frame, and the selection toolbar would not show).
      if (e.buttons !== 0) return hover.cancel();
      // The page has no mousemove while the pointer is over the card's frame, so this one says
      // the pointer is off the card (the frame gets no mouseleave when the pointer leaves it).
      onCard = false;
      hover.restart(() => {
        const ids = hitTest(highlights.paintables(), e.clientX, e.clientY);
        if (closedOver.length && !ids.some((id) => closedOver.includes(id))) closedOver = [];
        if (ids.length && closedOver.length) return;
        if (ids.length) openCard(ids, e.clientX, e.clientY, false);
        else if (overlay.card && !onCard) overlay.card = null;
      });
    }, { passive: true });
  }

  /** Scrolls a passage's highlight into view and opens its card (from the side panel's evidence list). */
  async function reveal(passageId: string): Promise<boolean> {
    if (!overlay.passage(passageId)) await restorer.restore();
    for (let i = 0; i < 20 && overlay.anchors[passageId] === 'pending'; i++) await sleep(ctx.signal, 100);
    const range = highlights.range(passageId);
    if (!range) {
      if (overlay.passage(passageId)) {
        overlay.showOrphans = true;
        overlay.toast('This highlight was not found on the page as it is now; its quote is listed below.');
      }
      return false;
    }
    const rect = range.getBoundingClientRect();
    scrollBy({ top: rect.top - innerHeight / 3, behavior: 'instant' as ScrollBehavior });
    highlights.paint(passageId);
    const after = range.getBoundingClientRect();
    openCard([passageId], after.left, after.bottom, true);
    return true;
  }

  return { actions, reveal, watchPointer, open: openCard };
}
