/**
 * A learner's claim record page as live state: the learner, their coverage of the
 * qualification and the IV's decisions (following the database), composed into the
 * record; the IV's confirmation of the rules of combination.
 */
import { getDb } from '../db/open';
import { loadCoverageRecords } from '../db/coverage-queries';
import { recordDecision } from '../db/sampling';
import { userIdentity } from '../db/settings';
import { coverageFromRecords } from '../coverage/learner';
import { claimRecord, type ClaimRecord } from '../sampling/claim';
import { canVerifyLearner, initialsOf } from '../sampling/people';
import { LiveQuery } from './live.svelte';

export class ClaimState {
  readonly learnerId: string;
  readonly qualificationId: string;
  error = $state('');
  readonly #data = new LiveQuery(() => () => this.#load());
  readonly #identity = new LiveQuery(() => () => userIdentity(getDb()));

  constructor(learnerId: string, qualificationId: string) {
    this.learnerId = learnerId;
    this.qualificationId = qualificationId;
  }

  async #load() {
    const db = getDb();
    const records = await loadCoverageRecords(db, this.learnerId, this.qualificationId);
    if (!records) return null;
    const coverage = coverageFromRecords(records, this.qualificationId);
    if (!coverage) return null;
    const decisions = await db.decisions.where('learnerId').equals(this.learnerId).toArray();
    const assessors = new Set([...records.mappings.map((m) => m.createdBy), ...records.signoffs.map((s) => s.assessor)]);
    return { learner: records.learner, coverage, record: claimRecord(coverage, this.learnerId, decisions), assessors: [...assessors] };
  }

  readonly loading = $derived(this.#data.loading);
  readonly loadError = $derived(this.#data.error);
  readonly found = $derived(this.#data.value ?? null);
  readonly record = $derived<ClaimRecord | null>(this.found?.record ?? null);
  readonly identity = $derived(this.#identity.value ?? { name: '', initials: '', role: 'assessor' as const });
  /** May the user confirm the rules (an IV who does not assess this learner)? */
  readonly mayConfirm = $derived(canVerifyLearner(this.identity.name, this.found?.assessors ?? []));

  /** The IV confirms the rules of combination were followed. */
  async confirmRules(): Promise<void> {
    this.error = '';
    const may = this.mayConfirm;
    if (!may.ok) return void (this.error = may.reason);
    try {
      await recordDecision(getDb(), {
        learnerId: this.learnerId, target: { type: 'qualification', id: this.qualificationId }, decision: 'agree', reason: '',
        verifier: this.identity.name, verifierInitials: this.identity.initials || initialsOf(this.identity.name), stage: 'summative',
      });
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
    }
  }
}
