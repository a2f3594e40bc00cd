/**
 * The overlay's controller: anchors this page's passages and paints them, keeps them
 * anchored as the page changes (late content, single-page route changes), opens the
 * palette and the highlight card, and sends every change to the background.
 */
import { mount } from 'svelte';
import { anchor, describe } from '../../lib/anchoring';
import { createCriteriaIndex, flattenCatalogue } from '../../lib/search';
import { request } from '../../lib/messaging/client';
import type { PassageView, Responses, SelectorPayload } from '../../lib/messaging/protocol';
import { OverlayState } from '../../lib/state/overlay.svelte';
import { unitIdOfCriterion } from '../../lib/catalogue/ids';
import OverlayRoot from '../../components/overlay/OverlayRoot.svelte';
import type { OverlayActions } from '../../components/overlay/actions';
import { colourIndex, createPainter, hitTest, UNTAGGED, type Paintable } from './painter';

const SETTLE_MS = 250;

export class OverlayController {
  readonly overlay = new OverlayState();
  #ranges = new Map<string, Range>();
  /** The text each live range held when anchored: a range whose text changed is re-anchored. */
  #texts = new Map<string, string>();
  #painter;
  #host: HTMLElement;
  #boxes: HTMLElement;
  #url = location.href;
  #started = false;
  #anchoring = false;
  #again = false;
  #returnFocus: { element: Element | null; range: Range | null } = { element: null, range: null };
  #hoverTimer: ReturnType<typeof setTimeout> | undefined;
  #onCard = false;

