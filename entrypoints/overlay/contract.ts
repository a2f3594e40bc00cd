/**
 * What the overlay's second part (entrypoints/overlay-ui.content) exposes to its first part
 * (entrypoints/overlay), on the frame's global as `__evidenceMapperUi`. Types only: the
 * two parts are separate bundles and share nothing at run time but this object.
 */
import type { Responses } from '../../lib/messaging/protocol';

/** What the second part exposes to the first. */
export interface OverlayUi {
  start(hello: Responses['overlay/hello']): Promise<void>;
  openPalette(range: Range | null): Promise<void>;
  refresh(): Promise<void>;
  /** Scrolls to a passage's highlight and marks it; false when it is not on this page. */
  reveal(passageId: string): Promise<boolean>;
  /** The learner tags go to now (it changes when the assessor switches learner in the palette). */
  learnerName(): string | null;
}

/** The frame's global, where the second part puts itself for the first to find. */
export type OverlayGlobal = typeof globalThis & { __evidenceMapperUi?: OverlayUi };
