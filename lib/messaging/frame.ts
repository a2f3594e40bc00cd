/**
 * The overlay's frame channel: the overlay's second part (a content script) and its
 * extension-origin frame (entrypoints/overlay-frame), where the learner prompt, the palette
 * and the highlight card are shown out of the page's reach. Both ends talk by runtime
 * messaging, never by the page's postMessage: the content script broadcasts the frame its
 * view (runtime.sendMessage reaches extension pages, not the page), and the frame calls the
 * content script's actions with tabs.sendMessage to the frame that sent it. A page can send
 * neither. Hand-checked, without a schema library, as the second part stays light.
 */
import type { LearnerSummary, PassageView } from './protocol';
import type { Method } from '../catalogue/methods';

/** Marks frame-channel messages (the background answers only CHANNEL). */
export const FRAME_CHANNEL = 'evidence-mapper-frame';

/** What the palette shows: no selectors, which stay with the content script. */
export type FramePalette = { mode: 'setup' } | { mode: 'new'; quote: string } | { mode: 'add'; quote: string; passageId: string; existing: string[] };

/** What the frame is to show now. */
export interface FrameView {
  learner: LearnerSummary | null;
  assessor: string;
  lastMethod: Method;
  palette: FramePalette | null;
  card: { passageIds: string[]; x: number; y: number; pinned: boolean } | null;
  /** Only the passages the card or the palette shows. */
  passages: PassageView[];
}

/** Content script to frame. */
export interface FrameRender {
  channel: typeof FRAME_CHANNEL;
  session: string;
  view: FrameView;
}

/** What the frame may ask of its content script. */
export const FRAME_CALLS = [
  'listLearners', 'chooseLearner', 'createLearner', 'savePalette', 'closePalette', 'removeMapping', 'editNote',
  'addCriteria', 'deletePassage', 'closeCard', 'pointerOnCard', 'catalogue', 'size',
] as const;
export type FrameCallName = (typeof FRAME_CALLS)[number];

/** Frame to content script. */
export interface FrameCall {
  channel: typeof FRAME_CHANNEL;
  session: string;
  name: FrameCallName;
  args: unknown[];
}

/** The content script's answer to a call. */
export type FrameReply = { ok: true; value: unknown } | { ok: false; error: string };

const isObject = (m: unknown): m is Record<string, unknown> => typeof m === 'object' && m !== null;

/** True for a render message of this session. */
export function isFrameRender(m: unknown, session: string): m is FrameRender {
  return isObject(m) && m.channel === FRAME_CHANNEL && m.session === session && isObject(m.view);
}

/** True for a call of this session, to a known action, with an argument list. */
export function isFrameCall(m: unknown, session: string): m is FrameCall {
  return isObject(m) && m.channel === FRAME_CHANNEL && m.session === session && (FRAME_CALLS as readonly unknown[]).includes(m.name) && Array.isArray(m.args) && m.args.length <= 4;
}
