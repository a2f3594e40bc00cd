/**
 * The IV's records: sampling plans (one qualification's learners' units chosen to sample,
 * each with why), decisions on mappings and units, and the reads behind the sampling grid.
 * Whether a verifier may decide (independence) and what a rule proposes are lib/sampling's;
 * this module stores and reads.
 */
import type { DecisionRecord, DecisionSnapshot, LearnerRecord, MappingRecord, SamplingPlanRecord, SamplingRuleRecord, SignoffRecord } from './records';
import type { EvidenceDb } from './schema';
import { mappingsOf, specUnitBounds } from './sheets';
import { learnerSheets } from './sheet-queries';
import { decidedMapping } from './responses';
import { specIdOf } from '../catalogue/ids';
import { newId } from '../util/id';

/** What the sampling grid of one qualification is built from. */
export interface GridRecords {
  /** Learners registered on the qualification, not archived, by name. */
  learners: LearnerRecord[];
  /** Their mappings to units of the qualification's specification, by learner id. */
  mappings: Map<string, MappingRecord[]>;
  signoffs: SignoffRecord[];
  decisions: DecisionRecord[];
}

/** The records of a qualification's cohort, for the grid. */
export async function loadGridRecords(db: EvidenceDb, qualificationId: string): Promise<GridRecords> {
  const specId = specIdOf(qualificationId);
  const [lo, hi] = specUnitBounds(specId);
  return db.transaction('r', db.learners, db.sheets, db.signoffs, db.decisions, async () => {
    const learners = (await db.learners.where('qualificationIds').equals(qualificationId).toArray())
      .filter((l) => !l.archived)
      .sort((a, b) => a.name.localeCompare(b.name));
    const mappings = new Map<string, MappingRecord[]>();
    const signoffs: SignoffRecord[] = [];
    const decisions: DecisionRecord[] = [];
    for (const l of learners) {
      const own: MappingRecord[] = [];
      for (const sheet of await learnerSheets(db, l.id)) {
        for (const p of sheet.passages) for (const m of mappingsOf(p)) if (specIdOf(m.unitId) === specId) own.push(m);
      }
      mappings.set(l.id, own);
      signoffs.push(...(await db.signoffs.where('[learnerId+unitId]').between([l.id, lo], [l.id, hi], true, false).toArray()));
      decisions.push(...(await db.decisions.where('learnerId').equals(l.id).toArray()));
    }
    return { learners, mappings, signoffs, decisions };
  });
}

