/**
 * Composes the IV report from the records: one line per sample (the latest decision on each
 * mapping or unit), with the evidence it was about, and whether it still holds (drift), and
 * a per-assessor summary (sampled, agreed, referred). lib/export/iv-report.ts lays it out.
 */
import type { CatalogueIndex } from '../catalogue/lookup';
import { criterionCode } from '../catalogue/ids';
import { METHOD_NAMES } from '../catalogue/methods';
import type { DecisionRecord, MappingRecord, PageRecord, PassageRecord, SignoffRecord } from '../db/records';
import type { AssessorSummaryLine, IvReportLine } from '../export/iv-report';
import { evidencePlace } from '../util/page-url';
import { latestByTarget } from './decisions';
import { describeDrift, driftSince } from './drift';

/** What the report reads. */
export interface IvReportInput {
  decisions: readonly DecisionRecord[];
  mappings: ReadonlyMap<string, MappingRecord>;
  passages: ReadonlyMap<string, PassageRecord>;
  pages: ReadonlyMap<string, PageRecord>;
  learners: ReadonlyMap<string, { name: string }>;
  signoffs: readonly SignoffRecord[];
  catalogue: CatalogueIndex;
  /** Today, yyyy-mm-dd (local), to tell an open action from an overdue one. */
  today: string;
}

/** The report: its lines in learner, unit, criterion order, and the per-assessor summary. */
export interface IvReport {
  lines: IvReportLine[];
  assessors: AssessorSummaryLine[];
}

/** Composes the report. */
export function ivReport(input: IvReportInput): IvReport {
  const lines: (IvReportLine & { order: number })[] = [];
  const byAssessor = new Map<string, AssessorSummaryLine>();
  const tally = (assessor: string, line: IvReportLine) => {
    let a = byAssessor.get(assessor);
    if (!a) byAssessor.set(assessor, (a = { assessor, sampled: 0, agreed: 0, referred: 0, changed: 0, openActions: 0 }));
    a.sampled++;
    if (line.decision === 'agree') a.agreed++;
    else a.referred++;
    if (line.changed) a.changed++;
    if (line.actionState === 'open' || line.actionState === 'overdue') a.openActions++;
  };

  for (const d of latestByTarget(input.decisions).values()) {
    const learner = input.learners.get(d.learnerId)?.name ?? d.learnerId;
    const common = {
      learner,
      verifier: d.verifier,
      stage: d.stage === 'interim' ? 'Interim' : d.stage === 'summative' ? 'Summative' : '',
      decision: d.decision,
      decidedAt: d.createdAt,
      reason: d.reason,
      feedback: d.feedback ?? '',
      action: d.action?.text ?? '',
      due: d.action?.due ?? '',
      actionState: actionState(d, input.today),
    };
    if (d.target.type === 'mapping') {
      const m = input.mappings.get(d.target.id);
      const passage = m ? input.passages.get(m.passageId) : undefined;
      const page = passage ? input.pages.get(passage.pageId) : undefined;
      const criterionId = m?.criterionId ?? d.snapshot?.criterionId ?? '';
      const place = input.catalogue.criterion(criterionId);
      const changed = d.snapshot
        ? describeDrift(driftSince(d.snapshot, { mapping: m ?? null, quote: passage?.quote ?? '', anchor: passage?.anchor?.status }))
        : m
          ? ''
          : describeDrift(['mapping-deleted']);
      const method = m?.method ?? d.snapshot?.method;
      const line: IvReportLine = {
        ...common,
        unit: place?.unit.ref ?? '',
        criterion: criterionId ? criterionCode(criterionId) : '',
        criterionText: place?.criterion.text ?? '',
        quote: passage?.quote ?? d.snapshot?.quote ?? '',
        page: page ? evidencePlace(page, passage?.selectors) : '',
        assessor: m?.createdBy ?? '',
        method: method ? `${method} (${METHOD_NAMES[method]})` : '',
        assessedAt: m?.createdAt ?? '',
        changed,
      };
      lines.push({ ...line, order: place?.order ?? Number.MAX_SAFE_INTEGER });
      tally(line.assessor, line);
    } else if (d.target.type === 'qualification') {
      const q = input.catalogue.qualification(d.target.id);
      const line: IvReportLine = {
        ...common, unit: '', criterion: '', criterionText: `Rules of combination confirmed: ${q ? `${q.qualification.number} ${q.qualification.title}` : d.target.id}`,
        quote: '', page: '', assessor: '', method: '', assessedAt: '', changed: '',
      };
      lines.push({ ...line, order: Number.MAX_SAFE_INTEGER - 1 });
    } else {
      const unit = input.catalogue.unit(d.target.id);
      const signoff = latestSignoff(input.signoffs, d.learnerId, d.target.id);
      const line: IvReportLine = {
        ...common,
        unit: unit?.unit.ref ?? d.target.id,
        criterion: '',
        criterionText: unit ? `Whole unit: ${unit.unit.title}` : 'Whole unit',
        quote: '',
        page: '',
        assessor: signoff?.assessor ?? '',
        method: '',
        assessedAt: signoff?.signedAt ?? '',
        changed: '',
      };
      const first = unit ? unit.unit.outcomes[0]?.criteria[0] : undefined;
      lines.push({ ...line, order: first ? (input.catalogue.criterion(first.id)?.order ?? 0) - 0.5 : Number.MAX_SAFE_INTEGER });
      tally(line.assessor, line);
    }
  }
  lines.sort((a, b) => a.learner.localeCompare(b.learner, 'en-GB') || a.order - b.order || a.decidedAt.localeCompare(b.decidedAt));
  return {
    lines: lines.map(({ order: _order, ...line }) => line),
    assessors: [...byAssessor.values()].sort((a, b) => a.assessor.localeCompare(b.assessor, 'en-GB')),
  };
}

function actionState(d: DecisionRecord, today: string): IvReportLine['actionState'] {
  if (!d.action) return 'none';
  if (d.action.done) return 'done';
  return d.action.due < today ? 'overdue' : 'open';
}

function latestSignoff(signoffs: readonly SignoffRecord[], learnerId: string, unitId: string): SignoffRecord | undefined {
  let best: SignoffRecord | undefined;
  for (const s of signoffs) if (s.learnerId === learnerId && s.unitId === unitId && (!best || Date.parse(s.signedAt) > Date.parse(best.signedAt))) best = s;
  return best;
}