  constructor() {
    this.#host = document.createElement('evidence-mapper-ui');
    this.#host.style.cssText = 'all: initial; position: absolute; top: 0; left: 0; width: 0; height: 0; z-index: 2147483647;';
    const shadow = this.#host.attachShadow({ mode: 'open' });
    this.#boxes = document.createElement('div');
    this.#boxes.setAttribute('aria-hidden', 'true');
    const ui = document.createElement('div');
    shadow.append(this.#boxes, ui);
    document.documentElement.append(this.#host);
    this.#painter = createPainter(document, () => this.#boxes);
    mount(OverlayRoot, { target: ui, props: { overlay: this.overlay, actions: this.actions } });
  }

  /** First use on this page: who is assessed, then restore the highlights. */
  async start(hello: Responses['overlay/hello']): Promise<void> {
    if (this.#started) return;
    this.#started = true;
    this.overlay.learner = hello.learner;
    this.overlay.assessor = hello.assessor;
    this.#watchPage();
    this.#watchPointer();
    await this.restore();
  }

  /** Fetches this page's passages for the learner and anchors them. */
  async restore(): Promise<void> {
    this.#ranges.clear();
    this.#texts.clear();
    this.overlay.passages = [];
    this.overlay.anchors = {};
    this.#painter.clear();
    const learner = this.overlay.learner;
    if (!learner) return;
    const { passages } = await request('passages/for-page', { url: location.href, learnerId: learner.id });
    this.overlay.passages = passages;
    this.overlay.anchors = Object.fromEntries(passages.map((p) => [p.id, 'pending' as const]));
    await this.#anchorPending();
  }

  /** Anchors passages with no live range (new, orphaned, or whose text changed); then paints. */
  async #anchorPending(): Promise<void> {
    if (this.#anchoring) {
      this.#again = true;
      return;
    }
    this.#anchoring = true;
    try {
      do {
        this.#again = false;
        const anchors = { ...this.overlay.anchors };
        for (const p of this.overlay.passages) {
          const live = this.#ranges.get(p.id);
          if (live && live.toString() === this.#texts.get(p.id)) continue;
          const result = await anchor(document.body, p.selectors);
          this.#remember(p.id, result.range);
          anchors[p.id] = result.status;
        }
        this.overlay.anchors = anchors;
        this.paint();
        this.#reportAnchors();
      } while (this.#again);
    } finally {
      this.#anchoring = false;
    }
  }

  #remember(id: string, range: Range | null | undefined): void {
    if (range) {
      this.#ranges.set(id, range);
      this.#texts.set(id, range.toString());
    } else {
      this.#ranges.delete(id);
      this.#texts.delete(id);
    }
  }

  /** Tells the background how passages anchored, so the side panel can list orphans. */
  #reportAnchors(): void {
    const results = this.overlay.passages
      .map((p) => ({ passageId: p.id, status: this.overlay.anchors[p.id] }))
      .filter((r): r is { passageId: string; status: 'exact' | 'fuzzy' | 'orphan' } => r.status !== 'pending' && this.#reported.get(r.passageId) !== r.status);
    if (!results.length) return;
    for (const r of results) this.#reported.set(r.passageId, r.status);
    request('passages/anchored', { results }).catch((e: unknown) => console.debug('Evidence Mapper: anchor status not saved', e));
  }

  #reported = new Map<string, string>();

  paint(activeId: string | null = null): void {
    const items: Paintable[] = [];
    for (const p of this.overlay.passages) {
      const range = this.#ranges.get(p.id);
      if (range) items.push({ id: p.id, range, colour: p.mappings.length ? colourIndex(unitIdOfCriterion(p.mappings[0].criterionId)) : UNTAGGED });
    }
    this.#painter.paint(items, activeId);
  }

  #paintables(): Paintable[] {
    return [...this.#ranges].map(([id, range]) => ({ id, range, colour: 0 }));
  }

  /** Re-anchors when the page changes; reloads passages when a single-page app changes route. */
  #watchPage(): void {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const settle = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (location.href !== this.#url) {
          this.#url = location.href;
          void this.restore();
        } else if (this.overlay.passages.some((p) => this.overlay.anchors[p.id] !== 'exact' || !this.#ranges.get(p.id)?.toString())) {
          void this.#anchorPending();
        } else {
          this.paint();
        }
      }, SETTLE_MS);
    };
    new MutationObserver((records) => {
      if (records.every((r) => this.#host.contains(r.target))) return;
      settle();
    }).observe(document.documentElement, { childList: true, subtree: true, characterData: true });
    addEventListener('popstate', settle);
    setInterval(() => location.href !== this.#url && settle(), 1000);
  }

  /** Clicking or hovering a highlight opens its card. */
  #watchPointer(): void {
    document.addEventListener('click', (e) => {
      if (e.composedPath().includes(this.#host) || this.overlay.palette) return;
      const sel = document.getSelection();
      if (sel && !sel.isCollapsed) return;
      const ids = hitTest(this.#paintables(), e.clientX, e.clientY);
      if (ids.length) this.#openCard(ids, e.clientX, e.clientY, true);
      else if (this.overlay.card) this.actions.closeCard();
    });
    document.addEventListener('mousemove', (e) => {
      if (this.overlay.palette || this.overlay.card?.pinned) return;
      clearTimeout(this.#hoverTimer);
      this.#hoverTimer = setTimeout(() => {
        const ids = hitTest(this.#paintables(), e.clientX, e.clientY);
        if (ids.length) this.#openCard(ids, e.clientX, e.clientY, false);
        else if (this.overlay.card && !this.#onCard) this.overlay.card = null;
      }, 350);
    }, { passive: true });
  }

  #openCard(ids: string[], x: number, y: number, pinned: boolean): void {
    void this.#ensureIndex();
    this.overlay.card = { passageIds: ids, x, y, pinned };
    this.paint(ids[0]);
  }

  /** The search index over the learner's qualifications, built once on first use. */
  async #ensureIndex(): Promise<void> {
    if (this.overlay.index || !this.overlay.learner) return;
    try {
      const { specifications } = await request('catalogue/for-learner', { learnerId: this.overlay.learner.id });
      this.overlay.index = createCriteriaIndex(flattenCatalogue({ formatVersion: 1, specifications }));
      this.overlay.indexError = null;
    } catch (e) {
      this.overlay.indexError = `The criteria could not be loaded: ${e instanceof Error ? e.message : String(e)}`;
    }
  }

  /** Scrolls a passage's highlight into view and marks it (from the side panel's evidence list). */
  async reveal(passageId: string): Promise<boolean> {
    if (!this.overlay.passage(passageId)) await this.restore();
    for (let i = 0; i < 20 && this.overlay.anchors[passageId] === 'pending'; i++) await new Promise((r) => setTimeout(r, 100));
    const range = this.#ranges.get(passageId);
    if (!range) {
      if (this.overlay.passage(passageId)) {
        this.overlay.showOrphans = true;
        this.overlay.toast('This highlight was not found on the page as it is now; its quote is listed below.');
      }
      return false;
    }
    const rect = range.getBoundingClientRect();
    scrollBy({ top: rect.top - innerHeight / 3, behavior: 'instant' as ScrollBehavior });
    this.paint(passageId);
    const after = range.getBoundingClientRect();
    this.#openCard([passageId], after.left, after.bottom, true);
    return true;
  }

  /** Opens the palette on a selection (or asks who is being assessed first). */
  async openPalette(range: Range | null): Promise<void> {
    this.#returnFocus = { element: document.activeElement, range: range?.cloneRange() ?? null };
    this.overlay.card = null;
    if (!this.overlay.learner) {
      this.overlay.palette = { mode: 'setup' };
      return;
    }
    if (!range || !range.toString().trim()) {
      this.overlay.toast('Select the words to tag first, then press Tag (or Alt+Shift+T).');
      return;
    }
    const selectors = describe(document.body, range) as SelectorPayload[];
    const quote = selectors.find((s) => s.type === 'TextQuoteSelector');
    if (!quote || quote.type !== 'TextQuoteSelector' || !quote.exact.trim()) {
      this.overlay.toast('That selection holds no text that can be tagged.');
      return;
    }
    // Paint what anchoring will find on the next visit (the selection trimmed to visible
    // text), so the first highlight and the restored one cover the same words.
    this.#pending = (await anchor(document.body, selectors)).range ?? range.cloneRange();
    this.overlay.palette = { mode: 'new', quote: quote.exact, selectors };
    await this.#ensureIndex();
  }

  #pending: Range | null = null;

  #closePalette(): void {
    this.overlay.palette = null;
    const { element, range } = this.#returnFocus;
    if (element instanceof HTMLElement && element !== document.body) element.focus();
    else (document.body ?? document.documentElement).focus?.();
    if (range) {
      const sel = document.getSelection();
      sel?.removeAllRanges();
      sel?.addRange(range);
    }
    this.#returnFocus = { element: null, range: null };
  }

  #update(passage: PassageView): void {
    this.overlay.upsert(passage);
    this.paint();
  }

  readonly actions: OverlayActions = {
    listLearners: () => request('learners/list', {}),
    chooseLearner: async (learnerId) => {
      await request('learner/choose-for-site', { url: location.href, learnerId });
      const { learners } = await request('learners/list', {});
      this.overlay.learner = learners.find((l) => l.id === learnerId) ?? null;
      this.overlay.index = null;
      this.#afterLearnerChosen();
    },
    createLearner: async (input) => {
      const { learner } = await request('learner/create', input);
      this.overlay.learner = learner;
      this.overlay.index = null;
      this.#afterLearnerChosen();
    },
    savePalette: async ({ criteria, method, note }) => {
      const model = this.overlay.palette;
      if (!model || model.mode === 'setup') return;
      const mappings = criteria.map((criterionId) => ({ criterionId, method, note }));
      this.overlay.lastMethod = method;
      if (model.mode === 'new') {
        const { passage } = await request('passage/create', {
          passageId: crypto.randomUUID(), url: location.href, title: document.title, learnerId: this.overlay.learner!.id,
          selectors: model.selectors, quote: model.quote, mappings,
        });
        this.#remember(passage.id, this.#pending);
        this.overlay.anchors = { ...this.overlay.anchors, [passage.id]: 'exact' };
        this.#update(passage);
        this.overlay.toast(`Tagged with ${criteria.map((c) => this.overlay.label(c)).join(', ')}.`, undefined, 4000);
        this.#returnFocus.range = null;
      } else {
        const { passage } = await request('passage/update', { passageId: model.passageId, add: mappings });
        this.#update(passage);
      }
      this.#closePalette();
    },
    closePalette: () => this.#closePalette(),
    removeMapping: (passageId, mappingId) => {
      const passage = this.overlay.passage(passageId);
      if (passage && passage.mappings.length === 1) return this.actions.deletePassage(passageId);
      request('passage/update', { passageId, removeMappingIds: [mappingId] })
        .then(({ passage: p }) => this.#update(p))
        .catch((e: Error) => this.overlay.toast(e.message));
    },
    editNote: (passageId, mappingId, note) => {
      request('passage/update', { passageId, notes: [{ mappingId, note }] })
        .then(({ passage: p }) => this.#update(p))
        .catch((e: Error) => this.overlay.toast(e.message));
    },
    addCriteria: (passageId) => {
      const passage = this.overlay.passage(passageId);
      if (!passage) return;
      this.#returnFocus = { element: document.activeElement, range: null };
      this.overlay.card = null;
      this.overlay.palette = { mode: 'add', quote: passage.quote, passageId, existing: passage.mappings.map((m) => m.criterionId) };
      void this.#ensureIndex();
    },
    deletePassage: (passageId) => {
      this.overlay.card = null;
      request('passage/delete', { passageId })
        .then((deleted) => {
          const range = this.#ranges.get(passageId);
          this.#remember(passageId, null);
          this.overlay.remove(passageId);
          this.paint();
          this.overlay.toast('Highlight deleted.', {
            label: 'Undo',
            run: () => {
              request('passage/restore', deleted)
                .then(({ passage }) => {
                  this.#remember(passage.id, range);
                  this.overlay.anchors = { ...this.overlay.anchors, [passage.id]: range ? 'exact' : 'pending' };
                  this.#update(passage);
                  if (!range) void this.#anchorPending();
                })
                .catch((e: Error) => this.overlay.toast(e.message));
            },
          });
        })
        .catch((e: Error) => this.overlay.toast(e.message));
    },
    closeCard: () => {
      this.overlay.card = null;
      this.paint();
    },
    pointerOnCard: (inside) => {
      this.#onCard = inside;
    },
  };

  #afterLearnerChosen(): void {
    const range = this.#returnFocus.range;
    this.overlay.palette = null;
    void this.restore();
    if (range) void this.openPalette(range);
  }
}

