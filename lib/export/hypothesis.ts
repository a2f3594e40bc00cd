/**
 * Reads annotations in the Hypothesis API's JSON format (a search result `{ total, rows }`,
 * a list of annotations, or one annotation): each quoted target becomes an evidence
 * passage for a chosen learner, with its quote and position selectors and no criteria
 * yet, ready to tag. Ids are derived from the annotation's id, the target and the learner, so importing
 * the same file twice adds nothing the second time.
 */
import { z } from 'zod';
import type { PageRecord, PassageRecord } from '../db/records';
import { normalisePageUrl } from '../util/page-url';
import { ImportError, jsonPath } from './errors';
import { ILL_FORMED, illFormedPath } from './text';
import { emptyPlan, type ImportPlan } from './plan';
import { yieldToPage } from './yield';
import type { Progress } from './csv';
import { isPageUrl } from './schemas';

const num = z.number().int().nonnegative();

/** The selector types we check field by field; others are kept as they are (anchoring ignores them). */
const KNOWN: Record<string, z.ZodType> = {
  TextQuoteSelector: z.looseObject({ exact: z.string().min(1), prefix: z.string().optional(), suffix: z.string().optional() }),
  TextPositionSelector: z.looseObject({ start: num, end: num }),
  PageSelector: z.looseObject({ index: num, label: z.string().optional() }),
  RangeSelector: z.union([
    z.looseObject({ startContainer: z.string(), startOffset: num, endContainer: z.string(), endOffset: num }),
    z.looseObject({ startSelector: z.looseObject({ type: z.string() }), endSelector: z.looseObject({ type: z.string() }) }),
  ]),
};

