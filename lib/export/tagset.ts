/**
 * The tag-set CSV: one row per passage x criterion, with the words people read (learner,
 * qualification, unit, outcome, criterion, the quote, page, method, note, assessor, date,
 * IV decision) and then the ids and details our importer needs to bring every record back
 * unchanged. Writing is streamed; reading validates every row before anything is written.
 */
import { z } from 'zod';
import type { DecisionRecord, LearnerRecord, MappingRecord, PageRecord, PassageRecord, SelectorRecord } from '../db/records';
import type { CatalogueIndex } from '../catalogue/lookup';
import { csvCell, csvHead, csvLines, quotesDoubled, streamCsv, type CsvOptions, type Progress } from './csv';
import { ImportError, jsonPath } from './errors';
import { emptyPlan, isNewer, type ImportPlan } from './plan';
import { isPageUrl } from './schemas';
import { METHODS, type Method } from '../catalogue/methods';
import { criterionNumberOf, unitIdOfCriterion } from '../catalogue/ids';

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

/** The IV's latest decision on each mapping, by mapping id (decisions on units have no row). */
export function latestDecisions(decisions: Iterable<DecisionRecord>): Map<string, DecisionRecord> {
  const latest = new Map<string, DecisionRecord>();
  for (const d of decisions) {
    if (d.target.type !== 'mapping') continue;
    const prev = latest.get(d.target.id);
    if (!prev || isNewer(d.updatedAt, prev.updatedAt)) latest.set(d.target.id, d);
  }
  return latest;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The order of one learner's tag-set rows: passages in the order they were tagged, each
 * passage's criteria in order. A passage's rows sit together, the way an assessor reads
 * back their tagging, and the writer escapes a passage's cells once for all its rows.
 */
export function compareTagsetRows(a: Pick<TagsetItem, 'passage' | 'mapping'>, b: Pick<TagsetItem, 'passage' | 'mapping'>): number {
  return (
    cmp(a.passage.createdAt, b.passage.createdAt) || cmp(a.passage.id, b.passage.id) ||
    cmp(a.mapping.criterionId, b.mapping.criterionId) || cmp(a.mapping.id, b.mapping.id)
  );
}

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

/**
 * The details a row carries for re-import that no person needs to read. When a
 * TextQuoteSelector's `exact` is the Evidence cell it is left out and `exactIsEvidence`
 * says which selector takes it back: the quote would otherwise be in every row twice,
 * the second time with each quote mark doubled twice over (JSON, then CSV). Files from
 * before this carry `exact` in full and read as they always did.
 */
const passageDetails = z.strictObject({
  selectors: z.array(z.looseObject({ type: z.string() })),
  exactIsEvidence: z.number().int().nonnegative().optional(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  page: z.strictObject({ kind: z.enum(['web', 'pdf', 'docx']), createdAt: z.string(), updatedAt: z.string() }),
  decisionUpdatedAt: z.string().optional(),
  anchor: z.strictObject({ status: z.enum(['exact', 'fuzzy', 'orphan']), at: z.string() }).optional(),
});

type PassageDetails = z.infer<typeof passageDetails>;

/** CSV text of the cells a page gives each of its rows. */
interface PageCells {
  /** Page title, Page URL, each followed by a comma. */
  shown: string;
  /** Page ID followed by a comma. */
  id: string;
  /** The page's part of the Passage record. */
  record: string;
}

/** CSV text of the cells a passage gives each of its rows. */
interface PassageCells {
  passage: PassageRecord;
  /** The page the cells were made with (a row of the same passage on another page gets its own). */
  page: PageRecord;
  /** Evidence, Page title, Page URL, each followed by a comma. */
  shown: string;
  /** Page ID, Passage ID, each followed by a comma. */
  ids: string;
  /** The Passage record cell up to where an IV decision's date would go, and from there on. */
  recordHead: string;
  recordTail: string;
}

/** CSV text of a criterion's cells as one learner's rows show them. */
interface CriterionCells {
  /** Learner to Criterion text, each followed by a comma. */
  shown: string;
  /** The Criterion ID cell and its comma. */
  id: string;
}

interface LearnerCells {
  /** The Learner ID cell and its comma. */
  id: string;
  /** By unit id, then criterion id (a mapping's unit picks the qualification named). */
  criteria: Map<string, Map<string, CriterionCells>>;
}

const METHOD_CELLS: ReadonlyMap<string, string> = new Map(METHODS.map((m) => [m, `${csvCell(m)},`]));

/**
 * Writes tag-set rows as CSV text. A learner has thousands of rows and a criterion or a
 * page hundreds, so the cells they decide are escaped once, kept against the record
 * objects (WeakMaps: they go when the caller drops the records), and a row escapes only
 * its passage's, mapping's and decision's own cells. A passage's cells are reused only
 * by the row straight after: kept for all passages (two or three rows each), they cost
 * more in garbage collection than they save (measured).
 */
class TagsetWriter {
  private readonly learners = new WeakMap<LearnerRecord, LearnerCells>();
  private readonly pages = new WeakMap<PageRecord, PageCells>();
  private passage: PassageCells | undefined;
  // Notes and assessors' names repeat from row to row. Cells here end with their comma.
  private note = '';
  private noteCell = ',';
  private assessor = '';
  private assessorCell = ',';

  constructor(private readonly catalogue: CatalogueIndex) {}

  /** One row, in TAGSET_COLUMNS order, without its line end. */
  row({ learner, passage, page, mapping, decision }: TagsetItem): string {
    let l = this.learners.get(learner);
    if (!l) this.learners.set(learner, (l = { id: flat(`${csvCell(learner.id)},`), criteria: new Map() }));
    let byCriterion = l.criteria.get(mapping.unitId);
    if (!byCriterion) l.criteria.set(mapping.unitId, (byCriterion = new Map()));
    let c = byCriterion.get(mapping.criterionId);
    if (!c) byCriterion.set(mapping.criterionId, (c = this.criterionCells(learner, mapping)));
    let p = this.passage;
    if (p?.passage !== passage || p.page !== page) {
      let pg = this.pages.get(page);
      if (!pg) this.pages.set(page, (pg = pageCells(page)));
      this.passage = p = passageCells(passage, page, pg);
    }
    if (mapping.note !== this.note) {
      this.note = mapping.note;
      this.noteCell = flat(`${csvCell(mapping.note)},`);
    }
    if (mapping.createdBy !== this.assessor) {
      this.assessor = mapping.createdBy;
      this.assessorCell = flat(`${csvCell(mapping.createdBy)},`);
    }
    // One chain of + (measured faster than pushing the pieces for one join per chunk).
    return (
      c.shown + p.shown + (METHOD_CELLS.get(mapping.method) ?? `${csvCell(mapping.method)},`) + this.noteCell + this.assessorCell + csvCell(mapping.createdAt) + ',' +
      (decision
        ? `${csvCell(DECISION_WORDS[decision.decision])},${csvCell(decision.reason)},${csvCell(decision.verifier)},${csvCell(decision.createdAt)},`
        : ',,,,') +
      l.id + p.ids + csvCell(mapping.id) + ',' + c.id + (decision ? csvCell(decision.id) : '') + ',' + csvCell(mapping.updatedAt) + ',' +
      p.recordHead + (decision ? `,""decisionUpdatedAt"":${doubledString(decision.updatedAt)}` : '') + p.recordTail
    );
  }

  private criterionCells(learner: LearnerRecord, mapping: MappingRecord): CriterionCells {
    const info = this.catalogue.criterion(mapping.criterionId);
    const unit = info ?? this.catalogue.unit(mapping.unitId);
    const quals = this.catalogue.qualificationsOfUnit(mapping.unitId);
    const qual = quals.find((q) => learner.qualificationIds.includes(q.id)) ?? quals[0];
    const shown = [
      learner.name,
      learner.reference ?? '',
      qual ? `${qual.number} ${qual.title}` : (unit?.spec.title ?? ''),
      unit?.unit.ref ?? '',
      unit?.unit.title ?? '',
      info ? `${info.outcome.number} ${info.outcome.title}`.trim() : '',
      info?.criterion.number ?? criterionNumberOf(mapping.criterionId),
      info?.criterion.text ?? '',
    ];
    return { shown: flat(shown.map((v) => csvCell(v) + ',').join('')), id: flat(`${csvCell(mapping.criterionId)},`) };
  }
}

function passageCells(passage: PassageRecord, page: PageRecord, pg: PageCells): PassageCells {
  const selectors = passage.selectors;
  let quoteAt = -1;
  for (let i = 0; i < selectors.length && quoteAt < 0; i++) {
    if (selectors[i].type === 'TextQuoteSelector' && selectors[i].exact === passage.quote) quoteAt = i;
  }
  // The Passage record is PassageDetails as JSON, written key by key (the same text as
  // JSON.stringify) so that only its values are escaped. It always holds quote marks and
  // starts with "{", so the cell is always quoted and never formula-guarded: its pieces
  // can be escaped apart and joined, and a decision's date put in between.
  return {
    passage,
    page,
    shown: flat(`${csvCell(passage.quote)},${pg.shown}`),
    ids: flat(`${pg.id}${csvCell(passage.id)},`),
    recordHead: flat(
      `"{""selectors"":${selectorsRecord(selectors, quoteAt)}${quoteAt < 0 ? '' : `,""exactIsEvidence"":${quoteAt}`},""createdBy"":${doubledString(passage.createdBy)}` +
        `,""createdAt"":${doubledString(passage.createdAt)},""updatedAt"":${doubledString(passage.updatedAt)},""page"":${pg.record}`,
    ),
    recordTail: passage.anchor ? flat(`,""anchor"":${doubledJson(passage.anchor)}}"`) : '}"',
  };
}

function pageCells(page: PageRecord): PageCells {
  return {
    shown: flat(`${csvCell(page.title)},${csvCell(page.url)},`),
    id: flat(`${csvCell(page.id)},`),
    record: `{""kind"":${doubledString(page.kind)},""createdAt"":${doubledString(page.createdAt)},""updatedAt"":${doubledString(page.updatedAt)}}`,
  };
}

/**
 * The same text, made one flat string. Strings joined with + are kept as trees of their
 * pieces, and every join of a row walks its trees again: a piece that goes into several
 * rows is flattened once, here (V8 flattens a string in place to read a character of
 * it; measured five times faster to join afterwards).
 */
function flat(text: string): string {
  text.charCodeAt(0);
  return text;
}

/** JSON text with its quote marks doubled, to go inside a quoted CSV cell. */
function doubledJson(value: unknown): string {
  return quotesDoubled(JSON.stringify(value));
}

/** {@link doubledJson} of a string. */
function doubledString(value: string): string {
  // Most strings (timestamps, names, keys) need no JSON escape: then the only quote marks
  // are the two around them. Any surrogate goes the long way, since a lone one is escaped.
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 32 || c === 34 || c === 92 || (c >= 0xd800 && c <= 0xdfff)) return quotesDoubled(JSON.stringify(value));
  }
  return `""${value}""`;
}

