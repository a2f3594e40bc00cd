/**
 * The overlay's second part, injected into a frame on first need by the first part:
 * the palette, the painter, anchoring and the criteria index.
 */
import type { OverlayUi } from '../overlay/contract';
import { OverlayController } from './controller';

export default defineContentScript({
  registration: 'runtime',
  matches: [],
  main() {
    const g = globalThis as typeof globalThis & { __evidenceMapperUi?: OverlayUi };
    if (g.__evidenceMapperUi) return;
    let controller: OverlayController | null = null;
    const get = () => (controller ??= new OverlayController());
    g.__evidenceMapperUi = {
      start: (hello) => get().start(hello),
      openPalette: (range) => get().openPalette(range),
      refresh: () => get().restore(),
      reveal: (passageId) => get().reveal(passageId),
    };
  },
});
