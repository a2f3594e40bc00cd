/**
 * The tag-set CSV: one row per passage x criterion, with the words people read (learner,
 * qualification, unit, outcome, criterion, the quote, page, method, note, assessor, date,
 * IV decision) and then the ids and details our importer needs to bring every record back
 * unchanged. Writing is streamed; reading validates every row before anything is written.
 */
import { z } from 'zod';
import { METHODS, type DecisionRecord, type LearnerRecord, type MappingRecord, type Method, type PageRecord, type PassageRecord } from '../db/records';
import { unitIdOfCriterion, type CatalogueIndex } from './catalogue-index';
import { csvChunks, streamCsv, type CsvOptions, type Progress } from './csv';
import { ImportError, jsonPath } from './errors';
import { emptyPlan, type ImportPlan } from './plan';
import { isPageUrl } from './schemas';

/** One mapping with the records it hangs from: what a tag-set row is made of. */
export interface TagsetItem {
  learner: LearnerRecord;
  passage: PassageRecord;
  page: PageRecord;
  mapping: MappingRecord;
  /** The IV's latest decision on this mapping, if any. */
  decision?: DecisionRecord;
}

/** What a tag-set export is limited to. Dates are `YYYY-MM-DD`, inclusive, on the date tagged. */
export interface TagsetFilter {
  learnerId?: string;
  qualificationId?: string;
  unitId?: string;
  from?: string;
  to?: string;
}

/** The tag-set columns, in order. The ones after "IV date" are for re-import. */
export const TAGSET_COLUMNS = [
  'Learner', 'Learner reference', 'Qualification', 'Unit', 'Unit title', 'Outcome', 'Criterion', 'Criterion text',
  'Evidence', 'Page title', 'Page URL', 'Method', 'Note', 'Assessor', 'Date tagged',
  'IV decision', 'IV reason', 'IV verifier', 'IV date',
  'Learner ID', 'Page ID', 'Passage ID', 'Mapping ID', 'Criterion ID', 'IV decision ID', 'Mapping updated', 'Passage record',
] as const;

type Column = (typeof TAGSET_COLUMNS)[number];

const DECISION_WORDS: Record<DecisionRecord['decision'], string> = { agree: 'Agree', refer: 'Refer back' };

/** True when a mapping's date tagged falls in the filter's date range. */
export function inDateRange(createdAt: string, filter: Pick<TagsetFilter, 'from' | 'to'>): boolean {
  const day = createdAt.slice(0, 10);
  return (!filter.from || day >= filter.from) && (!filter.to || day <= filter.to);
}

/** True when a mapping passes a tag-set filter (for filtering records already in memory). */
export function matchesFilter(mapping: MappingRecord, filter: TagsetFilter, catalogue: CatalogueIndex): boolean {
  if (filter.learnerId && mapping.learnerId !== filter.learnerId) return false;
  if (filter.unitId && mapping.unitId !== filter.unitId) return false;
  if (filter.qualificationId && !catalogue.unitsOfQualification(filter.qualificationId).has(mapping.unitId)) return false;
  return inDateRange(mapping.createdAt, filter);
}

/** The details a row carries for re-import that no person needs to read. */
const passageDetails = z.strictObject({
  selectors: z.array(z.looseObject({ type: z.string() })),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  page: z.strictObject({ kind: z.enum(['web', 'pdf', 'docx']), createdAt: z.string(), updatedAt: z.string() }),
  decisionUpdatedAt: z.string().optional(),
  anchor: z.strictObject({ status: z.enum(['exact', 'fuzzy', 'orphan']), at: z.string() }).optional(),
});