/**
 * {@link doubledJson} of a selector list, leaving out the `exact` of selector `skip`.
 * Selectors are flat objects of strings and numbers, written here key by key as
 * JSON.stringify would; anything else goes to JSON.stringify itself.
 */
function selectorsRecord(selectors: readonly SelectorRecord[], skip: number): string {
  let text = '[';
  for (let i = 0; i < selectors.length; i++) {
    const selector = selectors[i];
    if (i > 0) text += ',';
    if (typeof selector !== 'object' || selector === null || Array.isArray(selector) || typeof selector.toJSON === 'function') {
      text += doubledJson(selector);
      continue;
    }
    let fields = '';
    for (const key of Object.keys(selector)) {
      if (i === skip && key === 'exact') continue;
      const value = selector[key];
      let json: string;
      if (typeof value === 'string') json = doubledString(value);
      else if (typeof value === 'number') json = Number.isFinite(value) ? String(value) : 'null';
      else if (value === undefined || typeof value === 'function' || typeof value === 'symbol') continue;
      else json = doubledJson(value);
      fields += `${fields ? ',' : ''}${doubledString(key)}:${json}`;
    }
    text += `{${fields}}`;
  }
  return `${text}]`;
}

/** Streams a tag-set CSV from batches of items. */
export async function* tagsetCsv(
  batches: AsyncIterable<TagsetItem[]> | Iterable<TagsetItem[]>,
  catalogue: CatalogueIndex,
  options: CsvOptions = {},
): AsyncGenerator<string> {
  const writer = new TagsetWriter(catalogue);
  const size = options.batch ?? 250;
  yield csvHead(TAGSET_COLUMNS, options);
  for await (const batch of batches) {
    for (let i = 0; i < batch.length; i += size) {
      const end = Math.min(batch.length, i + size);
      const lines = new Array<string>(end - i);
      for (let j = i; j < end; j++) lines[j - i] = writer.row(batch[j]);
      yield csvLines(lines);
    }
  }
}

