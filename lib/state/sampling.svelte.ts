/**
 * The IV's sampling page as live state: the qualification chosen, its cohort's records and
 * plans (following the database), the grid with the chosen plan's cells, what the plan
 * covers, and the actions (new plan, choose cells by hand or from a rule, delete with Undo,
 * export). Create it while a component initialises.
 */
import type { Specification } from '../catalogue/model';
import { findQualification, qualificationRefs, findUnit } from '../catalogue/lookup';
import { unitIdOf } from '../catalogue/ids';
import { getDb } from '../db/open';
import { changePlan, createPlan, deletePlan, loadGridRecords, plansFor, recordDecision, restorePlan } from '../db/sampling';
import { canVerifyLearner, initialsOf, type Independence } from '../sampling/people';
import { loadReferralRecords } from '../db/responses';
import { unitDecisions, type Referral } from '../sampling/referrals';
import { localIsoDay } from '../export/dates';
import { setUserIdentity, userIdentity, type UserIdentity } from '../db/settings';
import type { SamplingPlanRecord } from '../db/records';
import { cellAt, cellKey, Grid, GridBase } from '../sampling/grid';
import { DEFAULT_RULE, eligible, planCoverage, planLines, proposePlan, type PlanProposal, type SamplingRule } from '../sampling/plan';
import { csvChunks } from '../export/csv';
import { PLAN_COLUMNS, planRows } from '../export/sampling-plan';
import { saveBlob, toBlob } from '../export/download';
import { LiveQuery } from './live.svelte';
import { slug } from '../transfer/export-file';
import { Toasts } from './toasts.svelte';
import { CatalogueState } from './catalogue.svelte';

/** A unit of the qualification, in its order. */
export interface GridUnit {
  id: string;
  ref: string;
  title: string;
}

export class SamplingState {
  qualificationId = $state<string | null>(null);
  planId = $state<string | null>(null);
  rule = $state<SamplingRule>(structuredClone(DEFAULT_RULE));
  proposal = $state.raw<PlanProposal | null>(null);
  error = $state('');
  readonly toasts = new Toasts({ plain: 5000, withAction: 10000 });

