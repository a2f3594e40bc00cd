/**
 * The overlay's frame: an extension page the overlay puts in an iframe on the assessed page,
 * twice: the dialog part shows the learner prompt, the palette and the highlight card; the
 * status part (its URL's hash says which) the toasts and the highlights not found. Its document has the
 * extension's origin, so no page script can read it, type into it or press its buttons, and
 * keys typed here never reach the page. It shows what its content script sends it and calls
 * that content script's actions, which talk to the background as before; both through the
 * background's relay (lib/messaging/frame.ts), the one path Firefox allows.
 */
import { mount, tick } from 'svelte';
import { browser } from 'wxt/browser';
import { OverlayState } from '../../lib/state/overlay.svelte';
import { createCriteriaIndex, createRelearner, flattenCatalogue, type LearnedAnswer } from '../../lib/search';
import type { Specification } from '../../lib/catalogue/model';
import { watchCatalogueChanged } from '../../lib/messaging/catalogue-signal';
import { FRAME_CHANNEL, isFrameRender, partOf, plain, type FrameCallName, type FrameReply, type FrameView, type StatusView } from '../../lib/messaging/frame';
import type { OverlayActions } from '../../components/overlay/actions';
import OverlayRoot from '../../components/overlay/OverlayRoot.svelte';
import OverlayStatus from '../../components/overlay/OverlayStatus.svelte';
import { loadWordVectors } from '../overlay-ui.content/word-vectors';
import './frame.css';

const session = location.hash.slice(1);
const part = partOf(session);
document.documentElement.dataset.part = part;
const state = new OverlayState();
/** Set once the content script has sent a view (through the background, to this session). */
let connected = false;

/** Calls an action of the content script that owns this frame (the background passes it on to this tab). */
async function call(name: FrameCallName, ...args: unknown[]): Promise<unknown> {
  if (!connected) throw new Error('Evidence Mapper is not connected to this page.');
  const reply = (await browser.runtime.sendMessage({ channel: FRAME_CHANNEL, session, name, args: plain(args) })) as FrameReply | undefined;
  if (!reply) throw new Error('Evidence Mapper did not answer. Reload the page and try again.');
  if (!reply.ok) throw new Error(reply.error);
  return reply.value;
}

const forward = (name: FrameCallName) => (...args: unknown[]) => call(name, ...args);
const quiet = (name: FrameCallName) => (...args: unknown[]) => void call(name, ...args).catch((e: unknown) => console.debug('Evidence Mapper:', e));
const actions = {
  listLearners: forward('listLearners'),
  chooseLearner: forward('chooseLearner'),
  createLearner: forward('createLearner'),
  savePalette: forward('savePalette'),
  closePalette: quiet('closePalette'),
  switchLearner: quiet('switchLearner'),
  resumePalette: quiet('resumePalette'),
  answerAssessorName: forward('answerAssessorName'),
  shouldAskAssessorName: forward('shouldAskAssessorName'),
  checkPageLearners: forward('checkPageLearners'),
  removeMapping: quiet('removeMapping'),
  editNote: quiet('editNote'),
  changeMethod: forward('changeMethod'),
  addCriteria: quiet('addCriteria'),
  deletePassage: quiet('deletePassage'),
  closeCard: quiet('closeCard'),
  pointerOnCard: quiet('pointerOnCard'),
  decide: forward('decide'),
  setIvMode: forward('setIvMode'),
} as unknown as OverlayActions;

let indexFor: string | null = null;
async function ensureIndex(): Promise<void> {
  const learner = state.learner;
  if (!learner || indexFor === learner.id) return;
  indexFor = learner.id;
  state.index = null;
  try {
    const [{ specifications, chosenUnits }, vectors] = await Promise.all([
      call('catalogue') as Promise<{ specifications: Specification[]; chosenUnits: string[] }>,
      loadWordVectors(),
    ]);
    if (state.learner?.id === learner.id) state.chosenUnits = chosenUnits;
    if (state.learner?.id === learner.id) state.index = createCriteriaIndex(flattenCatalogue({ formatVersion: 1, specifications }), {}, { vectors });
    state.indexError = null;
  } catch (e) {
    indexFor = null;
    state.indexError = `The criteria could not be loaded: ${e instanceof Error ? e.message : String(e)}`;
  }
}

/**
 * Suggestions learn from the profile's confirmed mappings, asked for each time the palette
 * opens (a tag saved or removed since counts); the index learns again only when they changed.
 */
const learnFromTags = createRelearner((have) => call('learned', have) as Promise<LearnedAnswer>);
async function relearn(): Promise<void> {
  try {
    if (await learnFromTags(() => state.index)) state.learned++;
  } catch (e) {
    console.debug('Evidence Mapper: suggestions could not learn from the tags:', e);
  }
}