/** Spreadsheet column letters: 0 -> A, 26 -> AA. */
export function columnLetter(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const METHOD_OF: ReadonlyMap<string, Method> = new Map(METHODS.map((m) => [m, m]));

/** Where each column is in a file's header (files may order them differently). */
type ColumnIndex = Record<Column, number>;

/**
 * Reads a tag-set CSV this tool exported into an import plan. Throws {@link ImportError}
 * naming the row and column of the first problem.
 */
export async function readTagsetCsv(text: string, onProgress?: Progress): Promise<ImportPlan> {
  const plan = emptyPlan('csv', 'create-only');
  const learners = new Map<string, LearnerRecord>();
  const pages = new Map<string, PageRecord>();
  const passages = new Map<string, PassageRecord>();
  // A passage's Passage record cell, as first read and validated: its other rows usually
  // carry the very same text, which then need not be parsed again.
  const detailsOf = new Map<string, { text: string; details: PassageDetails }>();
  const seenMappings = new Set<string>();
  let header: string[] | null = null;
  let at = {} as ColumnIndex;
  // The last date checked: a mapping's two dates, and neighbouring rows', are often the same.
  let lastDate = '';
  let lastNote = '';
  let lastAssessor = '';
  const criteria = new Map<string, { id: string; unitId: string }>();

  function readHeader(cells: string[]) {
    header = cells.map((h) => h.trim());
    const col = new Map(header.map((h, i) => [h, i]));
    const missing = TAGSET_COLUMNS.filter((c) => !col.has(c));
    if (missing.length) {
      throw new ImportError(
        `This CSV is not a tag set exported by Evidence Mapper: it has no ${missing.map((m) => `"${m}"`).join(', ')} column${missing.length > 1 ? 's' : ''}.`,
      );
    }
    at = Object.fromEntries(TAGSET_COLUMNS.map((c) => [c, col.get(c)!])) as ColumnIndex;
  }

  const where = (rowNo: number, c: Column) => `Row ${rowNo}, column "${c}" (${columnLetter(at[c])})`;

  function need(cells: string[], rowNo: number, c: Column): string {
    const v = cells[at[c]];
    if (v === '') throw new ImportError(`${where(rowNo, c)} is empty.`);
    return v;
  }

  function date(cells: string[], rowNo: number, c: Column): string {
    const v = need(cells, rowNo, c);
    if (v === lastDate) return lastDate;
    if (Number.isNaN(Date.parse(v))) throw new ImportError(`${where(rowNo, c)}: "${v}" is not a date and time.`);
    return (lastDate = v);
  }

  function details(cells: string[], rowNo: number): PassageDetails {
    const raw = cells[at['Passage record']];
    const known = detailsOf.get(cells[at['Passage ID']]);
    if (known && known.text === raw) return known.details;
    try {
      return withEvidence(passageDetails.parse(JSON.parse(raw)), cells[at.Evidence]);
    } catch (e) {
      const why = e instanceof z.ZodError ? `${jsonPath(e.issues[0].path)}: ${e.issues[0].message}` : e instanceof DetailsError ? e.message : 'not valid JSON';
      throw new ImportError(`${where(rowNo, 'Passage record')}: ${why}.`);
    }
  }

  function readRow(cells: string[], rowNo: number) {
    if (cells.length !== header!.length) {
      throw new ImportError(`Row ${rowNo} has ${cells.length} cells but the header has ${header!.length}: the file may be cut short or a cell was split.`);
    }
    const d = details(cells, rowNo);
    const method = cells[at.Method];
    if (!METHOD_OF.has(method)) {
      throw new ImportError(`${where(rowNo, 'Method')}: "${method}" is not an assessment method (${METHODS.join(', ')}).`);
    }
    // Ids and words that repeat from row to row are kept as one string each (the
    // learner's, page's and passage's own ids, the last note and assessor, the last
    // date), so the plan holds a few strings per mapping, not one per cell.
    let learner = learners.get(need(cells, rowNo, 'Learner ID'));
    if (!learner) {
      const reference = cells[at['Learner reference']];
      learner = {
        id: cells[at['Learner ID']], name: cells[at.Learner], ...(reference ? { reference } : {}), qualificationIds: [], unitChoices: {},
        archived: false, createdAt: d.createdAt, updatedAt: d.createdAt,
      };
      learners.set(learner.id, learner);
    }
    const learnerId = learner.id;
    const pageId = need(cells, rowNo, 'Page ID');
    const url = need(cells, rowNo, 'Page URL');
    let page = pages.get(pageId);
    // A page's address is checked once; another row giving it another address is checked too.
    if (page?.url !== url && !isPageUrl(url)) throw new ImportError(`${where(rowNo, 'Page URL')}: "${url}" is not a web address (http, https or file).`);
    if (!page) {
      page = { id: pageId, url, title: cells[at['Page title']], kind: d.page.kind, createdAt: d.page.createdAt, updatedAt: d.page.updatedAt };
      pages.set(pageId, page);
    }
    let passage = passages.get(need(cells, rowNo, 'Passage ID'));
    if (!passage) {
      passage = {
        id: cells[at['Passage ID']], learnerId, pageId: page.id, selectors: d.selectors as PassageRecord['selectors'], quote: cells[at.Evidence],
        createdBy: d.createdBy, createdAt: d.createdAt, updatedAt: d.updatedAt,
        ...(d.anchor ? { anchor: d.anchor } : {}),
      };
      passages.set(passage.id, passage);
      detailsOf.set(passage.id, { text: cells[at['Passage record']], details: d });
    }
    const mappingId = need(cells, rowNo, 'Mapping ID');
    if (seenMappings.has(mappingId)) throw new ImportError(`${where(rowNo, 'Mapping ID')}: mapping "${mappingId}" appears twice in the file.`);
    seenMappings.add(mappingId);
    const criterionId = need(cells, rowNo, 'Criterion ID');
    let criterion = criteria.get(criterionId);
    if (!criterion) criteria.set(criterionId, (criterion = { id: criterionId, unitId: unitIdOfCriterion(criterionId) }));
    const createdAt = date(cells, rowNo, 'Date tagged');
    const updatedAt = date(cells, rowNo, 'Mapping updated');
    const note = cells[at.Note];
    if (note !== lastNote) lastNote = note;
    const assessor = cells[at.Assessor];
    if (assessor !== lastAssessor) lastAssessor = assessor;
    plan.mappings.push({
      id: mappingId, passageId: passage.id, learnerId, criterionId: criterion.id, unitId: criterion.unitId, method: METHOD_OF.get(method)!,
      note: lastNote, createdBy: lastAssessor, createdAt, updatedAt,
    });
    const decisionId = cells[at['IV decision ID']];
    if (decisionId) {
      const word = cells[at['IV decision']].trim().toLowerCase();
      const decision = word === 'agree' ? 'agree' : word === 'refer back' || word === 'refer' ? 'refer' : null;
      if (!decision) throw new ImportError(`${where(rowNo, 'IV decision')}: "${cells[at['IV decision']]}" should be "Agree" or "Refer back".`);
      const decidedAt = date(cells, rowNo, 'IV date');
      plan.decisions.push({
        id: decisionId, learnerId, target: { type: 'mapping', id: mappingId }, decision, reason: cells[at['IV reason']],
        verifier: cells[at['IV verifier']], createdAt: decidedAt, updatedAt: d.decisionUpdatedAt ?? decidedAt,
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

/** A Passage record that is valid JSON of the right shape but does not fit its row. */
class DetailsError extends Error {}

/** Puts the Evidence cell back as the `exact` of the selector `exactIsEvidence` names. */
function withEvidence(details: PassageDetails, evidence: string): PassageDetails {
  const i = details.exactIsEvidence;
  if (i === undefined) return details;
  const target = details.selectors[i];
  if (!target || 'exact' in target) throw new DetailsError(`$.exactIsEvidence: there is no selector ${i} without an "exact" to take the Evidence`);
  const { exactIsEvidence: _, ...rest } = details;
  const { type, ...fields } = target;
  return { ...rest, selectors: details.selectors.map((s, j) => (j === i ? { type, exact: evidence, ...fields } : s)) };
}
