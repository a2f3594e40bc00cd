/** What the overlay's components can ask its features (entrypoints/overlay-ui.content) to do. */
import type { Method } from '../../lib/catalogue/methods';
import type { Responses } from '../../lib/messaging/protocol';

export interface OverlayActions {
  listLearners(): Promise<Responses['learners/list']>;
  chooseLearner(learnerId: string): Promise<void>;
  createLearner(input: { name: string; reference?: string; qualificationIds: string[] }): Promise<void>;
  savePalette(choice: { criteria: string[]; method: Method; note: string }): Promise<void>;
  closePalette(): void;
  removeMapping(passageId: string, mappingId: string): void;
  editNote(passageId: string, mappingId: string, note: string): void;
  changeMethod(passageId: string, mappingId: string, method: Method): void;
  addCriteria(passageId: string): void;
  deletePassage(passageId: string): void;
  closeCard(): void;
  pointerOnCard(inside: boolean): void;
}