// An imported specification saved or deleted on the options page: the next palette or card
// builds the index from the catalogue as it now is (one open now is rebuilt at once).
watchCatalogueChanged(() => {
  indexFor = null;
  if (state.palette || state.card) void ensureIndex().then(() => (state.palette ? relearn() : undefined));
});

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Shows a view; a palette or card that did not change is left as it is (what is typed stays). */
async function apply(view: FrameView): Promise<void> {
  // A card opened from the keyboard (Enter on a highlight's ring) takes the keyboard as a palette does.
  const opened = (!state.palette && !!view.palette) || (!!view.card?.keyboard && !same(state.card, view.card));
  state.learner = view.learner;
  state.assessor = view.assessor;
  state.askAssessorName = view.askAssessorName;
  state.passages = view.passages;
  state.iv = view.iv;
  if (!same(state.palette, view.palette)) {
    state.lastMethod = view.lastMethod;
    state.palette = view.palette as typeof state.palette;
  }
  if (!same(state.card, view.card)) state.card = view.card;
  if (view.palette || view.card) void ensureIndex().then(() => (opened && view.palette ? relearn() : undefined));
  await tick();
  if (opened) {
    focusAwaited = true;
    focusFirst();
  }
}

/** Shows the toasts and the passages not found; a toast's action runs in the content script. */
let orphansOpened = false;
function applyStatus(view: StatusView): void {
  state.messages.list = view.toasts.map((t) => ({
    id: t.id,
    message: t.message,
    action: t.action === null ? undefined : { label: t.action, run: () => void call('toastAction', t.id).catch((e: unknown) => console.debug('Evidence Mapper:', e)) },
  }));
  state.passages = view.orphans;
  state.iv = view.iv;
  state.anchors = Object.fromEntries(view.orphans.map((p) => [p.id, 'orphan' as const]));
  if (view.showOrphans && !orphansOpened) state.showOrphans = true;
  orphansOpened = view.showOrphans;
}

/** The field a dialog starts on, in order of preference (a selector list would pick the dialog, their ancestor). */
const FIRST_FIELDS = ['#em-search', '#em-learner-name', '[role="dialog"]'];
function focusFirst(): void {
  for (const selector of FIRST_FIELDS) {
    const el = document.querySelector<HTMLElement>(selector);
    if (el) return el.focus();
  }
}
// The page gives this frame focus after showing a dialog; if the dialog's field could not take
// it then, it takes it now. Only then: a click in the frame is the user's own choice of focus,
// and focusing (and so scrolling to) the first field under their pointer would lose the click.
let focusAwaited = false;
addEventListener('focus', () => {
  if (focusAwaited && (document.activeElement === document.body || !document.activeElement)) focusFirst();
  focusAwaited = false;
});
addEventListener('pointerdown', () => (focusAwaited = false), true);

// Views come only through the background (no tab): in Chromium the content script's message
// reaches this page directly as well, and is left to the relay so that it is shown once.
browser.runtime.onMessage.addListener((m: unknown, sender) => {
  if (!isFrameRender(m, session) || sender.id !== browser.runtime.id || sender.tab !== undefined) return undefined;
  connected = true;
  if (part === 'status') {
    applyStatus(m.view as StatusView);
    return tick().then(() => (reportSize(true), { ok: true }));
  }
  return apply(m.view as FrameView).then(() => (reportSize(true), { ok: true }));
});

const app = document.getElementById('app')!;
if (part === 'status') mount(OverlayStatus, { target: app, props: { overlay: state } });
else mount(OverlayRoot, { target: app, props: { overlay: state, actions } });
// The content script sizes the iframe from what is shown: a card's height, the status corner's
// width and height (the palette and the prompt fill a frame sized from the page's viewport).
const measured = (): Element => (part === 'status' ? (app.firstElementChild ?? app) : app);
let last = '';
function reportSize(force = false): void {
  const box = measured().getBoundingClientRect();
  // The learner prompt scrolls inside a frame shorter than it: its whole height is what it needs.
  const setup = part === 'dialog' ? document.querySelector<HTMLElement>('.setup') : null;
  const height = setup ? setup.scrollHeight + setup.offsetHeight - setup.clientHeight : box.height;
  const size = [Math.ceil(height), Math.ceil(box.width)];
  if ((force || String(size) !== last) && connected) {
    last = String(size);
    void call('size', ...size).catch(() => undefined);
  }
}
new ResizeObserver(() => reportSize()).observe(measured());
// A prompt drawn into a frame still sized for what it showed before keeps that size (it
// scrolls inside), so its content changing must be measured too.
new MutationObserver(() => reportSize()).observe(app, { childList: true, subtree: true, characterData: true });
