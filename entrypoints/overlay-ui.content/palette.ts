/**
 * The palette: opened on a selection (or, before any learner is chosen, as the learner
 * set-up), saves the chosen criteria as a new passage or adds them to one, and on closing
 * gives focus and the selection back to where they were.
 */
import { anchor, describe } from '../../lib/anchoring';
import type { Requester } from '../../lib/messaging/envelope';
import type { SelectorPayload } from '../../lib/messaging/protocol';
import { newId } from '../../lib/util/id';
import type { OverlayState } from '../../lib/state/overlay.svelte';
import type { OverlayActions } from '../../components/overlay/actions';
import type { Highlights } from './highlights';
import type { Restorer } from './restore';
import { page } from './page';

interface PaletteDeps {
  overlay: OverlayState;
  highlights: Highlights;
  restorer: Restorer;
  request: Requester;
  ensureIndex(): Promise<void>;
}

type PaletteActions = Pick<OverlayActions, 'listLearners' | 'chooseLearner' | 'createLearner' | 'savePalette' | 'closePalette' | 'addCriteria' | 'switchLearner' | 'resumePalette'>;

/** Returns `openPalette` and the palette's actions (it listens to nothing on the page). */
export function createPalette({ overlay, highlights, restorer, request, ensureIndex }: PaletteDeps) {
  let returnFocus: { element: Element | null; range: Range | null } = { element: null, range: null };
  /** What the new passage will be painted on once saved: what anchoring will find next visit. */
  let pending: Promise<Range | null> = Promise.resolve(null);

  /** Opens the palette on a selection (or asks who is being assessed first). */
  function openPalette(range: Range | null): Promise<void> {
    return open(range, document.activeElement);
  }

  /** `element` has focus back on closing. */
  async function open(range: Range | null, element: Element | null): Promise<void> {
    returnFocus = { element, range: range?.cloneRange() ?? null };
    overlay.card = null;
    if (!overlay.learner && !(await learnerChosenElsewhere())) {
      overlay.palette = { mode: 'setup' };
      return;
    }
    if (!range || !range.toString().trim()) {
      overlay.toast('Select the words to tag first, then press Tag (or Alt+Shift+T).');
      return;
    }
    const selectors = [...describe(page.root(), range), ...page.extraSelectors(range)] as SelectorPayload[];
    const quote = selectors.find((s) => s.type === 'TextQuoteSelector');
    if (!quote || quote.type !== 'TextQuoteSelector' || !quote.exact.trim()) {
      overlay.toast('That selection holds no text that can be tagged.');
      return;
    }
    // The palette is this selection's from now on, before anything is awaited: a save that
    // arrives meanwhile (the frame still showing an earlier palette) is for these words.
    overlay.palette = { mode: 'new', quote: quote.exact, selectors };
    // Paint what anchoring will find on the next visit (the selection trimmed to visible
    // text), so the first highlight and the restored one cover the same words.
    const fallback = range.cloneRange();
    pending = anchor(page.root(), selectors).then((a) => a.range ?? fallback, () => fallback);
    await ensureIndex();
  }

  /**
   * Whether a learner has been chosen for this site since this overlay started: a frame's
   * overlay starts with its page, so the learner created in the top page (or another tab)
   * is news to it. Takes that learner on if so.
   */
  async function learnerChosenElsewhere(): Promise<boolean> {
    const hello = await request('overlay/hello', { url: page.url(), title: page.title().slice(0, 200) }).catch(() => null);
    if (!hello?.learner) return false;
    overlay.learner = hello.learner;
    overlay.index = null;
    void restorer.restore();
    return true;
  }

  function closePalette(): void {
    overlay.palette = null;
    const { element, range } = returnFocus;
    if (element instanceof HTMLElement && element !== document.body) element.focus();
    else (document.body ?? document.documentElement).focus?.();
    if (range) {
      const sel = document.getSelection();
      sel?.removeAllRanges();
      sel?.addRange(range);
    }
    returnFocus = { element: null, range: null };
  }

  function afterLearnerChosen(): void {
    // Focus is in the overlay's frame now: on closing, it goes back to where it was before the prompt.
    const { element, range } = returnFocus;
    overlay.palette = null;
    void restorer.restore();
    if (range) void open(range, element);
  }

  const actions: PaletteActions = {
    listLearners: () => request('learners/list', {}),
    chooseLearner: async (learnerId) => {
      await request('learner/choose-for-site', { url: page.url(), learnerId });
      const { learners } = await request('learners/list', {});
      overlay.learner = learners.find((l) => l.id === learnerId) ?? null;
      overlay.index = null;
      afterLearnerChosen();
    },
    createLearner: async (input) => {
      const { learner } = await request('learner/create', input);
      overlay.learner = learner;
      overlay.index = null;
      afterLearnerChosen();
    },
    savePalette: async ({ criteria, method, note }) => {
      const model = overlay.palette;
      if (!model || model.mode === 'setup') return;
      const mappings = criteria.map((criterionId) => ({ criterionId, method, note }));
      overlay.lastMethod = method;
      if (model.mode === 'new') {
        const painted = pending;
        const { passage } = await request('passage/create', {
          passageId: newId(), url: page.url(), title: page.title(), learnerId: overlay.learner!.id,
          selectors: model.selectors, quote: model.quote, mappings,
        });
        highlights.remember(passage.id, await painted);
        overlay.anchors = { ...overlay.anchors, [passage.id]: 'exact' };
        highlights.upsert(passage);
        overlay.toast(`Tagged with ${criteria.map((c) => overlay.label(c)).join(', ')}.`, undefined, 4000);
        returnFocus.range = null;
        // The words are painted now; the page's selection goes, as it did when the palette was
        // in the page (focus in the frame leaves it standing, and a press on it would start a
        // drag of the text instead of a new selection).
        document.getSelection()?.removeAllRanges();
      } else {
        const { passage } = await request('passage/update', { passageId: model.passageId, add: mappings });
        highlights.upsert(passage);
      }
      closePalette();
    },
    closePalette,
    switchLearner: () => {
      if (overlay.palette?.mode === 'new') overlay.palette = { mode: 'setup', switching: true };
    },
    // Back from the chooser, learner unchanged: focus still goes back to where it was before the palette.
    resumePalette: () => void open(returnFocus.range, returnFocus.element),
    addCriteria: (passageId) => {
      const passage = overlay.passage(passageId);
      if (!passage) return;
      returnFocus = { element: document.activeElement, range: null };
      overlay.card = null;
      overlay.palette = { mode: 'add', quote: passage.quote, passageId, existing: passage.mappings.map((m) => m.criterionId) };
      void ensureIndex();
    },
  };

  return { openPalette, actions };
}
