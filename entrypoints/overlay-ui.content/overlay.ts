/**
 * The overlay's features wired on one page: its element with the closed shadow root, the
 * painter, highlights, restore, card, palette, frames, keyboard and IV mode. The content
 * script (index.ts) makes one per page; the extension's document viewer makes one over the
 * document it shows (entrypoints/viewer), so both run the same code.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { request } from '../../lib/messaging/client';
import type { Responses } from '../../lib/messaging/protocol';
import { OverlayState } from '../../lib/state/overlay.svelte';
import type { OverlayUi } from '../overlay/contract';
import { releaseTextIndexes } from '../../lib/anchoring';
import { createPainter } from './painter';
import { createHighlights } from './highlights';
import { createRestorer } from './restore';
import { watchPage } from './watch-page';
import { createCard } from './card';
import { createPalette } from './palette';
import { lazyCriteriaIndex } from './criteria';
import { watchCatalogueChanged } from '../../lib/messaging/catalogue-signal';
import { createFrame } from './frame.svelte';
import { createWhoActions } from './who';
import { createNavigation } from './navigate';
import { createVerify } from './verify';

/** Puts the overlay's element on the page and wires its features; all of it ends with `ctx`. */
export function createOverlay(ctx: ContentScriptContext): OverlayUi {
  const state = new OverlayState();
  const host = document.createElement('evidence-mapper-ui');
  host.style.cssText = 'all: initial; position: absolute; top: 0; left: 0; width: 0; height: 0; z-index: 2147483647;';
  // Closed: no page script can reach what is inside (the painter's fallback boxes, the frames).
  // Nothing in it is text: window.find searches closed roots too, so every word the overlay
  // shows (prompt, palette, card, toasts, highlights not found) is in its extension frames.
  const shadow = host.attachShadow({ mode: 'closed' });
  const boxes = document.createElement('div');
  boxes.setAttribute('aria-hidden', 'true');
  shadow.append(boxes);
  document.documentElement.append(host);

  const painter = createPainter(document, () => boxes, ctx.signal);
  const highlights = createHighlights(state, painter);
  const verify = createVerify(ctx, { overlay: state, highlights, request });
  const restorer = createRestorer(state, highlights, request, verify.load);
  const ensureIndex = lazyCriteriaIndex(state, request);
  // An imported specification saved or deleted elsewhere: the next palette reads the catalogue again.
  const stopWatchingCatalogue = watchCatalogueChanged(() => {
    state.index = null;
  });
  const card = createCard(ctx, { host, overlay: state, highlights, restorer, request, ensureIndex, opened: () => void verify.load() });
  const palette = createPalette({ overlay: state, highlights, restorer, request, ensureIndex });
  const frames = createFrame(ctx, { shadow, overlay: state, actions: { ...card.actions, ...palette.actions, ...createWhoActions(state, request), ...verify.actions }, request, pageText: highlights.pageText });
  // The keyboard's focus ring on a highlight is drawn here, in the closed root, over the page.
  const navigation = createNavigation(ctx, { shadow, host, overlay: state, highlights, openCard: card.open });

  ctx.onInvalidated(() => {
    stopWatchingCatalogue();
    state.dispose();
    painter.clear();
    host.remove();
    // The page text's observers (anchoring's cache) end with the overlay.
    releaseTextIndexes();
  });

  let started = false;
  return {
    /** First use on this page: who is assessed, then restore the highlights. */
    async start(hello: Responses['overlay/hello']) {
      if (started) return;
      started = true;
      state.learner = hello.learner;
      state.assessor = hello.assessor;
      state.askAssessorName = hello.askAssessorName;
      watchPage(ctx, host, state, highlights, restorer);
      card.watchPointer();
      // The dialogs' frame loads now, hidden, so the first palette or card shows at once.
      frames.preload();
      navigation.watchKeys();
      verify.watchKeys();
      await restorer.restore();
    },
    openPalette: palette.openPalette,
    refresh: restorer.restore,
    reveal: card.reveal,
  };
}
