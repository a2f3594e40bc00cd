/** What the overlay's components can ask its features (entrypoints/overlay-ui.content) to do. */
import type { Method } from '../../lib/catalogue/methods';
import type { LearnerSummary, Responses } from '../../lib/messaging/protocol';

/** What the IV decided in the card. */
export interface DecisionChoice {
  decision: 'agree' | 'refer';
  reason: string;
  feedback?: string;
  action?: { text: string; due: string };
}

export interface OverlayActions {
  listLearners(): Promise<Responses['learners/list']>;
  chooseLearner(learnerId: string): Promise<void>;
  createLearner(input: { name: string; reference?: string; qualificationIds: string[] }): Promise<void>;
  savePalette(choice: { criteria: string[]; method: Method; note: string }): Promise<void>;
  closePalette(): void;
  /** From the palette: choose another learner for the same selection (the palette comes back). */
  switchLearner(): void;
  /** Back from the learner chooser to the palette, learner unchanged. */
  resumePalette(): void;
  /** The first tag's question: a name, or undefined when skipped. */
  answerAssessorName(name: string | undefined): Promise<void>;
  /** Whether to ask the name now (answered in another tab or set in Settings since the page loaded: no). */
  shouldAskAssessorName(): Promise<boolean>;
  /** The other learners the page names, when it does not name the current one. */
  checkPageLearners(): Promise<LearnerSummary[]>;
  removeMapping(passageId: string, mappingId: string): void;
  editNote(passageId: string, mappingId: string, note: string): void;
  /** Resolves to whether the change was saved (when not, a toast says why). */
  changeMethod(passageId: string, mappingId: string, method: Method): Promise<boolean>;
  addCriteria(passageId: string): void;
  deletePassage(passageId: string): void;
  closeCard(): void;
  /** The IV's decision on a mapping; rejects with what went wrong (refused, not saved). */
  decide(passageId: string, mappingId: string, choice: DecisionChoice): Promise<void>;
  /** IV mode on or off (a user who both assesses and verifies); rejects with why not. */
  setIvMode(on: boolean): Promise<void>;
  pointerOnCard(inside: boolean): void;
}

/**
 * What the keyboard's focus ring on a highlight (HighlightFocus, drawn in the page's closed
 * root, not in the overlay's frame) asks: never a frame call.
 */
export interface FocusActions {
  /** Enter on the highlight reached from the keyboard: open its card. */
  openFocusedHighlight(): void;
  /** Escape there (focus back where it was), or focus moved elsewhere (left there). */
  leaveHighlights(restoreFocus: boolean): void;
}
