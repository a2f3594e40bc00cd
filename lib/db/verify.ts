/**
 * The reads behind the IV's card on the evidence page: who assesses a learner (everyone who
 * mapped evidence for them or signed off one of their units, for independence) and the
 * decisions made on a set of mappings. Which decision counts and whether the verifier may
 * decide are lib/sampling's.
 */
import Dexie from 'dexie';
import type { DecisionRecord } from './records';
import type { EvidenceDb } from './schema';
import { learnerPassages } from './sheet-queries';

/** Everyone who assessed a learner: authors of their passages' mappings and of their unit sign-offs. */
export async function learnerAssessors(db: EvidenceDb, learnerId: string): Promise<string[]> {
  const out = new Set<string>();
  for (const p of await learnerPassages(db, learnerId)) for (const m of p.mappings) if (m.createdBy.trim()) out.add(m.createdBy.trim());
  for (const s of await db.signoffs.where('[learnerId+unitId]').between([learnerId, Dexie.minKey], [learnerId, Dexie.maxKey]).toArray()) if (s.assessor.trim()) out.add(s.assessor.trim());
  return [...out].sort();
}

/** Every decision on these mappings of a learner (all of them, not only the latest). */
export async function decisionsOnMappings(db: EvidenceDb, learnerId: string, mappingIds: readonly string[]): Promise<DecisionRecord[]> {
  const wanted = new Set(mappingIds);
  const all = await db.decisions.where('learnerId').equals(learnerId).toArray();
  return all.filter((d) => d.target.type === 'mapping' && wanted.has(d.target.id));
}
