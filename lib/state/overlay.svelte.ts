/**
 * The overlay's UI state (palette, highlight card, orphans, toasts) as one small class
 * of runes, shared by the overlay's features (entrypoints/overlay-ui.content) and its Svelte
 * components. No DOM here: ranges live with the features (highlights.ts).
 */
import type { CriteriaIndex } from '../search';
import type { IvInfo, LearnerSummary, PassageView, SelectorPayload } from '../messaging/protocol';
import type { FrameIv } from '../messaging/frame';
import type { Method } from '../catalogue/methods';
import { criterionCode } from '../catalogue/ids';
import { Toasts, type Toast } from './toasts.svelte';

type AnchorState = 'pending' | 'exact' | 'fuzzy' | 'orphan';

/** What the palette is doing: first-use learner set-up, tagging a new passage, or adding to one. */
export type PaletteModel =
  | { mode: 'setup'; /** Opened from the palette to tag the same selection for another learner. */ switching?: boolean }
  | { mode: 'new'; quote: string; selectors: SelectorPayload[] }
  | { mode: 'add'; quote: string; passageId: string; existing: string[] };

export interface CardModel {
  passageIds: string[];
  x: number;
  y: number;
  /** Opened by a click (stays) rather than by hovering (closes when the pointer leaves). */
  pinned: boolean;
  /** Opened from the keyboard (a focused highlight's Enter): the card takes focus, Escape gives it back. */
  keyboard?: boolean;
}

/** The highlight reached from the keyboard (next/previous): where its ring is drawn, in page coordinates. */
export interface FocusedHighlight {
  passageId: string;
  /** 1-based position among the page's highlights, in document order. */
  index: number;
  total: number;
  box: { left: number; top: number; width: number; height: number };
}


/** The overlay's state. */
export class OverlayState {
  learner = $state<LearnerSummary | null>(null);
  assessor = $state('Assessor');
  /** Ask the assessor's name at the next tag (never set in Settings, never answered or skipped). */
  askAssessorName = $state(false);
  // Raw: both are replaced whole on every change, never edited in place, so a deep proxy
  // would only cost time on pages with many passages.
  passages = $state.raw<PassageView[]>([]);
  anchors = $state.raw<Record<string, AnchorState>>({});
  palette = $state<PaletteModel | null>(null);
  card = $state<CardModel | null>(null);
  focused = $state<FocusedHighlight | null>(null);
  readonly messages = new Toasts({ plain: 8000, withAction: 8000 });
  index = $state.raw<CriteriaIndex | null>(null);
  indexError = $state<string | null>(null);
  /** The learner's units (mandatory and chosen), as unit ids: suggestions rank them first. */
  chosenUnits = $state.raw<string[]>([]);
  /** Counts the times the index learned from the profile's tags, so suggestions made before are made again. */
  learned = $state(0);
  lastMethod = $state<Method>('Obs');
  showOrphans = $state(false);
  /** Who the user is, IV mode and the decisions on this page's mappings (the content script's, from the background). */
  ivInfo = $state.raw<IvInfo | null>(null);
  /** What the card shows of internal verification (the frame's, from the content script). */
  iv = $state.raw<FrameIv | null>(null);

  readonly orphans = $derived(this.passages.filter((p) => this.anchors[p.id] === 'orphan'));

  get toasts(): Toast[] {
    return this.messages.list;
  }

  /** Shows a message for a few seconds, optionally with an action (Undo). */
  toast(message: string, action?: Toast['action'], ms?: number): void {
    this.messages.show(message, action, ms);
  }

  dismiss(id: number): void {
    this.messages.dismiss(id);
  }

  /** Replaces (or adds) a passage after the background saved it. */
  upsert(passage: PassageView): void {
    const i = this.passages.findIndex((p) => p.id === passage.id);
    this.passages = i < 0 ? [...this.passages, passage] : this.passages.map((p) => (p.id === passage.id ? passage : p));
  }

  remove(passageId: string): void {
    this.passages = this.passages.filter((p) => p.id !== passageId);
    const { [passageId]: _gone, ...rest } = this.anchors;
    this.anchors = rest;
  }

  passage(id: string): PassageView | undefined {
    return this.passages.find((p) => p.id === id);
  }

  /** A criterion's label for display: "CU795 2.3". */
  label(criterionId: string): string {
    const c = this.index?.get(criterionId);
    if (c) return `${c.unitRef} ${c.number}`;
    return criterionCode(criterionId);
  }

  /** Clears the toasts and their pending timers, when the overlay is taken off the page. */
  dispose(): void {
    this.messages.clear();
  }
}
