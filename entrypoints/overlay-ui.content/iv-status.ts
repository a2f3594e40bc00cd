/**
 * Where each mapping on this page stands for the internal verifier: its latest decision, how
 * the evidence drifted since (the mapping now, the words its highlight covers now, how it
 * anchored) and so its sampling state; a highlight's state from its mappings'.
 */
import type { PassageView } from '../../lib/messaging/protocol';
import type { FrameIv } from '../../lib/messaging/frame';
import type { OverlayState } from '../../lib/state/overlay.svelte';
import { describeDrift, driftSince, type DriftReason } from '../../lib/sampling/drift';
import { passageState, samplingState, type SamplingState } from '../../lib/sampling/evidence-state';

type MappingView = PassageView['mappings'][number];

/** What the page knows of a passage now: its range's words, when it has one. */
export type PageTextOf = (passageId: string) => string | undefined;

/** A mapping's latest decision, the drift since, and its state. */
export function mappingStatus(overlay: OverlayState, p: PassageView, m: MappingView, pageText: PageTextOf) {
  const decision = overlay.ivInfo?.decisions[m.id] ?? null;
  let drift: DriftReason[] = [];
  if (decision?.snapshot) {
    const anchor = overlay.anchors[p.id];
    drift = driftSince(decision.snapshot, {
      mapping: { criterionId: m.criterionId, method: m.method, note: m.note, updatedAt: m.updatedAt ?? m.createdAt },
      pageText: pageText(p.id),
      quote: p.quote,
      anchor: anchor === 'pending' ? undefined : anchor,
    });
  }
  return { decision, drift, state: samplingState(decision, drift) };
}

/** A highlight's state in IV mode (null when IV mode is off or it has no mappings). */
export function passageMark(overlay: OverlayState, p: PassageView, pageText: PageTextOf): SamplingState | null {
  if (!overlay.ivInfo?.ivMode) return null;
  return passageState(p.mappings.map((m) => mappingStatus(overlay, p, m, pageText).state));
}

/** What the card's frame is told about the passages it shows. */
export function frameIv(overlay: OverlayState, passages: readonly PassageView[], pageText: PageTextOf): FrameIv | null {
  const info = overlay.ivInfo;
  if (!info) return null;
  const mappings: FrameIv['mappings'] = {};
  for (const p of passages) {
    for (const m of p.mappings) {
      const s = mappingStatus(overlay, p, m, pageText);
      mappings[m.id] = { decision: s.decision, state: s.state, drift: describeDrift(s.drift) };
    }
  }
  return { ivMode: info.ivMode, role: info.role, name: info.name, initials: info.initials, assessors: info.assessors, mappings };
}
