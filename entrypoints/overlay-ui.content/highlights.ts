/**
 * The live highlights of this page: each passage's Range and the text it held when
 * anchored (a range whose text has changed since is anchored again), and painting them.
 */
import { unitIdOfCriterion } from '../../lib/catalogue/ids';
import type { PassageView } from '../../lib/messaging/protocol';
import type { OverlayState } from '../../lib/state/overlay.svelte';
import { colourIndex, UNTAGGED, type Paintable, type Painter } from './painter';
import { passageMark } from './iv-status';

export type Highlights = ReturnType<typeof createHighlights>;

/** The id -> Range and id -> text maps, over the overlay's passages and one painter. */
export function createHighlights(overlay: OverlayState, painter: Painter) {
  const ranges = new Map<string, Range>();
  const texts = new Map<string, string>();

  /** The words a passage's range covers now. */
  const pageText = (id: string): string | undefined => ranges.get(id)?.toString();
  /** The highlight painted as active last (a repaint for IV mode keeps it). */
  let active: string | null = null;

  /**
   * Paints the passages that have a range, coloured by the unit of their first criterion and,
   * in IV mode, marked with their sampling state.
   */
  function paint(activeId: string | null = null): void {
    active = activeId;
    const items: Paintable[] = [];
    for (const p of overlay.passages) {
      const range = ranges.get(p.id);
      if (range) items.push({ id: p.id, range, colour: p.mappings.length ? colourIndex(unitIdOfCriterion(p.mappings[0].criterionId)) : UNTAGGED, mark: passageMark(overlay, p, pageText) });
    }
    painter.paint(items, activeId);
  }

  return {
    range: (id: string): Range | undefined => ranges.get(id),

    /** True when the passage has a range whose text is still what it was when anchored. */
    isLive(id: string): boolean {
      const live = ranges.get(id);
      return !!live && live.toString() === texts.get(id);
    },

    /** Keeps (or, given no range, forgets) a passage's range and its text as of now. */
    remember(id: string, range: Range | null | undefined): void {
      if (range) {
        ranges.set(id, range);
        texts.set(id, range.toString());
      } else {
        ranges.delete(id);
        texts.delete(id);
      }
    },

    /** Forgets every range and unpaints them. */
    clear(): void {
      ranges.clear();
      texts.clear();
      painter.clear();
    },

    /** Every live range, for hit tests (colour is not used there). */
    paintables(): Paintable[] {
      return [...ranges].map(([id, range]) => ({ id, range, colour: 0 }));
    },

    /** Takes a passage as the background saved it, and repaints. */
    upsert(passage: PassageView): void {
      overlay.upsert(passage);
      paint();
    },

    paint,
    pageText,
    /** Paints again with the same highlight active (IV mode or a decision changed the marks). */
    repaint: () => paint(active),
  };
}
