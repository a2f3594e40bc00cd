/**
 * An export as the user asks for it in the options page: which file (tag set, evidence
 * matrix, coverage summary or backup), its name, and its text as a stream the database
 * is read into as the stream is consumed.
 */
import type { TagsetFilter } from '../export/tagset/rows';
import { tagsetCsv } from '../export/tagset/write';
import { handoverSource, type HandoverChoice } from './handover';
import { cellShown, csvChunks, writableRows } from '../export/csv';
import { ItemCheck } from '../export/tagset/rows';
import { evidenceMatrix, MATRIX_COLUMNS } from '../export/matrix';
import { SUMMARY_COLUMNS } from '../export/summary';
import { coverageSummary } from './summary';
import { backupChunks } from '../export/backup';
import type { EvidenceDb } from '../db/schema';
import { backupSource, ivReportSource, loadCatalogueIndex, summaryData, tagsetBatches, unitItems } from './sources';
import { ASSESSOR_SUMMARY_COLUMNS, IV_REPORT_COLUMNS, assessorSummaryRows, ivReportRows } from '../export/iv-report';
import { ivReport, type IvReport } from '../sampling/report';
import { localIsoDay } from '../export/dates';
import type { CatalogueIndex } from '../catalogue/lookup';

/**
 * The IV report (of one learner, or all) as the records stand: the CSV export and the
 * printable page compose it here, so both say the same.
 */
export async function loadIvReport(db: EvidenceDb, learnerId: string | undefined, now: Date, catalogue?: CatalogueIndex): Promise<IvReport> {
  const [source, index] = await Promise.all([ivReportSource(db, learnerId), catalogue ?? loadCatalogueIndex(db)]);
  return ivReport({ ...source, catalogue: index, today: localIsoDay(now) });
}

/** What the user asked to export. */
export type ExportRequest =
  | { kind: 'tagset'; filter: TagsetFilter; bom: boolean }
  | { kind: 'matrix'; learnerId: string; unitId: string; bom: boolean }
  | { kind: 'summary'; learnerId: string; bom: boolean }
  | { kind: 'backup' }
  /** A hand-over pack: some learners' records (chosen, or a sampling plan's), for the IV or back. */
  | { kind: 'handover'; choice: HandoverChoice }
  /** The IV report: one row per sample (of one learner, or all), or the per-assessor summary. */
  | { kind: 'ivreport'; learnerId?: string; bom: boolean }
  | { kind: 'ivsummary'; learnerId?: string; bom: boolean };

/** A file to save: its name, media type and its text as a stream of chunks. */
export interface ExportFile {
  filename: string;
  type: string;
  chunks: AsyncIterable<string>;
  /**
   * The records left out because they cannot be written (ill-formed text), one message
   * each, filled in as the chunks are read: complete once they all have been.
   */
  problems: string[];
}

/** A file-name part made of a name: ASCII words joined by dashes, at most 40 characters. */
export function slug(s: string, empty = 'all'): string {
  return s.normalize('NFKD').replace(/[^\w]+/g, '-').replace(/^-|-$/g, '').toLowerCase().slice(0, 40) || empty;
}

/** Prepares an export; the file's text is read from the database as it is consumed. */
export async function exportFile(db: EvidenceDb, request: ExportRequest, now = new Date()): Promise<ExportFile> {
  const day = now.toISOString().slice(0, 10);
  const csv = 'text/csv;charset=utf-8';
  const problems: string[] = [];
  const onSkip = (problem: string) => void problems.push(problem);
  if (request.kind === 'backup') {
    return { filename: `evidence-mapper-backup-${day}.json`, type: 'application/json', chunks: backupChunks(await backupSource(db), now, onSkip), problems };
  }
  if (request.kind === 'handover') {
    const { source, label } = await handoverSource(db, request.choice);
    return { filename: `hand-over-${slug(label)}-${day}.json`, type: 'application/json', chunks: backupChunks(source, now, onSkip), problems };
  }
  const catalogue = await loadCatalogueIndex(db);
  const learnerName = async (id: string | undefined) => (id ? ((await db.learners.get(id))?.name ?? id) : 'all-learners');
  if (request.kind === 'tagset') {
    const f = request.filter;
    const parts = [await learnerName(f.learnerId), f.unitId ? catalogue.unit(f.unitId)?.unit.ref ?? f.unitId : f.qualificationId ? catalogue.qualification(f.qualificationId)?.qualification.number ?? '' : ''];
    return { filename: `tag-set-${parts.filter(Boolean).map((p) => slug(p)).join('-')}-${day}.csv`, type: csv, chunks: tagsetCsv(tagsetBatches(db, f, catalogue), catalogue, { bom: request.bom, onSkip }), problems };
  }
  if (request.kind === 'matrix') {
    const unit = catalogue.unit(request.unitId);
    if (!unit) throw new Error('That unit is not in the catalogue any more. Choose another unit.');
    const check = new ItemCheck();
    const items = (await unitItems(db, request.learnerId, request.unitId, catalogue)).filter((item) => {
      const why = check.problem(item);
      if (why) onSkip(`${ItemCheck.name(item)}: ${why}`);
      return !why;
    });
    const rows = writableRows(MATRIX_COLUMNS, evidenceMatrix(unit.unit, items), (r) => `the row of criterion ${cellShown(r[1])}`, onSkip);
    return {
      filename: `evidence-matrix-${slug(await learnerName(request.learnerId))}-${slug(unit.unit.ref)}-${day}.csv`,
      type: csv,
      chunks: csvChunks(MATRIX_COLUMNS, [rows], { bom: request.bom }),
      problems,
    };
  }
  if (request.kind === 'ivreport' || request.kind === 'ivsummary') {
    const report = await loadIvReport(db, request.learnerId, now, catalogue);
    const who = request.learnerId ? slug(await learnerName(request.learnerId)) : 'all-learners';
    if (request.kind === 'ivsummary') {
      return {
        filename: `iv-summary-${who}-${day}.csv`, type: csv, problems,
        chunks: csvChunks(ASSESSOR_SUMMARY_COLUMNS, [writableRows(ASSESSOR_SUMMARY_COLUMNS, assessorSummaryRows(report.assessors), (r) => `the row of assessor ${cellShown(r[0])}`, onSkip)], { bom: request.bom }),
      };
    }
    return {
      filename: `iv-report-${who}-${day}.csv`, type: csv, problems,
      chunks: csvChunks(IV_REPORT_COLUMNS, [writableRows(IV_REPORT_COLUMNS, ivReportRows(report.lines), (r) => `the sample of ${cellShown(r[0])} on ${cellShown(r[2] || r[1])}`, onSkip)], { bom: request.bom }),
    };
  }
  const data = await summaryData(db, request.learnerId);
  if (!data) throw new Error('That learner no longer exists. Choose another learner.');
  return {
    filename: `coverage-${slug(data.learner.name)}-${day}.csv`,
    type: csv,
    chunks: csvChunks(SUMMARY_COLUMNS, [writableRows(SUMMARY_COLUMNS, coverageSummary(data.learner, data.mappings, data.signoffs, catalogue), (r) => `the row of unit ${cellShown(r[2])}`, onSkip)], { bom: request.bom }),
    problems,
  };
}
