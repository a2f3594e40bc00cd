/**
 * Reaching highlights from the keyboard: Alt+Shift+N and Alt+Shift+P move to the next and
 * previous highlight on the page in reading order, scroll it into view and put a focus ring
 * on it (HighlightFocus.svelte); Enter there opens its card, Escape leaves the highlights and
 * gives focus back to where it was. Only the user's own key presses count: a page script's
 * synthetic events (isTrusted false) are ignored.
 */
import { mount, unmount } from 'svelte';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { OverlayState } from '../../lib/state/overlay.svelte';
import type { FocusActions } from '../../components/overlay/actions';
import PageFocus from '../../components/overlay/PageFocus.svelte';
import type { Highlights } from './highlights';

/** The shortcuts, as the README and the ring's label say them. */
export const NEXT_HIGHLIGHT = 'Alt+Shift+N';
export const PREVIOUS_HIGHLIGHT = 'Alt+Shift+P';

/** Next (1) or previous (-1) for a navigation key press, else 0. */
export function navigationStep(e: Pick<KeyboardEvent, 'altKey' | 'shiftKey' | 'ctrlKey' | 'metaKey' | 'code'>): 1 | -1 | 0 {
  if (!e.altKey || !e.shiftKey || e.ctrlKey || e.metaKey) return 0;
  return e.code === 'KeyN' ? 1 : e.code === 'KeyP' ? -1 : 0;
}

/**
 * The index to move to among highlights in reading order, given their tops in the viewport:
 * from the focused one, one step (wrapping round); with none focused, the first at or below the
 * top of the viewport (next) or the last above its bottom (previous).
 */
export function nextIndex(tops: readonly number[], current: number, step: 1 | -1, viewportHeight: number): number {
  const n = tops.length;
  if (n === 0) return -1;
  if (current >= 0) return (current + step + n) % n;
  if (step === 1) {
    const i = tops.findIndex((t) => t >= 0);
    return i < 0 ? 0 : i;
  }
  for (let i = n - 1; i >= 0; i--) if (tops[i] < viewportHeight) return i;
  return n - 1;
}

interface NavigateDeps {
  /** The overlay's closed root, where the ring is drawn (over the page, in page coordinates). */
  shadow: ShadowRoot;
  host: HTMLElement;
  overlay: OverlayState;
  highlights: Highlights;
  openCard(ids: string[], x: number, y: number, pinned: boolean, keyboard: boolean): void;
}

/** The ring's actions, and `watchKeys`, which starts the page listener (it ends with `ctx`). */
export function createNavigation(ctx: ContentScriptContext, { shadow, host, overlay, highlights, openCard }: NavigateDeps) {
  /** Where focus was before the first move, to give it back on Escape. */
  let before: Element | null = null;

  /** The passages with a live range, in reading order. */
  function ordered(): { id: string; range: Range }[] {
    return overlay.passages
      .map((p) => ({ id: p.id, range: highlights.range(p.id) }))
      .filter((x): x is { id: string; range: Range } => !!x.range && highlights.isLive(x.id) && x.range.getClientRects().length > 0)
      .sort((a, b) => a.range.compareBoundaryPoints(Range.START_TO_START, b.range));
  }

  function move(step: 1 | -1): void {
    const list = ordered();
    if (!list.length) {
      overlay.toast('No highlights on this page to move to.');
      return;
    }
    const current = list.findIndex((x) => x.id === overlay.focused?.passageId);
    const i = nextIndex(list.map((x) => x.range.getBoundingClientRect().top), current, step, innerHeight);
    const { id, range } = list[i];
    if (!overlay.focused) before = document.activeElement === host ? null : document.activeElement;
    overlay.card = null;
    const rect = range.getBoundingClientRect();
    if (rect.top < 0 || rect.bottom > innerHeight) scrollBy({ top: rect.top - innerHeight / 3, behavior: 'instant' as ScrollBehavior });
    const r = range.getBoundingClientRect();
    overlay.focused = { passageId: id, index: i + 1, total: list.length, box: { left: r.left + scrollX, top: r.top + scrollY, width: r.width, height: r.height } };
    highlights.paint(id);
  }

  const actions: FocusActions = {
    openFocusedHighlight: () => {
      const id = overlay.focused?.passageId;
      const range = id ? highlights.range(id) : undefined;
      if (!id || !range) return;
      const r = range.getBoundingClientRect();
      openCard([id], r.left, r.bottom, true, true);
    },
    leaveHighlights: (restoreFocus) => {
      overlay.focused = null;
      if (!overlay.card) highlights.paint();
      if (restoreFocus && before instanceof HTMLElement && before.isConnected && before !== document.body) before.focus();
      before = null;
    },
  };

  /** Listens for the next/previous keys on the page (capture, so a page's own handler cannot swallow them first). */
  function watchKeys(): void {
    ctx.addEventListener(window, 'keydown', (e) => {
      if (!e.isTrusted || overlay.palette) return;
      const step = navigationStep(e);
      if (!step) return;
      // Typing in the page's own fields is left alone (on a Mac, Option+Shift+N types a character).
      const t = e.target as HTMLElement | null;
      if (t !== host && t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
      e.preventDefault();
      e.stopPropagation();
      move(step);
    }, { capture: true });
  }

  const target = document.createElement('div');
  shadow.append(target);
  const ring = mount(PageFocus, { target, props: { overlay, actions } });
  ctx.onInvalidated(() => void unmount(ring));

  return { actions, watchKeys };
}
