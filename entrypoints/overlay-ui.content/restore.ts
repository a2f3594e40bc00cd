/**
 * Restoring this page's highlights: fetch the learner's passages, anchor those with no live
 * range (new, orphaned, or whose text changed), paint, and report how each anchored so the
 * side panel can list orphans.
 */
import { anchor, anchorAtPosition } from '../../lib/anchoring';
import type { Requester } from '../../lib/messaging/envelope';
import type { OverlayState } from '../../lib/state/overlay.svelte';
import type { Highlights } from './highlights';
import { page } from './page';

export type Restorer = ReturnType<typeof createRestorer>;

type Settled = 'exact' | 'fuzzy' | 'orphan';

/** `restored` runs after each restore (the IV's sampling state of the passages fetched). */
export function createRestorer(overlay: OverlayState, highlights: Highlights, request: Requester, restored?: () => Promise<void>) {
  let anchoring = false;
  let again = false;
  /** The status last reported per passage, so each change is sent once. */
  const reported = new Map<string, string>();

  function report(): void {
    const results = overlay.passages
      .map((p) => ({ passageId: p.id, status: overlay.anchors[p.id] }))
      .filter((r): r is { passageId: string; status: Settled } => r.status !== 'pending' && reported.get(r.passageId) !== r.status);
    if (!results.length) return;
    for (const r of results) reported.set(r.passageId, r.status);
    request('passages/anchored', { results }).catch((e: unknown) => console.debug('Evidence Mapper: anchor status not saved', e));
  }

  /** Anchors passages with no live range; then paints. A call while anchoring runs one more pass. */
  async function anchorPending(): Promise<void> {
    if (anchoring) {
      again = true;
      return;
    }
    anchoring = true;
    try {
      do {
        again = false;
        const anchors = { ...overlay.anchors };
        const whole = page.complete();
        for (const p of overlay.passages) {
          if (highlights.isLive(p.id)) continue;
          if (!whole) {
            // Part of the text so far: exact places only; the rest stay pending.
            const range = anchorAtPosition(page.root(), p.selectors);
            if (range) {
              highlights.remember(p.id, range);
              anchors[p.id] = 'exact';
            }
            continue;
          }
          const result = await anchor(page.root(), p.selectors);
          highlights.remember(p.id, result.range);
          anchors[p.id] = result.status;
        }
        overlay.anchors = anchors;
        highlights.paint();
        report();
      } while (again);
    } finally {
      anchoring = false;
    }
  }

  /** Fetches this page's passages for the learner and anchors them. */
  async function restore(): Promise<void> {
    highlights.clear();
    overlay.passages = [];
    overlay.anchors = {};
    const learner = overlay.learner;
    if (!learner) return;
    const urls = [page.url(), ...page.alsoUrls()];
    // A document's earlier versions' passages are anchored here too (orphans are listed, never painted on other words).
    const passages = (await Promise.all(urls.map((url) => request('passages/for-page', { url, learnerId: learner.id })))).flatMap((r) => r.passages);
    overlay.passages = passages;
    overlay.anchors = Object.fromEntries(passages.map((p) => [p.id, 'pending' as const]));
    await anchorPending();
    await restored?.();
  }

  return { restore, anchorPending };
}
