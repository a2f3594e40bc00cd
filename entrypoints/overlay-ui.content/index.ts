/**
 * The overlay's second part, injected into a frame on first need by the first part: the
 * palette, the painter, anchoring and the criteria index. `main` wires the features (each
 * in its own file, put together in overlay.ts); all that they start (listeners, observer,
 * timers) ends with WXT's content-script context, which a newer injection of this script or
 * an extension reload invalidates.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { OverlayGlobal, OverlayUi } from '../overlay/contract';
import { createOverlay } from './overlay';

export default defineContentScript({
  registration: 'runtime',
  matches: [],
  main(ctx) {
    const g = globalThis as OverlayGlobal;
    let overlay: OverlayUi | null = null;
    const get = (): OverlayUi => {
      if (ctx.isValid) return (overlay ??= createOverlay(ctx));
      // This copy was replaced by a newer injection into this world (WXT invalidates the
      // older context when a newer one starts) or orphaned by an extension reload.
      const newer = g.__evidenceMapperUi;
      return newer && newer !== ui ? newer : dormant(ctx);
    };
    const ui: OverlayUi = {
      start: (hello) => get().start(hello),
      openPalette: (range) => get().openPalette(range),
      refresh: () => get().refresh(),
      reveal: (passageId) => get().reveal(passageId),
    };
    g.__evidenceMapperUi = ui;
    ctx.onInvalidated(() => {
      if (g.__evidenceMapperUi === ui) delete g.__evidenceMapperUi;
    });
  },
});

/** An overlay whose context has ended: it does nothing, and its calls never settle. */
function dormant(ctx: ContentScriptContext): OverlayUi {
  return { start: () => ctx.block(), openPalette: () => ctx.block(), refresh: () => ctx.block(), reveal: () => ctx.block() };
}