  /** The catalogue, followed live. */
  readonly catalogue = new CatalogueState();
  readonly #specs = (): readonly Specification[] => this.catalogue.specifications;
  readonly #records = new LiveQuery(() => {
    const q = this.qualificationId;
    return q ? () => loadGridRecords(getDb(), q) : null;
  });
  readonly #plans = new LiveQuery(() => {
    const q = this.qualificationId;
    return q ? () => plansFor(getDb(), q) : null;
  });
  readonly #identity = new LiveQuery(() => () => userIdentity(getDb()));

  /** Every qualification of the catalogue, for the chooser. */
  readonly qualifications = $derived(this.#specs().flatMap((s) => s.qualifications.map((q) => ({ id: q.id, title: `${q.number} ${q.title}` }))));

  /** The qualification's units, in the order its rules list them. */
  readonly units = $derived.by<GridUnit[]>(() => {
    const q = this.qualificationId ? findQualification(this.#specs(), this.qualificationId) : undefined;
    if (!q) return [];
    return qualificationRefs(q.qualification).map((ref) => ({ id: unitIdOf(q.spec.id, ref), ref, title: findUnit(q.spec, ref)?.title ?? ref }));
  });

  readonly loading = $derived(this.#records.loading || this.#plans.loading);
  readonly loadError = $derived(this.#records.error ?? this.#plans.error);
  readonly learners = $derived(this.#records.value?.learners ?? []);
  readonly plans = $derived(this.#plans.value ?? []);
  readonly plan = $derived<SamplingPlanRecord | undefined>(this.plans.find((p) => p.id === this.planId));
  /** Who the user is (Settings); name '' until set. */
  readonly identity = $derived<UserIdentity>(this.#identity.value ?? { name: '', initials: '', role: 'assessor' });
  readonly verifier = $derived(this.identity.name);
  readonly nameKnown = $derived(!this.#identity.loading && this.verifier !== '');

  /** Saves who the user is; initials default to the name's. */
  async setIdentity(who: UserIdentity): Promise<void> {
    await this.#run(() => setUserIdentity(getDb(), { ...who, initials: who.initials.trim() || initialsOf(who.name) }));
  }
  readonly planned = $derived(new Set((this.plan?.cells ?? []).map((c) => cellKey(c.learnerId, c.unitId))));

  /** The records' cells, worked out row by row as they are read; the same while the plan changes. */
  readonly #base = $derived.by<GridBase>(() => {
    const r = this.#records.value;
    return new GridBase({ learners: this.learners, units: this.units, mappings: r?.mappings ?? [], signoffs: r?.signoffs ?? [], decisions: r?.decisions ?? [] });
  });
  readonly grid = $derived<Grid>(new Grid(this.#base, this.planned));
  readonly coverage = $derived(planCoverage(this.grid, this.planned));

  #run = async (what: () => Promise<unknown>) => {
    this.error = '';
    try {
      await what();
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
    }
  };

  chooseQualification(id: string | null): void {
    this.qualificationId = id;
    this.planId = null;
    this.selected = null;
    this.proposal = null;
  }

  async newPlan(title: string): Promise<void> {
    const q = this.qualificationId;
    if (!q) return;
    await this.#run(async () => {
      const plan = await createPlan(getDb(), { qualificationId: q, title, verifier: this.verifier });
      this.planId = plan.id;
    });
  }

  /** Puts a cell in the plan or takes it out. */
  async toggle(learnerId: string, unitId: string): Promise<void> {
    const plan = this.plan;
    if (!plan) return;
    const cell = cellAt(this.grid, learnerId, unitId);
    const key = cellKey(learnerId, unitId);
    await this.#run(() =>
      changePlan(getDb(), plan.id, this.planned.has(key)
        ? { add: [], remove: [{ learnerId, unitId }] }
        : { add: [{ learnerId, unitId, stage: cell.signedOff ? 'summative' : 'interim', reasons: [] }], remove: [] }),
    );
  }

  /** Proposes cells from the rule, on top of the plan's. */
  propose(): void {
    const unitRef = (id: string) => this.units.find((u) => u.id === id)?.ref ?? id;
    this.proposal = proposePlan(this.grid, $state.snapshot(this.rule) as SamplingRule, this.planned, unitRef);
  }

  async acceptProposal(): Promise<void> {
    const plan = this.plan;
    const proposal = this.proposal;
    if (!plan || !proposal) return;
    const stage = this.rule.stage;
    await this.#run(async () => {
      await changePlan(getDb(), plan.id, { add: proposal.cells.map((c) => ({ ...c, stage })), remove: [], rule: $state.snapshot(this.rule) as SamplingRule });
      this.toasts.show(`${proposal.cells.length} ${proposal.cells.length === 1 ? 'cell' : 'cells'} added to "${plan.title}".`);
      this.proposal = null;
    });
  }

  async removePlan(): Promise<void> {
    const plan = this.plan;
    if (!plan) return;
    await this.#run(async () => {
      const gone = await deletePlan(getDb(), plan.id);
      this.planId = null;
      if (gone) {
        this.toasts.show(`Deleted the plan "${gone.title}".`, {
          label: 'Undo',
          run: async () => {
            await restorePlan(getDb(), gone);
            this.planId = gone.id;
          },
        });
      }
    });
  }

  /** The cell the IV is looking at (details below the grid). */
  selected = $state<{ learnerId: string; unitId: string } | null>(null);

  readonly #cellRecords = new LiveQuery(() => {
    const learnerId = this.selected?.learnerId;
    return learnerId ? () => loadReferralRecords(getDb(), learnerId) : null;
  });

  /** The latest decisions in the selected cell (the unit's and its mappings'), with the assessor's responses and drift. */
  readonly cellDecisions = $derived.by<Referral[]>(() => {
    const r = this.#cellRecords.value;
    const sel = this.selected;
    if (!r || !sel) return [];
    return unitDecisions({ decisions: r.decisions, responses: r.responses, learners: new Map(r.learners.map((l) => [l.id, l])), evidence: r.evidence, today: localIsoDay(new Date()) }, sel.learnerId, sel.unitId);
  });

  /** The IV's new decision on a mapping (a re-check after the assessor responded): the latest counts. */
  async decideMapping(learnerId: string, mappingId: string, decision: 'agree' | 'refer', reason: string, feedback = '', action?: { text: string; due: string }): Promise<boolean> {
    const may = this.mayVerify(learnerId);
    if (!may.ok) {
      this.error = may.reason;
      return false;
    }
    let ok = false;
    await this.#run(async () => {
      await recordDecision(getDb(), {
        learnerId, target: { type: 'mapping', id: mappingId }, decision, reason, feedback, action,
        verifier: this.verifier, verifierInitials: this.identity.initials || initialsOf(this.verifier),
      });
      this.toasts.show(decision === 'agree' ? 'Agreed. The referral is closed.' : 'Referred again to the assessor.');
      ok = true;
    });
    return ok;
  }

  /** Everyone who assessed a learner on this qualification. */
  assessorsOf(learnerId: string): string[] {
    const out = new Set<string>();
    for (const c of this.grid.cells.values()) if (c.learnerId === learnerId) for (const a of c.assessors) out.add(a);
    return [...out];
  }

  /** May the user verify this learner's units? */
  mayVerify(learnerId: string): Independence {
    return canVerifyLearner(this.verifier, this.assessorsOf(learnerId));
  }

  /** The IV's decision on a whole unit of a learner: agree signs it as verified (date and initials on the claim record). */
  async decideUnit(learnerId: string, unitId: string, decision: 'agree' | 'refer', reason: string, feedback = ''): Promise<boolean> {
    const may = this.mayVerify(learnerId);
    if (!may.ok) {
      this.error = may.reason;
      return false;
    }
    const cell = cellAt(this.grid, learnerId, unitId);
    let ok = false;
    await this.#run(async () => {
      await recordDecision(getDb(), {
        learnerId, target: { type: 'unit', id: unitId }, decision, reason, feedback, stage: cell.signedOff ? 'summative' : 'interim',
        verifier: this.verifier, verifierInitials: this.identity.initials || initialsOf(this.verifier),
      });
      const unit = this.units.find((u) => u.id === unitId)?.ref ?? unitId;
      const learner = this.learners.find((l) => l.id === learnerId)?.name ?? learnerId;
      this.toasts.show(decision === 'agree' ? `${unit} of ${learner} signed as verified.` : `${unit} of ${learner} referred to ${cell.assessors.join(' and ') || 'the assessor'}.`);
      ok = true;
    });
    return ok;
  }

  /** Cells with evidence eligible at the rule's stage, for the hint next to the rule. */
  readonly eligibleCount = $derived([...this.grid.cells.values()].filter((c) => eligible(c, this.rule.stage)).length);

  async exportCsv(): Promise<void> {
    const plan = this.plan;
    if (!plan) return;
    const names = new Map(this.learners.map((l) => [l.id, l.name]));
    const lines = planLines(this.grid, plan, {
      learner: (id) => names.get(id) ?? id,
      unit: (id) => this.units.find((u) => u.id === id) ?? { ref: id, title: '' },
    });
    await this.#run(async () => saveBlob(await toBlob(csvChunks(PLAN_COLUMNS, [planRows(lines)], { bom: true }), 'text/csv;charset=utf-8'), `sampling-plan-${slug(plan.title, 'plan')}.csv`));
  }
}