/** One tag-set row. `qualificationIds` of the learner pick which qualification to name. */
export function tagsetRow(item: TagsetItem, catalogue: CatalogueIndex): string[] {
  const { learner, passage, page, mapping, decision } = item;
  const info = catalogue.criterion(mapping.criterionId);
  const unit = info ?? catalogue.unit(mapping.unitId);
  const quals = catalogue.qualificationsOfUnit(mapping.unitId);
  const qual = quals.find((q) => learner.qualificationIds.includes(q.id)) ?? quals[0];
  const details: z.infer<typeof passageDetails> = {
    selectors: passage.selectors,
    createdBy: passage.createdBy,
    createdAt: passage.createdAt,
    updatedAt: passage.updatedAt,
    page: { kind: page.kind, createdAt: page.createdAt, updatedAt: page.updatedAt },
    ...(decision ? { decisionUpdatedAt: decision.updatedAt } : {}),
    ...(passage.anchor ? { anchor: passage.anchor } : {}),
  };
  // In TAGSET_COLUMNS order (an array, not a keyed object: this runs once per exported row).
  return [
    learner.name,
    learner.reference ?? '',
    qual ? `${qual.number} ${qual.title}` : (unit?.spec.title ?? ''),
    unit?.unit.ref ?? '',
    unit?.unit.title ?? '',
    info ? `${info.outcome.number} ${info.outcome.title}`.trim() : '',
    info?.criterion.number ?? mapping.criterionId.slice(mapping.criterionId.lastIndexOf(':') + 1),
    info?.criterion.text ?? '',
    passage.quote,
    page.title,
    page.url,
    mapping.method,
    mapping.note,
    mapping.createdBy,
    mapping.createdAt,
    decision ? DECISION_WORDS[decision.decision] : '',
    decision?.reason ?? '',
    decision?.verifier ?? '',
    decision?.createdAt ?? '',
    learner.id,
    page.id,
    passage.id,
    mapping.id,
    mapping.criterionId,
    decision?.id ?? '',
    mapping.updatedAt,
    JSON.stringify(details),
  ];
}

/** Streams a tag-set CSV from batches of items. */
export async function* tagsetCsv(
  batches: AsyncIterable<TagsetItem[]> | Iterable<TagsetItem[]>,
  catalogue: CatalogueIndex,
  options: CsvOptions = {},
): AsyncGenerator<string> {
  async function* rows() {
    for await (const batch of batches) yield batch.map((item) => tagsetRow(item, catalogue));
  }
  yield* csvChunks(TAGSET_COLUMNS, rows(), options);
}

