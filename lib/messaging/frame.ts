/**
 * The overlay's frame channel: the overlay's second part (a content script) and its
 * extension-origin frames (entrypoints/overlay-frame), where everything the overlay says in
 * words is shown out of the page's reach: the learner prompt, the palette and the highlight
 * card in one frame (the dialog part), toasts and the highlights not found in another (the
 * status part, in the page's corner). Each frame has its own session. Both ends talk by
 * runtime messaging through the background, never by the page's postMessage: the content
 * script sends the frame its view (runtime.sendMessage), the frame calls the content script's
 * actions (runtime.sendMessage), and the background relays each to the tab's frames
 * (tabs.sendMessage), where only the end holding that session answers. One path for both
 * browsers: Firefox gives an extension iframe inside a web page only what a content script
 * gets (tabs.sendMessage, no tabs API; w3c/webextensions#35), so the direct path Chromium
 * allows (runtime.sendMessage reaching the frame) never arrives there. A page can send
 * neither message nor see one. Hand-checked, without a schema library, as the second part
 * stays light.
 */
import type { DecisionView, LearnerSummary, PassageView } from './protocol';
import type { Method } from '../catalogue/methods';

/** Marks frame-channel messages (the background answers only CHANNEL). */
export const FRAME_CHANNEL = 'evidence-mapper-frame';

/** What the palette shows: no selectors, which stay with the content script. */
export type FramePalette = { mode: 'setup'; /** Opened from the palette (Alt+L), to tag the same selection for another learner. */ switching?: boolean } | { mode: 'new'; quote: string } | { mode: 'add'; quote: string; passageId: string; existing: string[] };

/** The two frames: dialogs (prompt, palette, card) and status (toasts, orphans). */
export type FramePart = 'dialog' | 'status';

/**
 * What the card shows of internal verification: who the user is, IV mode, and per mapping of
 * the passages it shows the latest decision, its state and, when the evidence changed since,
 * what changed (in words: "Changed since verified: ...").
 */
export interface FrameIv {
  ivMode: boolean;
  role: 'assessor' | 'verifier' | 'both';
  name: string;
  initials: string;
  /** Everyone who assessed the learner, for the card to say why the IV may not decide. */
  assessors: string[];
  mappings: Record<string, { decision: DecisionView | null; state: 'not-sampled' | 'agreed' | 'referred' | 'changed'; drift: string }>;
}

/** What the dialog frame is to show now. */
export interface FrameView {
  learner: LearnerSummary | null;
  assessor: string;
  /** Ask the assessor's name at this tag (the palette asks the content script again before it does). */
  askAssessorName: boolean;
  lastMethod: Method;
  palette: FramePalette | null;
  /** `keyboard`: opened with Enter on a highlight's focus ring, so the card takes the keyboard. */
  card: { passageIds: string[]; x: number; y: number; pinned: boolean; keyboard?: boolean } | null;
  /** Only the passages the card or the palette shows. */
  passages: PassageView[];
  /** Internal verification on the card's passages, once the background said (null before). */
  iv: FrameIv | null;
}

/** What the status frame is to show now: a toast's action is only its label (the frame asks for it to run). */
export interface StatusView {
  toasts: { id: number; message: string; action: string | null }[];
  /** The passages not found on the page, with their quotes and criteria. */
  orphans: PassageView[];
  /** Opens the list of passages not found (the side panel asked for one of them). */
  showOrphans: boolean;
  /** The IV's decisions on those passages, each now "changed since verified" (they are not found). */
  iv: FrameIv | null;
}

/** Content script to frame. */
export interface FrameRender {
  channel: typeof FRAME_CHANNEL;
  session: string;
  view: FrameView | StatusView;
}

/**
 * What the dialog frame may ask of its content script: the prompt's, the palette's (with the
 * learner switch, the first tag's name question and the check for another learner named on
 * the page) and the card's (with its method menu, and the IV's decision and IV mode switch) actions. Not the keyboard's focus ring on
 * a highlight, which is in the page's closed root and calls the content script directly.
 */
