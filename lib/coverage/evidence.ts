/**
 * What a criterion's evidence is, as the panel lists it: each mapped passage's quote, its
 * page, when and by whom it was mapped, by which method, with the assessor's note, and
 * whether the passage is orphaned (it no longer anchors on its page, so the panel must say
 * so and show the quote rather than promise a highlight).
 */
import type { DecisionRecord, MappingRecord, PageRecord, PassageRecord, ResponseRecord } from '../db/records';
import { METHOD_NAMES, type Method } from '../catalogue/methods';
import { decisionDrift } from '../sampling/referrals';
import { describeDrift } from '../sampling/drift';
import { evidencePlace } from '../util/page-url';

/** One piece of evidence for a criterion. */
export interface EvidenceItem {
  mappingId: string;
  criterionId: string;
  passageId: string;
  /** The exact words highlighted; '' when the passage record is gone. */
  quote: string;
  pageId: string | null;
  pageTitle: string;
  pageUrl: string | null;
  /** When the passage was mapped to the criterion. */
  date: string;
  method: Method;
  methodName: string;
  note: string;
  /** Who mapped it. */
  who: string;
  /** The passage no longer anchors on its page. */
  orphan: boolean;
  /** The mapping points at a passage that no longer exists. */
  passageMissing: boolean;
  /**
   * The internal verifier's latest sampling decision on this mapping, if any, with
   * "Changed since verified: …" when the evidence changed after it ('' when it holds) and
   * the assessor's responses to it.
   */
  decision: (Pick<DecisionRecord, 'id' | 'decision' | 'reason' | 'verifier' | 'createdAt'> & { changed: string; responses: ResponseRecord[] }) | null;
}

/** The records evidence is made from, each keyed by id. */
export interface EvidenceSources {
  passages: ReadonlyMap<string, PassageRecord>;
  pages: ReadonlyMap<string, PageRecord>;
  /** Ids of passages known to be orphaned. */
  orphans?: ReadonlySet<string>;
  /** Sampling decisions on mappings (others are ignored). */
  decisions?: readonly DecisionRecord[];
  /** The assessor's responses to those decisions. */
  responses?: readonly ResponseRecord[];
}

/** Evidence items of every mapping, grouped by criterion id, newest first. */
export function evidenceByCriterion(mappings: readonly MappingRecord[], sources: EvidenceSources): Map<string, EvidenceItem[]> {
  const latest = latestDecisions(sources.decisions ?? []);
  const responses = new Map<string, ResponseRecord[]>();
  for (const r of sources.responses ?? []) responses.set(r.decisionId, [...(responses.get(r.decisionId) ?? []), r]);
  const out = new Map<string, EvidenceItem[]>();
  for (const m of mappings) {
    const passage = sources.passages.get(m.passageId);
    const page = passage ? sources.pages.get(passage.pageId) : undefined;
    const d = latest.get(m.id);
    const orphan = (sources.orphans?.has(m.passageId) ?? false) || passage?.anchor?.status === 'orphan';
    const item: EvidenceItem = {
      mappingId: m.id,
      criterionId: m.criterionId,
      passageId: m.passageId,
      quote: passage?.quote ?? '',
      pageId: passage?.pageId ?? null,
      // A document's passage says its file and page too ("Witness statement (statement.pdf), page 2").
      pageTitle: page ? evidencePlace(page, passage?.selectors) : '',
      pageUrl: page?.url ?? null,
      date: m.createdAt,
      method: m.method,
      methodName: METHOD_NAMES[m.method] ?? m.method,
      note: m.note,
      who: m.createdBy,
      orphan,
      passageMissing: !passage,
      decision: d
        ? {
            id: d.id, decision: d.decision, reason: d.reason, verifier: d.verifier, createdAt: d.createdAt,
            changed: describeDrift(decisionDrift(d, passage ? { mapping: m, passage: { id: passage.id, quote: passage.quote, anchor: orphan ? { status: 'orphan', at: '' } : passage.anchor } } : undefined)),
            responses: (responses.get(d.id) ?? []).sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
          }
        : null,
    };
    let list = out.get(m.criterionId);
    if (!list) out.set(m.criterionId, (list = []));
    list.push(item);
  }
  for (const list of out.values()) list.sort(newestFirst);
  return out;
}

/** One criterion's evidence, newest first. */
export function criterionEvidence(criterionId: string, mappings: readonly MappingRecord[], sources: EvidenceSources): EvidenceItem[] {
  return evidenceByCriterion(
    mappings.filter((m) => m.criterionId === criterionId),
    sources,
  ).get(criterionId) ?? [];
}

/** Records keyed by id, for EvidenceSources. */
export function byId<T extends { id: string }>(records: readonly (T | undefined)[]): Map<string, T> {
  const map = new Map<string, T>();
  for (const r of records) if (r) map.set(r.id, r);
  return map;
}

function newestFirst(a: EvidenceItem, b: EvidenceItem): number {
  return a.date < b.date ? 1 : a.date > b.date ? -1 : a.mappingId.localeCompare(b.mappingId);
}

function latestDecisions(decisions: readonly DecisionRecord[]): Map<string, DecisionRecord> {
  const latest = new Map<string, DecisionRecord>();
  for (const d of decisions) {
    if (d.target.type !== 'mapping') continue;
    const before = latest.get(d.target.id);
    if (!before || before.createdAt < d.createdAt) latest.set(d.target.id, d);
  }
  return latest;
}