/** Spreadsheet column letters: 0 -> A, 26 -> AA. */
export function columnLetter(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/**
 * Reads a tag-set CSV this tool exported into an import plan. Throws {@link ImportError}
 * naming the row and column of the first problem.
 */
export async function readTagsetCsv(text: string, onProgress?: Progress): Promise<ImportPlan> {
  const plan = emptyPlan('csv', 'create-only');
  const learners = new Map<string, LearnerRecord>();
  const pages = new Map<string, PageRecord>();
  const passages = new Map<string, PassageRecord>();
  const seenMappings = new Set<string>();
  let header: string[] | null = null;
  let col = new Map<string, number>();

  function readHeader(cells: string[]) {
    header = cells.map((h) => h.trim());
    col = new Map(header.map((h, i) => [h, i]));
    const missing = TAGSET_COLUMNS.filter((c) => !col.has(c));
    if (missing.length) {
      throw new ImportError(
        `This CSV is not a tag set exported by Evidence Mapper: it has no ${missing.map((m) => `"${m}"`).join(', ')} column${missing.length > 1 ? 's' : ''}.`,
      );
    }
  }

  function readRow(cells: string[], rowNo: number) {
    if (cells.length !== header!.length) {
      throw new ImportError(`Row ${rowNo} has ${cells.length} cells but the header has ${header!.length}: the file may be cut short or a cell was split.`);
    }
    const where = (c: Column) => `Row ${rowNo}, column "${c}" (${columnLetter(col.get(c)!)})`;
    const get = (c: Column) => cells[col.get(c)!];
    const need = (c: Column) => {
      const v = get(c);
      if (v === '') throw new ImportError(`${where(c)} is empty.`);
      return v;
    };
    const date = (c: Column) => {
      const v = need(c);
      if (Number.isNaN(Date.parse(v))) throw new ImportError(`${where(c)}: "${v}" is not a date and time.`);
      return v;
    };
    let details: z.infer<typeof passageDetails>;
    try {
      details = passageDetails.parse(JSON.parse(need('Passage record')));
    } catch (e) {
      const why = e instanceof z.ZodError ? `${jsonPath(e.issues[0].path)}: ${e.issues[0].message}` : 'not valid JSON';
      throw new ImportError(`${where('Passage record')}: ${why}.`);
    }
    const method = get('Method');
    if (!(METHODS as readonly string[]).includes(method)) {
      throw new ImportError(`${where('Method')}: "${method}" is not an assessment method (${METHODS.join(', ')}).`);
    }
    const learnerId = need('Learner ID');
    if (!learners.has(learnerId)) {
      const reference = get('Learner reference');
      learners.set(learnerId, {
        id: learnerId, name: get('Learner'), ...(reference ? { reference } : {}), qualificationIds: [], unitChoices: {},
        archived: false, createdAt: details.createdAt, updatedAt: details.createdAt,
      });
    }
    const pageId = need('Page ID');
    if (!isPageUrl(need('Page URL'))) throw new ImportError(`${where('Page URL')}: "${get('Page URL')}" is not a web address (http, https or file).`);
    if (!pages.has(pageId)) {
      pages.set(pageId, { id: pageId, url: need('Page URL'), title: get('Page title'), kind: details.page.kind, createdAt: details.page.createdAt, updatedAt: details.page.updatedAt });
    }
    const passageId = need('Passage ID');
    if (!passages.has(passageId)) {
      passages.set(passageId, {
        id: passageId, learnerId, pageId, selectors: details.selectors as PassageRecord['selectors'], quote: get('Evidence'),
        createdBy: details.createdBy, createdAt: details.createdAt, updatedAt: details.updatedAt,
        ...(details.anchor ? { anchor: details.anchor } : {}),
      });
    }
    const mappingId = need('Mapping ID');
    if (seenMappings.has(mappingId)) throw new ImportError(`${where('Mapping ID')}: mapping "${mappingId}" appears twice in the file.`);
    seenMappings.add(mappingId);
    const criterionId = need('Criterion ID');
    plan.mappings.push({
      id: mappingId, passageId, learnerId, criterionId, unitId: unitIdOfCriterion(criterionId), method: method as Method,
      note: get('Note'), createdBy: get('Assessor'), createdAt: date('Date tagged'), updatedAt: date('Mapping updated'),
    });
    const decisionId = get('IV decision ID');
    if (decisionId) {
      const word = get('IV decision').trim().toLowerCase();
      const decision = word === 'agree' ? 'agree' : word === 'refer back' || word === 'refer' ? 'refer' : null;
      if (!decision) throw new ImportError(`${where('IV decision')}: "${get('IV decision')}" should be "Agree" or "Refer back".`);
      const createdAt = date('IV date');
      plan.decisions.push({
        id: decisionId, learnerId, target: { type: 'mapping', id: mappingId }, decision, reason: get('IV reason'),
        verifier: get('IV verifier'), createdAt, updatedAt: details.decisionUpdatedAt ?? createdAt,
      });
    }
  }

  await streamCsv(
    text,
    (rows, first) => {
      for (let i = 0; i < rows.length; i++) {
        if (header) readRow(rows[i], first + i);
        else readHeader(rows[i]);
      }
    },
    onProgress,
  );
  if (!header) throw new ImportError('The CSV file is empty.');
  plan.learners = [...learners.values()];
  plan.pages = [...pages.values()];
  plan.passages = [...passages.values()];
  onProgress?.(1);
  return plan;
}