export const FRAME_CALLS = [
  'listLearners', 'chooseLearner', 'createLearner', 'savePalette', 'closePalette', 'switchLearner', 'resumePalette',
  'answerAssessorName', 'shouldAskAssessorName', 'checkPageLearners',
  'removeMapping', 'editNote', 'changeMethod', 'addCriteria', 'deletePassage', 'closeCard', 'pointerOnCard', 'catalogue', 'learned', 'size',
  'decide', 'setIvMode',
] as const;
/** What the status frame may ask: run a toast's action, and say its size. */
export const STATUS_CALLS = ['toastAction', 'size'] as const;
export type FrameCallName = (typeof FRAME_CALLS)[number] | (typeof STATUS_CALLS)[number];

/** A frame's session: its part, a dot, then random hex (the frame reads it from its URL's hash). */
export function partOf(session: string): FramePart {
  return session.startsWith('status.') ? 'status' : 'dialog';
}

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

/** A session as the content script makes it: the part, a dot, 32 hex digits. */
const SESSION = /^(dialog|status)\.[0-9a-f]{32}$/;

/** True for a render message of this session. */
export function isFrameRender(m: unknown, session: string): m is FrameRender {
  return isObject(m) && m.channel === FRAME_CHANNEL && m.session === session && isObject(m.view);
}

/** True for a call of this session, to an action its part may ask for, with an argument list. */
export function isFrameCall(m: unknown, session: string): m is FrameCall {
  const allowed: readonly unknown[] = partOf(session) === 'status' ? STATUS_CALLS : FRAME_CALLS;
  return isObject(m) && m.channel === FRAME_CHANNEL && m.session === session && allowed.includes(m.name) && Array.isArray(m.args) && m.args.length <= 4;
}

/**
 * What a frame-channel message may carry: plain JSON data. Firefox clones a message with
 * the structured clone algorithm, which refuses a proxy (Svelte's state) where Chromium's
 * JSON serialisation reads through it; both ends pass their arguments and answers through
 * this first, so both browsers send the same thing.
 */
export function plain<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/** The frame page's path; a frame's session is its URL's hash. */
export const FRAME_PAGE = '/overlay-frame.html';

/** Who sent a message to the background, as the browser reports it. */
export interface RelaySender {
  id?: string;
  url?: string;
  tab?: { id?: number };
}

/**
 * The background's relay of the frame channel. A render goes on only from this extension's
 * own content script (in a tab, not at an extension URL); a call only from this extension's
 * frame page, for the session in its own URL (a frame can call for no other), to an action
 * its part may ask for. Each goes to the sender's tab alone (`send`: tabs.sendMessage to all
 * its frames, where only the end with that session answers). Anything else is not the
 * channel's, or is refused: undefined (no answer).
 */
export function relayFrameMessage(
  m: unknown,
  sender: RelaySender,
  own: { id: string; frameUrl: string; /** The document viewer's page: the overlay runs there as on a web page. */ viewerUrl?: string },
  send: (tabId: number, m: FrameRender | FrameCall) => Promise<unknown>,
): Promise<unknown> | undefined {
  if (!isObject(m) || m.channel !== FRAME_CHANNEL || typeof m.session !== 'string' || !SESSION.test(m.session)) return undefined;
  const tabId = sender.tab?.id;
  if (sender.id !== own.id || typeof tabId !== 'number' || typeof sender.url !== 'string') return undefined;
  const extensionUrl = own.frameUrl.slice(0, own.frameUrl.indexOf('/', own.frameUrl.indexOf('//') + 2) + 1);
  if (isFrameRender(m, m.session)) {
    if (sender.url.startsWith(extensionUrl) && !(own.viewerUrl && sender.url.startsWith(own.viewerUrl))) return undefined;
    return send(tabId, { channel: FRAME_CHANNEL, session: m.session, view: m.view });
  }
  if (isFrameCall(m, m.session)) {
    // (Compared as text: URL's origin is "null" for an extension scheme in some engines.)
    if (sender.url !== `${own.frameUrl}#${m.session}`) return undefined;
    return send(tabId, { channel: FRAME_CHANNEL, session: m.session, name: m.name, args: m.args });
  }
  return undefined;
}
