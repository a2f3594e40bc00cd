/**
 * The tag-set writer's cells: a row's CSV text, built from cells escaped once and reused.
 * Which columns a row has and in what order is rows.ts's; this file only makes their text
 * fast. tagset.test.ts holds it, character for character, to a plain writer (each cell
 * on its own, the Passage record by JSON.stringify, the table by papaparse).
 *
 * What it buys, measured on the export bench's data (scripts/bench/export.ts, 100,000
 * mappings, 84 MB of CSV, Node 20, median CPU of 7 runs): 0.65 s here against 0.87 s for
 * that plain writer, about a quarter less. In the extension the database reads take most
 * of an export's time (4.7 s in all for the same tag set in Chromium), so the gain there
 * is about a fifth of a second.
 */
import type { DecisionRecord, LearnerRecord, MappingRecord, PageRecord, PassageRecord, SelectorRecord } from '../../db/records';
import type { CatalogueIndex } from '../../catalogue/lookup';
import { csvCell, quotesDoubled } from '../csv';
import { METHODS } from '../../catalogue/methods';
import { criterionNumberOf } from '../../catalogue/ids';
import type { TagsetItem } from './rows';
import { localDateTime } from '../dates';

const DECISION_WORDS: Record<DecisionRecord['decision'], string> = { agree: 'Agree', refer: 'Refer back' };

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
export class TagsetWriter {
  private readonly learners = new WeakMap<LearnerRecord, LearnerCells>();
  private readonly pages = new WeakMap<PageRecord, PageCells>();
  private passage: PassageCells | undefined;
  // Notes and assessors' names repeat from row to row. Cells here end with their comma.
  private note = '';
  private noteCell = ',';
  private assessor = '';
  private assessorCell = ',';
  // So do the times a passage's mappings were made.
  private tagged = '';
  private taggedCell = ',';

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
    if (mapping.createdAt !== this.tagged) {
      this.tagged = mapping.createdAt;
      this.taggedCell = flat(`${csvCell(localDateTime(mapping.createdAt))},`);
    }
    // One chain of + (measured faster than pushing the pieces for one join per chunk).
    // The date columns are local dd/mm/yyyy HH:MM for people (and Excel); the exact times go
    // in the Passage record: the mapping's when it differs from the passage's, and the decision's.
    return (
      c.shown + p.shown + (METHOD_CELLS.get(mapping.method) ?? `${csvCell(mapping.method)},`) + this.noteCell + this.assessorCell + this.taggedCell +
      (decision
        ? `${csvCell(DECISION_WORDS[decision.decision])},${csvCell(decision.reason)},${csvCell(decision.verifier)},${csvCell(localDateTime(decision.createdAt))},`
        : ',,,,') +
      l.id + p.ids + csvCell(mapping.id) + ',' + c.id + (decision ? csvCell(decision.id) : '') + ',' + csvCell(mapping.updatedAt) + ',' +
      p.recordHead + (mapping.createdAt === passage.createdAt ? '' : `,""taggedAt"":${doubledString(mapping.createdAt)}`) +
      (decision ? `,""decisionCreatedAt"":${doubledString(decision.createdAt)},""decisionUpdatedAt"":${doubledString(decision.updatedAt)}` : '') + p.recordTail
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
  // The Passage record is read.ts's PassageDetails as JSON, written key by key (the same text as
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