const selector = z.looseObject({ type: z.string().min(1) }).superRefine((value, ctx) => {
  const r = KNOWN[value.type]?.safeParse(value);
  if (r && !r.success) for (const issue of r.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
});

const row = z.object({
  id: z.string().min(1),
  uri: z.string().optional(),
  user: z.string().optional(),
  created: z.string().optional(),
  updated: z.string().optional(),
  // A PDF's links: its URL and `urn:x-pdf:<fingerprint>` (Hypothesis's id for a PDF, whose `uri` it may be).
  document: z.object({ title: z.array(z.string()).optional(), link: z.array(z.looseObject({ href: z.string().optional() })).optional() }).optional(),
  target: z.array(z.object({ source: z.string().optional(), selector: z.array(selector).optional() })),
});

/** Who the passages are for and what to fill in where the file says nothing. */
export interface HypothesisOptions {
  learnerId: string;
  /** The assessor's name, used when an annotation has no user. */
  assessor: string;
  /** The page the annotations were made on, when the file does not say (or to override it). */
  pageUrl?: string;
  now?: Date;
}

/**
 * The selectors a passage keeps: the quote (context clipped to 200 characters) and the
 * position. Hypothesis's own RangeSelector (element XPaths with textContent offsets) and
 * other types are left out, because the overlay's message protocol accepts only W3C
 * selectors and one refused selector would stop a whole page's highlights; the quote and
 * its context find the words without it.
 */
function carried(selectors: PassageRecord['selectors']): PassageRecord['selectors'] {
  const out: PassageRecord['selectors'] = [];
  for (const s of selectors) {
    if (s.type === 'TextQuoteSelector') {
      const { prefix, suffix, ...rest } = s as { prefix?: string; suffix?: string } & PassageRecord['selectors'][number];
      out.push({ ...rest, ...(prefix === undefined ? {} : { prefix: prefix.slice(-200) }), ...(suffix === undefined ? {} : { suffix: suffix.slice(0, 200) }) });
    } else if (s.type === 'TextPositionSelector') {
      out.push({ type: s.type, start: s.start, end: s.end });
    } else if (s.type === 'PageSelector') {
      // A PDF annotation's page (kept for the viewer and exports; anchoring reads the text selectors).
      const label = typeof s.label === 'string' ? s.label.slice(0, 50) : undefined;
      out.push({ type: s.type, index: s.index, ...(label === undefined ? {} : { label }) });
    }
  }
  return out;
}

/** True when a parsed JSON value looks like Hypothesis annotations. */
export function looksLikeHypothesis(value: unknown): boolean {
  const found = rowsOf(value);
  return found !== null && found.rows.every((r) => typeof r === 'object' && r !== null && 'target' in r);
}

function rowsOf(value: unknown): { rows: unknown[]; base: PropertyKey[] } | null;
function rowsOf(value: unknown) {
  if (Array.isArray(value)) return { rows: value, base: [] };
  if (typeof value !== 'object' || value === null) return null;
  if (Array.isArray((value as { rows?: unknown }).rows)) return { rows: (value as { rows: unknown[] }).rows, base: ['rows'] };
  if ('target' in value) return { rows: [value], base: [] };
  return null;
}

/** A name-based UUID (version 5 layout, SHA-1), so the same input always gets the same id. */
export async function stableUuid(name: string): Promise<string> {
  const bytes = new Uint8Array(await crypto.subtle.digest('SHA-1', new TextEncoder().encode(`evidence-mapper:${name}`))).slice(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function validDate(v: string | undefined): string | undefined {
  return v && !Number.isNaN(Date.parse(v)) ? new Date(v).toISOString() : undefined;
}

/**
 * Reads parsed Hypothesis JSON into an import plan of pages and passages (no mappings).
 * Throws {@link ImportError} naming the JSON path of the first problem.
 */
export async function readHypothesis(value: unknown, options: HypothesisOptions, onProgress?: Progress): Promise<ImportPlan> {
  const found = rowsOf(value);
  if (!found) throw new ImportError('$: this is not Hypothesis annotations (expected an object with "rows", or a list of annotations).');
  const bad = illFormedPath(value);
  if (bad) throw new ImportError(`${jsonPath(bad)}: ${ILL_FORMED}; the file is damaged.`);
  const plan = emptyPlan('hypothesis');
  const pages = new Map<string, PageRecord>();
  const now = (options.now ?? new Date()).toISOString();
  for (let i = 0; i < found.rows.length; i++) {
    const at = [...found.base, i];
    const parsed = row.safeParse(found.rows[i]);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ImportError(`${jsonPath([...at, ...issue.path])}: ${issue.message}`);
    }
    const a = parsed.data;
    for (let t = 0; t < a.target.length; t++) {
      const target = a.target[t];
      const quote = target.selector?.find((s) => s.type === 'TextQuoteSelector');
      if (!target.selector || !quote) {
        plan.warnings.push(`${jsonPath([...at, 'target', t])}: skipped, it quotes no words (a page note).`);
        continue;
      }
      // A PDF annotated in Hypothesis is often known by `urn:x-pdf:<fingerprint>`; its own URL is among the document's links.
      const isPdf = [a.uri, target.source, ...(a.document?.link ?? []).map((l) => l.href)].some((u) => typeof u === 'string' && u.startsWith('urn:x-pdf:'));
      const pdfLink = (a.document?.link ?? []).map((l) => l.href).find((h): h is string => typeof h === 'string' && isPageUrl(h) && !h.startsWith('urn:'));
      const given = [a.uri, target.source].find((u) => !!u && !u.startsWith('urn:x-pdf:'));
      const raw = options.pageUrl || given || pdfLink || a.uri || target.source;
      if (!raw) throw new ImportError(`${jsonPath([...at, 'uri'])}: the annotation does not say which page it is on; enter the page's address and import again.`);
      let url: string;
      try {
        if (!isPageUrl(raw)) throw new Error('not a page');
        url = normalisePageUrl(raw);
      } catch {
        throw new ImportError(`${jsonPath([...at, options.pageUrl ? 'uri' : a.uri ? 'uri' : 'target'])}: "${raw}" is not a web address.`);
      }
      const created = validDate(a.created) ?? now;
      if (!pages.has(url)) {
        // A PDF's page is its URL's: the viewer, opening the PDF from that URL, anchors these passages on it.
        pages.set(url, { id: await stableUuid(`page:${url}`), url, title: a.document?.title?.[0]?.trim() || url, kind: isPdf ? 'pdf' : 'web', createdAt: created, updatedAt: created });
      }
      const passage: PassageRecord = {
        id: await stableUuid(`hypothesis:${options.learnerId}:${a.id}:${t}`),
        learnerId: options.learnerId,
        pageId: pages.get(url)!.id,
        selectors: carried(target.selector as PassageRecord['selectors']),
        quote: quote.exact as string,
        createdBy: a.user?.replace(/^acct:/, '') || options.assessor,
        createdAt: created,
        updatedAt: validDate(a.updated) ?? created,
      };
      plan.passages.push(passage);
    }
    if (i % 500 === 499) {
      onProgress?.(i / found.rows.length);
      await yieldToPage();
    }
  }
  if (plan.passages.length === 0) throw new ImportError('The file holds no annotations that quote words on a page, so there is nothing to import.');
  plan.pages = [...pages.values()];
  onProgress?.(1);
  return plan;
}

/** True when some quoted annotation in the file does not say which page it is on. */
export function hypothesisNeedsPageUrl(value: unknown): boolean {
  const found = rowsOf(value);
  return !!found && found.rows.some((r) => {
    const a = r as { uri?: unknown; target?: { source?: unknown }[] };
    return !a.uri && Array.isArray(a.target) && a.target.some((t) => !t?.source);
  });
}
