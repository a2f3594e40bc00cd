/**
 * The side panel's shared state: the page beside it, the learners, the one being assessed
 * (remembered per site, as the overlay remembers it), the assessor's name, and short
 * messages with an Undo. Everything read from the database is live, so a learner created
 * in the overlay or a tag saved in another tab shows at once. Create it while the panel's
 * root component initialises.
 */
import type { LearnerRecord } from '../db/records';
import { getDb } from '../db/open';
import { activeByName, addQualification, chooseLearner, createLearner, learnerForSite, renameLearner, setLearnerArchived, type NewLearner } from '../db/learners';
import { assessorName, setAssessorName, setUserIdentity, userIdentity, type UserIdentity } from '../db/settings';
import { closeAction, reopenAction } from '../db/sampling';
import { addResponse } from '../db/responses';
import type { ResponseRecord } from '../db/records';
import { initialsOf } from '../sampling/people';
import { updatePassage } from '../db/evidence';
import type { Method } from '../catalogue/methods';
import { LiveQuery } from './live.svelte';
import { Toasts, type Toast } from './toasts.svelte';


/** The panel's tabs. */
export type PanelTab = 'coverage' | 'page' | 'referrals' | 'criteria' | 'settings';

/** State shared by the panel's components. */
export class PanelState {
  /** The page beside the panel (its tab's URL), if it is a web page. */
  pageUrl = $state<string | null>(null);
  pageTitle = $state('');
  tab = $state<PanelTab>('coverage');
  /** The learner's qualification shown, when they are on more than one. */
  qualificationChoice = $state<string | null>(null);
  readonly messages = new Toasts({ plain: 6_000, withAction: 12_000 });
  /** Passages the panel asked a page to reveal and it could not find (orphans). */
  orphans = $state.raw<ReadonlySet<string>>(new Set());

  #all = new LiveQuery(() => () => getDb().learners.toArray());
  #current = new LiveQuery(() => {
    const url = this.pageUrl;
    return () => learnerForSite(getDb(), url);
  });
  #assessor = new LiveQuery(() => () => assessorName(getDb()));
  #identity = new LiveQuery(() => () => userIdentity(getDb()));

  /** Learners not archived, by name. */
  readonly learners = $derived(activeByName(this.#all.value ?? []));
  readonly learner = $derived<LearnerRecord | null>(this.#current.value ?? null);
  /** Both have answered once (later re-queries, e.g. on a tab switch, keep the last answer). */
  readonly loaded = $derived(this.#all.value !== undefined && this.#current.value !== undefined);
  readonly error = $derived(this.#all.error ?? this.#current.error);
  readonly assessor = $derived(this.#assessor.value ?? 'Assessor');
  /** Who the user is (name '' until set), the same settings the options page's Sampling tab writes; undefined until read. */
  readonly identity = $derived<UserIdentity | undefined>(this.#identity.value);
  /** The qualification shown: the one chosen if the learner is on it, else their first. */
  readonly qualificationId = $derived.by(() => {
    const ids = this.learner?.qualificationIds ?? [];
    return this.qualificationChoice && ids.includes(this.qualificationChoice) ? this.qualificationChoice : (ids[0] ?? null);
  });

  /** Creates a learner and makes them the one assessed here. */
  async create(input: NewLearner): Promise<LearnerRecord> {
    const learner = await createLearner(getDb(), input);
    await chooseLearner(getDb(), learner.id, this.pageUrl);
    this.tab = 'coverage';
    this.toast(`${learner.name} created. Select text on their portfolio and choose “Tag” to add evidence.`);
    return learner;
  }

  /** Makes a learner the one assessed (on this site, when there is a page). */
  async choose(learnerId: string): Promise<void> {
    await chooseLearner(getDb(), learnerId, this.pageUrl);
  }

  /** Renames a learner and adds the qualifications given (the first one added is then shown). */
  async edit(learnerId: string, name: string, reference: string, addQualifications: string[] = []): Promise<void> {
    await renameLearner(getDb(), learnerId, name, reference);
    for (const id of addQualifications) await addQualification(getDb(), learnerId, id);
    if (addQualifications.length) this.qualificationChoice = addQualifications[0];
  }

  /** Archives a learner, offering Undo (which also makes them current again). */
  async archive(learner: LearnerRecord): Promise<void> {
    await setLearnerArchived(getDb(), learner.id, true);
    this.toast(`${learner.name} archived. Their evidence is kept.`, {
      label: 'Undo',
      run: async () => {
        await setLearnerArchived(getDb(), learner.id, false);
        await chooseLearner(getDb(), learner.id, this.pageUrl);
      },
    });
  }

  async setAssessor(name: string): Promise<void> {
    await setAssessorName(getDb(), name);
  }

  /** Saves who the user is; initials default to the name's. Returns what was saved. */
  async setIdentity(who: UserIdentity): Promise<UserIdentity> {
    const saved = { ...who, name: who.name.trim(), initials: (who.initials.trim() || initialsOf(who.name)).toUpperCase() };
    await setUserIdentity(getDb(), saved);
    return saved;
  }

  /** The assessor answers an IV's decision: a reply, or word that they re-mapped or added evidence. */
  async respond(decisionId: string, kind: ResponseRecord['kind'], text: string): Promise<void> {
    await addResponse(getDb(), { decisionId, kind, text, by: this.assessor });
    this.toast(kind === 'reply' ? 'Reply saved. The IV sees it when they re-check.' : 'Noted for the IV, who sees it when they re-check.');
  }

  /** The assessor marks a decision's action done: it waits for the IV to re-check. */
  async markDone(decisionId: string): Promise<void> {
    await closeAction(getDb(), decisionId, undefined, this.assessor);
    this.toast('Marked done. The IV is asked to re-check it.', { label: 'Undo', run: async () => void (await reopenAction(getDb(), decisionId, undefined, this.assessor)) });
  }

  /** Changes a saved mapping's assessment method; the mapping then names the assessor who changed it. */
  async changeMethod(passageId: string, mappingId: string, method: Method): Promise<void> {
    const db = getDb();
    await updatePassage(db, passageId, { add: [], removeMappingIds: [], notes: [], methods: [{ mappingId, method }] }, await assessorName(db));
  }

  /** Remembers that a passage did not anchor on its page, so its lists say so. */
  markOrphan(passageId: string, orphan: boolean): void {
    const next = new Set(this.orphans);
    if (orphan) next.add(passageId);
    else next.delete(passageId);
    this.orphans = next;
  }

  get toasts(): Toast[] {
    return this.messages.list;
  }

  /** Shows a message for a while (longer when it offers an action). */
  toast(message: string, action?: Toast['action']): void {
    this.messages.show(message, action);
  }

  dismiss(id: number): void {
    this.messages.dismiss(id);
  }
}