/** A qualification's plans, newest first. */
export async function plansFor(db: EvidenceDb, qualificationId: string): Promise<SamplingPlanRecord[]> {
  const plans = await db.samplingPlans.where('qualificationId').equals(qualificationId).toArray();
  return plans.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** Starts an empty plan. */
export async function createPlan(db: EvidenceDb, input: { qualificationId: string; title: string; verifier: string }, now = new Date().toISOString()): Promise<SamplingPlanRecord> {
  const title = input.title.trim();
  if (!title) throw new Error('A sampling plan needs a title (e.g. "Summative sample, spring term").');
  if (!input.verifier.trim()) throw new Error('Set your name in Settings first: a plan records its verifier.');
  const plan: SamplingPlanRecord = { id: newId(), qualificationId: input.qualificationId, title, verifier: input.verifier.trim(), rule: null, cells: [], createdAt: now, updatedAt: now };
  await db.samplingPlans.add(plan);
  return plan;
}

/** A change to a plan's cells: cells added (with reasons) and cells taken out, by learner and unit. */
export interface PlanChange {
  add: { learnerId: string; unitId: string; stage: 'interim' | 'summative'; reasons: string[] }[];
  remove: { learnerId: string; unitId: string }[];
  /** The rule the cells came from, when they did. */
  rule?: SamplingRuleRecord;
}

/** Adds and removes cells of a plan in one transaction; a cell already in the plan keeps its first reasons. */
export async function changePlan(db: EvidenceDb, planId: string, change: PlanChange, now = new Date().toISOString()): Promise<SamplingPlanRecord> {
  return db.transaction('rw', db.samplingPlans, async () => {
    const plan = await db.samplingPlans.get(planId);
    if (!plan) throw new Error('That sampling plan was deleted.');
    const key = (c: { learnerId: string; unitId: string }) => `${c.learnerId}\u0000${c.unitId}`;
    const out = new Set(change.remove.map(key));
    const cells = plan.cells.filter((c) => !out.has(key(c)));
    const have = new Set(cells.map(key));
    for (const c of change.add) {
      if (have.has(key(c))) continue;
      have.add(key(c));
      cells.push({ ...c, addedAt: now });
    }
    const next: SamplingPlanRecord = { ...plan, cells, rule: change.rule ?? plan.rule, updatedAt: now };
    await db.samplingPlans.put(next);
    return next;
  });
}

/** Deletes a plan; returns it so the caller can offer Undo (put it back with restorePlan). */
export async function deletePlan(db: EvidenceDb, planId: string): Promise<SamplingPlanRecord | undefined> {
  return db.transaction('rw', db.samplingPlans, async () => {
    const plan = await db.samplingPlans.get(planId);
    if (plan) await db.samplingPlans.delete(planId);
    return plan;
  });
}

/** Puts a deleted plan back exactly as it was. */
export async function restorePlan(db: EvidenceDb, plan: SamplingPlanRecord): Promise<void> {
  await db.samplingPlans.put(plan);
}

/** A decision as the IV makes it. */
export interface NewDecision {
  learnerId: string;
  target: DecisionRecord['target'];
  decision: 'agree' | 'refer';
  reason: string;
  feedback?: string;
  action?: { text: string; due: string };
  stage?: 'interim' | 'summative';
  verifier: string;
  verifierInitials?: string;
  /** The words on the page at the moment, for a decision on a mapping (the stored quote if not given). */
  pageText?: string;
}

/**
 * Records a decision. For a mapping, the evidence as it stands is kept with it (snapshot),
 * so that a later change shows as "changed since verified". Refuses a referral without a
 * reason, an action without a due date, and a mapping that no longer exists.
 */
export async function recordDecision(db: EvidenceDb, input: NewDecision, now = new Date().toISOString()): Promise<DecisionRecord> {
  if (input.decision === 'refer' && !input.reason.trim()) throw new Error('Give a reason to refer: the assessor needs to know what to put right.');
  if (input.action && input.action.text.trim() && !/^\d{4}-\d{2}-\d{2}$/.test(input.action.due)) throw new Error('An action needs a due date.');
  if (!input.verifier.trim()) throw new Error('Set your name in Settings first: every decision records its verifier.');
  return db.transaction('rw', db.sheets, db.decisions, db.learners, async () => {
    if (!(await db.learners.get(input.learnerId))) throw new Error('That learner no longer exists.');
    let snapshot: DecisionSnapshot | undefined;
    if (input.target.type === 'mapping') {
      const mapping = await findMapping(db, input.target.id);
      if (!mapping || mapping.learnerId !== input.learnerId) throw new Error('That mapping no longer exists (the assessor may have removed it).');
      snapshot = { quote: input.pageText ?? mapping.quote, criterionId: mapping.criterionId, method: mapping.method, note: mapping.note, mappingUpdatedAt: mapping.updatedAt };
    }
    const action = input.action?.text.trim() ? { text: input.action.text.trim(), due: input.action.due } : undefined;
    const record: DecisionRecord = {
      id: newId(), learnerId: input.learnerId, target: input.target, decision: input.decision, reason: input.reason.trim(), verifier: input.verifier.trim(),
      ...(input.verifierInitials ? { verifierInitials: input.verifierInitials } : {}),
      ...(input.feedback?.trim() ? { feedback: input.feedback.trim() } : {}),
      ...(action ? { action } : {}),
      ...(input.stage ? { stage: input.stage } : {}),
      ...(snapshot ? { snapshot } : {}),
      createdAt: now, updatedAt: now,
    };
    await db.decisions.add(record);
    return record;
  });
}

/**
 * Closes a decision's action (the assessor did it; the IV re-checks). The decision is the IV's
 * record, which only the IV may change on the team's server: the assessor's closing is a
 * record of her own (a response, kind `action-done`) and the decision's `action.done` here is
 * read from it (the sync leaves that field out when it compares, and sets it from the
 * responses it takes, `settleActions`).
 */
export async function closeAction(db: EvidenceDb, decisionId: string, now = new Date().toISOString(), by = ''): Promise<DecisionRecord> {
  return markAction(db, decisionId, 'action-done', now, by);
}

/** Opens a decision's action again (Undo of closeAction, from the assessor's "Done"): another response of her own. */
export async function reopenAction(db: EvidenceDb, decisionId: string, now = new Date().toISOString(), by = ''): Promise<DecisionRecord> {
  return markAction(db, decisionId, 'action-reopened', now, by);
}

async function markAction(db: EvidenceDb, decisionId: string, kind: 'action-done' | 'action-reopened', now: string, by: string): Promise<DecisionRecord> {
  return db.transaction('rw', db.decisions, db.responses, async () => {
    const d = await db.decisions.get(decisionId);
    if (!d?.action) throw new Error(`That decision has no action to ${kind === 'action-done' ? 'close' : 'reopen'}.`);
    await db.responses.add({ id: newId(), decisionId, learnerId: d.learnerId, by, kind, text: '', createdAt: now, updatedAt: now });
    const next = withActionDone(d, kind === 'action-done' ? now : undefined);
    await db.decisions.put(next);
    return next;
  });
}

function withActionDone(d: DecisionRecord, done: string | undefined): DecisionRecord {
  if (!d.action) return d;
  const { done: _done, ...action } = d.action;
  return { ...d, action: done ? { ...action, done } : action };
}

/**
 * Sets each named decision's `action.done` from the assessors' latest `action-done` or
 * `action-reopened` response to it (a sync does this after taking decisions or responses from
 * the team). Returns how many decisions changed.
 */
export async function settleActions(db: EvidenceDb, decisionIds: readonly string[]): Promise<number> {
  if (!decisionIds.length) return 0;
  return db.transaction('rw', db.decisions, db.responses, async () => {
    let changed = 0;
    const decisions = await db.decisions.bulkGet([...new Set(decisionIds)]);
    for (const d of decisions) {
      if (!d?.action) continue;
      const marks = (await db.responses.where('decisionId').equals(d.id).toArray()).filter((r) => r.kind === 'action-done' || r.kind === 'action-reopened');
      if (!marks.length) continue;
      const latest = marks.reduce((a, b) => (b.createdAt > a.createdAt ? b : a));
      const done = latest.kind === 'action-done' ? latest.createdAt : undefined;
      if (d.action.done === done) continue;
      await db.decisions.put(withActionDone(d, done));
      changed++;
    }
    return changed;
  });
}

/** A mapping with its passage's learner and quote, found by id. */
export async function findMapping(db: EvidenceDb, mappingId: string): Promise<(MappingRecord & { quote: string }) | undefined> {
  const found = await decidedMapping(db, mappingId);
  return found && { ...found.mapping, quote: found.passage.quote };
}
