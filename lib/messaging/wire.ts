/**
 * The wire format of the protocol, without the schemas: small enough for the overlay's
 * first part, which must stay tiny. Schemas and payload types are in protocol.ts.
 */
import type { Specification } from '../catalogue/model';
import type { LearnerSummary, PassageView, RequestPayload } from './protocol';

/** Every request the overlay can make. */
export type RequestType =
  | 'overlay/hello'
  | 'overlay/load-ui'
  | 'catalogue/for-learner'
  | 'passages/for-page'
  | 'passage/create'
  | 'passage/update'
  | 'passage/delete'
  | 'passages/anchored'
  | 'passage/restore'
  | 'learners/list'
  | 'learner/create'
  | 'learner/choose-for-site';

/** What the background answers to each request. */
export interface Responses {
  'overlay/hello': { learner: LearnerSummary | null; learnerCount: number; passageCount: number; assessor: string };
  'overlay/load-ui': { ok: true };
  'catalogue/for-learner': { specifications: Specification[]; qualificationIds: string[] };
  'passages/for-page': { passages: PassageView[] };
  'passage/create': { passage: PassageView };
  'passage/update': { passage: PassageView };
  'passage/delete': { passage: PassageView; learnerId: string; url: string; title: string };
  'passage/restore': { passage: PassageView };
  'passages/anchored': { changed: number };
  'learners/list': { learners: LearnerSummary[]; qualifications: { id: string; title: string }[] };
  'learner/create': { learner: LearnerSummary };
  'learner/choose-for-site': { ok: true };
}

/** A request on the wire. */
export interface Envelope<T extends RequestType = RequestType> {
  channel: 'evidence-mapper';
  type: T;
  payload: RequestPayload<T>;
}

/** The answer on the wire: data, or an error message for the user. */
export type Reply<T extends RequestType> = { ok: true; data: Responses[T] } | { ok: false; error: string };

/** Messages the extension (background, side panel) sends to the overlay of a tab. */
export type OverlayCommand =
  | { channel: 'evidence-mapper'; command: 'open-palette' }
  | { channel: 'evidence-mapper'; command: 'refresh' }
  | { channel: 'evidence-mapper'; command: 'reveal'; passageId: string };

/** Validates a command received by the overlay (hand-written: no schema library in the first part). */
export function isOverlayCommand(m: unknown): m is OverlayCommand {
  if (typeof m !== 'object' || m === null) return false;
  const o = m as Record<string, unknown>;
  if (o.channel !== 'evidence-mapper') return false;
  const keys = Object.keys(o).length;
  if (o.command === 'open-palette' || o.command === 'refresh') return keys === 2;
  return o.command === 'reveal' && keys === 3 && typeof o.passageId === 'string' && o.passageId.length > 0 && o.passageId.length <= 200;
}
