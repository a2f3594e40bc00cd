/**
 * Keeping highlights on a page that changes: re-anchors when the DOM settles (late
 * content) and reloads the passages when a single-page app changes route. Everything it
 * starts ends with the content script's context.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { OverlayState } from '../../lib/state/overlay.svelte';
import type { Highlights } from './highlights';
import type { Restorer } from './restore';
import { restartable } from './timers';
import { page } from './page';

const SETTLE_MS = 250;

/** Watches the page for the overlay; `host` is the overlay's own element, whose changes are ignored. */
export function watchPage(ctx: ContentScriptContext, host: HTMLElement, overlay: OverlayState, highlights: Highlights, restorer: Restorer): void {
  let url = page.url();
  const timer = restartable(ctx.signal, SETTLE_MS);
  const settle = () =>
    timer.restart(() => {
      if (page.url() !== url) {
        url = page.url();
        void restorer.restore();
      } else if (overlay.passages.some((p) => overlay.anchors[p.id] !== 'exact' || !highlights.range(p.id)?.toString())) {
        void restorer.anchorPending();
      } else {
        highlights.paint();
      }
    });

  const observer = new MutationObserver((records) => {
    if (records.every((r) => host.contains(r.target))) return;
    settle();
  });
  observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
  ctx.onInvalidated(() => observer.disconnect());
  // Route changes: WXT's watcher uses the Navigation API, or polls the URL each second
  // where there is none (what this overlay did by hand before, with popstate).
  ctx.addEventListener(window, 'wxt:locationchange', settle);
}
