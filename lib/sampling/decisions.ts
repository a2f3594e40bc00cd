/**
 * Sampling decisions as the IV's records: each decision is an event of its own (agree or
 * refer, on a mapping or on a unit); the one that counts for a target is the latest made.
 * Decisions never change the assessor's mappings.
 */
import type { DecisionRecord } from '../db/records';

/** The key of a decision's target: a mapping's id, or a learner's unit. */
export function targetKey(d: Pick<DecisionRecord, 'learnerId' | 'target'>): string {
  if (d.target.type === 'mapping') return mappingTargetKey(d.target.id);
  return d.target.type === 'unit' ? unitTargetKey(d.learnerId, d.target.id) : `qualification\u0000${d.learnerId}\u0000${d.target.id}`;
}

/** The key of a decision on one learner's unit. */
export function unitTargetKey(learnerId: string, unitId: string): string {
  return `unit\u0000${learnerId}\u0000${unitId}`;
}

/** The key of a decision on a mapping. */
export function mappingTargetKey(mappingId: string): string {
  return `mapping\u0000${mappingId}`;
}

/**
 * The latest decision per target: the one made last (createdAt, as times), ties broken by
 * id so that every copy of the same records agrees.
 */
export function latestByTarget<D extends Pick<DecisionRecord, 'id' | 'learnerId' | 'target' | 'createdAt'>>(decisions: readonly D[]): Map<string, D> {
  const latest = new Map<string, D>();
  for (const d of decisions) {
    const key = targetKey(d);
    const before = latest.get(key);
    if (!before || later(d, before)) latest.set(key, d);
  }
  return latest;
}

function later(a: Pick<DecisionRecord, 'id' | 'createdAt'>, b: Pick<DecisionRecord, 'id' | 'createdAt'>): boolean {
  const ta = Date.parse(a.createdAt);
  const tb = Date.parse(b.createdAt);
  if (ta !== tb) return ta > tb;
  return a.id > b.id;
}
