/**
 * Reads a tag-set CSV this tool exported back into an import plan: every row is validated
 * (the first problem is named by row and column) before anything is written, and the
 * records come back as they were exported.
 */
import { z } from 'zod';
import type { LearnerRecord, PageRecord, PassageRecord } from '../../db/records';
import { streamCsv, type Progress } from '../csv';
import { ImportError, jsonPath } from '../errors';
import { emptyPlan, type ImportPlan } from '../plan';
import { isPageUrl } from '../schemas';
import { METHODS, type Method } from '../../catalogue/methods';
import { unitIdOfCriterion } from '../../catalogue/ids';
import { TAGSET_COLUMNS, type Column } from './rows';
import { ILL_FORMED, illFormedPath, isWellFormed } from '../text';
import { agrees, readUkDate } from '../dates';

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
  /** The mapping's exact time tagged, when it is not the passage's (the Date tagged cell is local, to the minute). */
  taggedAt: z.string().optional(),
  /** The IV decision's exact time (the IV date cell is local, to the minute). */
  decisionCreatedAt: z.string().optional(),
  decisionUpdatedAt: z.string().optional(),
  anchor: z.strictObject({ status: z.enum(['exact', 'fuzzy', 'orphan']), at: z.string() }).optional(),
});

type PassageDetails = z.infer<typeof passageDetails>;

/** Spreadsheet column letters: 0 -> A, 26 -> AA. */
function columnLetter(i: number): string {
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
  // Ill-formed text imported once breaks every export after it: refused, cell by cell, only
  // when the file holds some (a file read from disk as UTF-8 never does).
  const clean = isWellFormed(text);
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

  function wellFormedCells(cells: string[], rowNo: number, names: readonly string[]) {
    const bad = cells.findIndex((c) => !isWellFormed(c));
    if (bad >= 0) throw new ImportError(`Row ${rowNo}, column ${names[bad] ? `"${names[bad]}" ` : ''}(${columnLetter(bad)}): ${ILL_FORMED}; the file is damaged.`);
  }

  function readHeader(cells: string[]) {
    if (!clean) wellFormedCells(cells, 1, []);
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

  /**
   * A date column: local dd/mm/yyyy [HH:MM[:SS]] as this tool writes it and Excel (UK) saves
   * it, read day first, never US. Where the cell still names the exact time the Passage record
   * keeps (`exact`), to its precision, that exact time is kept; where it was changed, the
   * cell's local time is taken. ISO text (older files, the "Mapping updated" column) as before.
   */
  function date(cells: string[], rowNo: number, c: Column, exact?: string): string {
    const v = need(cells, rowNo, c);
    if (v === lastDate) return lastDate;
    const uk = readUkDate(v);
    if (uk) return exact !== undefined && agrees(exact, uk) ? exact : uk.date.toISOString();
    if (/^\d{1,2}\/\d{1,2}\//.test(v)) throw new ImportError(`${where(rowNo, c)}: "${v}" is not a date and time (dd/mm/yyyy hh:mm).`);
    if (Number.isNaN(Date.parse(v))) throw new ImportError(`${where(rowNo, c)}: "${v}" is not a date and time.`);
    return (lastDate = v);
  }

  function details(cells: string[], rowNo: number): PassageDetails {
    const raw = cells[at['Passage record']];
    const known = detailsOf.get(cells[at['Passage ID']]);
    if (known && known.text === raw) return known.details;
    try {
      const details = withEvidence(passageDetails.parse(JSON.parse(raw)), cells[at.Evidence]);
      // A JSON escape (\ud800) can make ill-formed text out of well-formed file text.
      const bad = raw.includes('\\u') ? illFormedPath(details) : null;
      if (bad) throw new DetailsError(`${jsonPath(bad)}: ${ILL_FORMED}`);
      return details;
    } catch (e) {
      const why = e instanceof z.ZodError ? `${jsonPath(e.issues[0].path)}: ${e.issues[0].message}` : e instanceof DetailsError ? e.message : 'not valid JSON';
      throw new ImportError(`${where(rowNo, 'Passage record')}: ${why}.`);
    }
  }

  function readRow(cells: string[], rowNo: number) {
    if (cells.length !== header!.length) {
      throw new ImportError(`Row ${rowNo} has ${cells.length} cells but the header has ${header!.length}: the file may be cut short or a cell was split.`);
    }
    if (!clean) wellFormedCells(cells, rowNo, header!);
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
    const createdAt = date(cells, rowNo, 'Date tagged', d.taggedAt ?? d.createdAt);
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
      const decidedAt = date(cells, rowNo, 'IV date', d.decisionCreatedAt);
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
