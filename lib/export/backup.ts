/**
 * The backup file: everything a user made (imported specifications, learners, pages,
 * passages, mappings, IV decisions, sign-offs), plus what is kept for putting right or
 * undoing (the quarantine, and passages deleted in the last day), as one JSON document
 * with a format version. Passages and their mappings are a W3C Web Annotation `AnnotationCollection`:
 * each passage an Annotation whose target is the page and its selectors, each mapping a
 * `SpecificResource` body with purpose `classifying` (the criterion) plus a `TextualBody`
 * tag with the criterion's code, so other annotation tools can read them. The writer
 * streams; the reader validates everything and reports problems by JSON path.
 *
 * One file on purpose (440 lines): the writer and the reader are two halves of one format, kept
 * side by side so a field added to one is seen missing from the other.
 */
import { z } from 'zod';
import type {
  DecisionRecord,
  LearnerRecord,
  MappingRecord,
  PageRecord,
  PassageRecord,
  SignoffRecord,
  SpecificationRecord,
  DeletedPassageRecord,
  QuarantinedRecord,
  ResponseRecord,
} from '../db/records';
import { ImportError, jsonPath } from './errors';
import { criterionCode } from '../catalogue/ids';
import { emptyPlan, type ImportPlan } from './plan';
import { yieldToPage } from './yield';
import { ILL_FORMED, illFormedPath, illFormedReason, shown, type OnSkip } from './text';
import type { Progress } from './csv';
import { handoverSectionsSchema, type HandoverSections } from './handover-format';
import { decisionSchema, isPageUrl, learnerSchema, methodSchema, pageSchema, responseSchema, selectorSchema, signoffSchema, specificationSchema, timestamp } from './schemas';

/** The backup format this version writes and the newest it reads. */
export const BACKUP_FORMAT_VERSION = 1;

const NS = 'urn:x-evidence-mapper:';
const CONTEXT = ['http://www.w3.org/ns/anno.jsonld', { em: NS }] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Kind = 'passage' | 'mapping' | 'learner' | 'page' | 'criterion';

/** An IRI for one of our ids: `urn:uuid:` for UUIDs, else our own URN scheme. */
export function iri(kind: Kind, id: string): string {
  return UUID.test(id) ? `urn:uuid:${id}` : `${NS}${kind}:${encodeURIComponent(id)}`;
}

const PREFIX: Record<Kind, string> = {
  passage: `${NS}passage:`,
  mapping: `${NS}mapping:`,
  learner: `${NS}learner:`,
  page: `${NS}page:`,
  criterion: `${NS}criterion:`,
};

/** The id an {@link iri} was made from, or null when it is not one of ours of that kind. */
export function idFromIri(kind: Kind, value: string): string | null {
  if (value.startsWith('urn:uuid:')) return value.slice(9);
  const prefix = PREFIX[kind];
  if (!value.startsWith(prefix)) return null;
  const encoded = value.slice(prefix.length);
  // Most ids have nothing escaped; decoding is several times the cost of looking.
  if (encoded.indexOf('%') === -1) return encoded;
  try {
    return decodeURIComponent(encoded);
  } catch {
    return null;
  }
}

/** A passage and its mappings, as the backup writer takes them. */
export interface PassageWithMappings {
  passage: PassageRecord;
  mappings: MappingRecord[];
}

/** Everything a backup holds; passages come in batches so they can be read as they go. */
export interface BackupSource extends HandoverSections {
  specifications: SpecificationRecord[];
  learners: LearnerRecord[];
  pages: PageRecord[];
  decisions: DecisionRecord[];
  signoffs: SignoffRecord[];
  /** Records an upgrade could not place, kept as they were (older sources have none). */
  quarantine?: QuarantinedRecord[];
  /** Passages deleted in the last day, so Undo still works after a restore. */
  deletedPassages?: DeletedPassageRecord[];
  /** The assessor's responses to IV decisions (older sources have none). */
  responses?: ResponseRecord[];
  passages: AsyncIterable<PassageWithMappings[]> | Iterable<PassageWithMappings[]>;
}

/** One passage and its mappings as a W3C Web Annotation. */
function toAnnotation({ passage, mappings }: PassageWithMappings, page: PageRecord | undefined): Record<string, unknown> {
  const body = mappings.flatMap((m) => [
    {
      id: iri('mapping', m.id),
      type: 'SpecificResource',
      purpose: 'classifying',
      source: iri('criterion', m.criterionId),
      creator: { type: 'Person', name: m.createdBy },
      created: m.createdAt,
      modified: m.updatedAt,
      'em:unit': m.unitId,
      'em:method': m.method,
      'em:note': m.note,
    },
    { type: 'TextualBody', purpose: 'tagging', format: 'text/plain', value: criterionCode(m.criterionId) },
  ]);
  return {
    id: iri('passage', passage.id),
    type: 'Annotation',
    motivation: mappings.length ? 'classifying' : 'highlighting',
    creator: { type: 'Person', name: passage.createdBy },
    created: passage.createdAt,
    modified: passage.updatedAt,
    'em:learner': iri('learner', passage.learnerId),
    ...(passage.anchor ? { 'em:anchor': passage.anchor } : {}),
    ...(body.length ? { body } : {}),
    target: {
      source: page?.url ?? '',
      'em:page': iri('page', passage.pageId),
      selector: passage.selectors,
      // The quote normally is the TextQuoteSelector's; kept apart only when they differ.
      ...(quoteOf(passage.selectors) === passage.quote ? {} : { 'em:quote': passage.quote }),
    },
  };
}

/** Why a record cannot be written as JSON (a quarantined record is kept as it was stored, whatever it holds). */
function jsonProblem(r: unknown): string | null {
  try {
    JSON.stringify(r);
    return null;
  } catch (e) {
    return `it cannot be written as JSON (${e instanceof Error ? e.message : String(e)})`;
  }
}

/** The records of a list whose text can be written; the others are reported. */
function writable<T>(records: readonly T[], name: (r: T) => string, onSkip: OnSkip, keep: (r: T) => string | null = () => null): T[] {
  return records.filter((r) => {
    const bad = illFormedPath(r);
    const why = bad ? illFormedReason(bad) : keep(r);
    if (why) onSkip(`${name(r)}: ${why}`);
    return !why;
  });
}

/**
 * Streams a backup as JSON text chunks. `exportedAt` is written into the file. A record
 * that cannot be written so that it restores (ill-formed text, or a learner or page the
 * file does not hold) is left out and reported to `onSkip`; the rest is written.
 */
export async function* backupChunks(source: BackupSource, exportedAt = new Date(), onSkip: OnSkip = () => {}): AsyncGenerator<string> {
  const learners = writable(source.learners, (l) => `learner "${shown(l.name)}" (id "${shown(l.id)}")`, onSkip);
  const learnerIds = new Set(learners.map((l) => l.id));
  const ofLearner = (r: { learnerId: string }) => (learnerIds.has(r.learnerId) ? null : `its learner ("${shown(r.learnerId)}") is not in this backup`);
  const head = {
    formatVersion: BACKUP_FORMAT_VERSION,
    generator: 'Evidence Mapper',
    exportedAt: exportedAt.toISOString(),
    specifications: writable(source.specifications, (s) => `specification "${shown(s.title)}" (id "${shown(s.id)}")`, onSkip),
    learners,
    pages: writable(source.pages, (p) => `page "${shown(p.title || p.url)}" (id "${shown(p.id)}")`, onSkip),
    decisions: writable(source.decisions, (d) => `IV decision "${shown(d.id)}"`, onSkip, ofLearner),
    signoffs: writable(source.signoffs, (s) => `sign-off "${shown(s.id)}"`, onSkip, ofLearner),
    // Optional sections: a reader of format 1 that predates them ignores them.
    quarantine: writable(source.quarantine ?? [], (q) => `quarantined record "${shown(q.id)}"`, onSkip, jsonProblem),
    deletedPassages: writable(source.deletedPassages ?? [], (d) => `deleted passage "${shown(d.passageId)}"`, onSkip, jsonProblem),
    responses: writable(source.responses ?? [], (r) => `response "${shown(r.id)}" to IV decision "${shown(r.decisionId)}"`, onSkip, ofLearner),
    // Hand-over sections (lib/export/handover-format.ts): deletions that travel, plans, who sent it.
    ...(source.handover ? { handover: source.handover } : {}),
    tombstones: writable(source.tombstones ?? [], (t) => `deletion of "${shown(t.id)}"`, onSkip),
    samplingPlans: writable(source.samplingPlans ?? [], (p) => `sampling plan "${shown(p.title)}"`, onSkip),
  };
  const pages = new Map(head.pages.map((p) => [p.id, p]));
  const annotation = (p: PassageWithMappings): string | null => {
    const name = `passage "${shown(p.passage.id)}" ("${shown(p.passage.quote.slice(0, 40))}")`;
    const bad = illFormedPath(p.passage);
    const why = bad ? illFormedReason(bad) : ofLearner(p.passage) ?? (pages.has(p.passage.pageId) ? null : `its page ("${shown(p.passage.pageId)}") is not in this backup`);
    if (why) {
      onSkip(`${name}${p.mappings.length ? ` and its ${p.mappings.length} mapping${p.mappings.length > 1 ? 's' : ''}` : ''}: ${why}`);
      return null;
    }
    const mappings = writable(p.mappings, (m) => `mapping "${shown(m.id)}" of ${name}`, onSkip);
    try {
      return JSON.stringify(toAnnotation(mappings.length === p.mappings.length ? p : { passage: p.passage, mappings }, pages.get(p.passage.pageId)));
    } catch (e) {
      onSkip(`${name}: ${e instanceof Error ? e.message : String(e)}`);
      return null;
    }
  };
  const opening = JSON.stringify(head).slice(0, -1);
  const collection = JSON.stringify({
    '@context': CONTEXT,
    type: 'AnnotationCollection',
    label: 'Evidence passages and the criteria they meet',
    first: { type: 'AnnotationPage', startIndex: 0 },
  });
  // Leave the collection's page open so the items can be streamed into it.
  yield `${opening},\n"annotations":${collection.slice(0, -2)},"items":[\n`;
  let total = 0;
  for await (const batch of source.passages) {
    const written: string[] = [];
    for (const p of batch) {
      const json = annotation(p);
      if (json !== null) written.push(json);
    }
    if (!written.length) continue;
    yield (total ? ',\n' : '') + written.join(',\n');
    total += written.length;
  }
  // The collection's total comes last, once counted: counting first cost the database a
  // read of every passage's index entry (half a second for 50,000 in Chromium).
  yield `\n]},"total":${total}}}\n`;
}

const creator = z.object({ name: z.string() });

const classifyingBody = z.object({
  type: z.literal('SpecificResource'),
  purpose: z.literal('classifying'),
  id: z.string(),
  source: z.string(),
  creator,
  created: timestamp,
  modified: timestamp,
  'em:unit': z.string().min(1),
  'em:method': methodSchema,
  'em:note': z.string(),
});

const annotationSchema = z.object({
  id: z.string(),
  type: z.literal('Annotation'),
  creator,
  created: timestamp,
  modified: timestamp,
  'em:learner': z.string(),
  'em:anchor': z.object({ status: z.enum(['exact', 'fuzzy', 'orphan']), at: timestamp }).optional(),
  body: z.array(z.looseObject({ type: z.string() })).optional(),
  target: z.object({ source: z.string(), 'em:page': z.string(), selector: z.array(selectorSchema), 'em:quote': z.string().optional() }),
});

const mappingInPassage = z.object({
  id: z.string().min(1),
  criterionId: z.string().min(1),
  unitId: z.string().min(1),
  method: methodSchema,
  note: z.string(),
  createdBy: z.string(),
  createdAt: timestamp,
  updatedAt: timestamp,
});

const deletedPassageSchema = z.object({
  passageId: z.string().min(1),
  learnerId: z.string().min(1),
  pageId: z.string().min(1),
  url: z.string().refine(isPageUrl, { message: 'not a web address (http, https or file)' }),
  title: z.string(),
  deletedAt: timestamp,
  passage: z.object({
    id: z.string().min(1),
    learnerId: z.string().min(1),
    pageId: z.string().min(1),
    selectors: z.array(selectorSchema),
    quote: z.string(),
    createdBy: z.string(),
    createdAt: timestamp,
    updatedAt: timestamp,
    anchor: z.object({ status: z.enum(['exact', 'fuzzy', 'orphan']), at: timestamp }).optional(),
    mappings: z.array(mappingInPassage),
  }),
});

const quarantinedSchema = z.object({
  id: z.string().min(1),
  source: z.string(),
  recordId: z.string(),
  what: z.string(),
  reason: z.string(),
  record: z.unknown(),
  quarantinedAt: timestamp,
});

const headSchema = z.object({
  formatVersion: z.number().int().positive(),
  specifications: z.array(specificationSchema),
  learners: z.array(learnerSchema),
  pages: z.array(pageSchema),
  decisions: z.array(decisionSchema),
  signoffs: z.array(signoffSchema),
  quarantine: z.array(quarantinedSchema).optional(),
  deletedPassages: z.array(deletedPassageSchema).optional(),
  responses: z.array(responseSchema).optional(),
  ...handoverSectionsSchema,
  annotations: z.object({
    type: z.literal('AnnotationCollection'),
    first: z.object({ type: z.literal('AnnotationPage'), items: z.array(z.unknown()) }),
  }),
});

function fail(path: readonly PropertyKey[], message: string): never {
  throw new ImportError(`${jsonPath(path)}: ${message}`);
}

function check<T>(schema: z.ZodType<T>, value: unknown, base: readonly PropertyKey[]): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  fail([...base, ...issue.path], issue.message);
}

function unique(records: { id: string }[], path: string) {
  const seen = new Set<string>();
  records.forEach((r, i) => {
    if (seen.has(r.id)) fail([path, i, 'id'], `"${r.id}" appears twice`);
    seen.add(r.id);
  });
}

/** True when a parsed JSON value looks like one of our backups (for choosing a reader). */
export function looksLikeBackup(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'formatVersion' in value && 'annotations' in value;
}

/**
 * Reads a parsed backup into an import plan. Throws {@link ImportError} naming the JSON
 * path of the first problem, or saying the file is from a newer version.
 */
export async function readBackup(value: unknown, onProgress?: Progress): Promise<ImportPlan> {
  const version = (value as { formatVersion?: unknown })?.formatVersion;
  if (typeof version === 'number' && version > BACKUP_FORMAT_VERSION) {
    throw new ImportError(
      `This backup was made by a newer version of Evidence Mapper (format ${version}); this version reads format ${BACKUP_FORMAT_VERSION} and older. Update the extension, then import it again.`,
    );
  }
  // Ill-formed text imported once breaks every export after it (an id becomes an IRI).
  const bad = illFormedPath(value);
  if (bad) fail(bad, `${ILL_FORMED}; the file is damaged or was not written by Evidence Mapper`);
  const head = check(headSchema, value, []);
  const plan = emptyPlan('backup');
  plan.specifications = head.specifications as unknown as SpecificationRecord[];
  plan.learners = head.learners;
  plan.pages = head.pages;
  plan.decisions = head.decisions;
  plan.signoffs = head.signoffs;
  for (const key of ['specifications', 'learners', 'pages', 'decisions', 'signoffs'] as const) unique(plan[key], key);
  plan.quarantine = (head.quarantine ?? []) as QuarantinedRecord[];
  unique(plan.quarantine, 'quarantine');
  plan.deletedPassages = (head.deletedPassages ?? []) as DeletedPassageRecord[];
  unique(plan.deletedPassages.map((d) => ({ id: d.passageId })), 'deletedPassages');
  plan.deletedPassages.forEach((d, i) => {
    if (d.passage.id !== d.passageId) fail(['deletedPassages', i, 'passage', 'id'], `"${d.passage.id}" is not the deleted passage's id "${d.passageId}"`);
  });
  plan.responses = head.responses ?? [];
  unique(plan.responses, 'responses');
  plan.tombstones = head.tombstones ?? [];
  unique(plan.tombstones, 'tombstones');
  plan.samplingPlans = head.samplingPlans ?? [];
  unique(plan.samplingPlans, 'samplingPlans');
  if (head.handover) plan.handover = head.handover;
  const learners = new Set(plan.learners.map((l) => l.id));
  const pages = new Map(plan.pages.map((p) => [p.id, p]));
  const items = head.annotations.first.items;
  const passageIds = new Set<string>();
  const mappingIds = new Set<string>();
  // Thousands of passages share a learner and a page: their IRIs are read once each.
  const learnerOf = new Map<string, string>();
  const pageOf = new Map<string, PageRecord>();
  const criterionOf = new Map<string, string>();
  const where = (i: number, ...rest: PropertyKey[]): PropertyKey[] => ['annotations', 'first', 'items', i, ...rest];
  let lastTurn = performance.now();
  for (let i = 0; i < items.length; i++) {
    const a = check(annotationSchema, items[i], where(i));
    const id = idFromIri('passage', a.id) ?? fail(where(i, 'id'), `"${a.id}" is not an Evidence Mapper passage id`);
    if (passageIds.has(id)) fail(where(i, 'id'), `passage "${id}" appears twice`);
    passageIds.add(id);
    let learnerId = learnerOf.get(a['em:learner']);
    if (learnerId === undefined) {
      const known = idFromIri('learner', a['em:learner']);
      if (!known || !learners.has(known)) fail(where(i, 'em:learner'), `"${a['em:learner']}" is not a learner in this backup`);
      learnerOf.set(a['em:learner'], (learnerId = known));
    }
    let page = pageOf.get(a.target['em:page']);
    if (!page) {
      const pageId = idFromIri('page', a.target['em:page']);
      page = pageId ? pages.get(pageId) : undefined;
      if (!page) fail(where(i, 'target', 'em:page'), `"${a.target['em:page']}" is not a page in this backup`);
      pageOf.set(a.target['em:page'], page);
    }
    const passage: PassageRecord = {
      id, learnerId, pageId: page.id, selectors: a.target.selector as PassageRecord['selectors'],
      quote: a.target['em:quote'] ?? quoteOf(a.target.selector) ?? fail(where(i, 'target', 'selector'), 'has no TextQuoteSelector with the quoted words'),
      createdBy: a.creator.name, createdAt: a.created, updatedAt: a.modified,
    };
    const anchor = a['em:anchor'];
    if (anchor) passage.anchor = { status: anchor.status, at: anchor.at };
    plan.passages.push(passage);
    const body = a.body ?? [];
    for (let j = 0; j < body.length; j++) {
      const b = body[j];
      if (b.type !== 'SpecificResource') continue; // the TextualBody tags only repeat the code
      const m = check(classifyingBody, b, where(i, 'body', j));
      const mappingId = idFromIri('mapping', m.id) ?? fail(where(i, 'body', j, 'id'), `"${m.id}" is not an Evidence Mapper mapping id`);
      let criterionId = criterionOf.get(m.source);
      if (criterionId === undefined) {
        criterionId = idFromIri('criterion', m.source) ?? fail(where(i, 'body', j, 'source'), `"${m.source}" is not a criterion id`);
        criterionOf.set(m.source, criterionId);
      }
      if (mappingIds.has(mappingId)) fail(where(i, 'body', j, 'id'), `mapping "${mappingId}" appears twice`);
      mappingIds.add(mappingId);
      plan.mappings.push({
        id: mappingId, passageId: id, learnerId, criterionId, unitId: m['em:unit'], method: m['em:method'],
        note: m['em:note'], createdBy: m.creator.name, createdAt: m.created, updatedAt: m.modified,
      });
    }
    // A turn for the page every few dozen milliseconds, not every few items: each turn
    // lets the page paint and handle input before reading goes on.
    if (i % 500 === 499 && performance.now() - lastTurn > TURN_MS) {
      onProgress?.(i / items.length);
      await yieldToPage();
      lastTurn = performance.now();
    }
  }
  onProgress?.(1);
  return plan;
}

const TURN_MS = 30;

/** The exact quote of a selector list (its TextQuoteSelector's `exact`). */
export function quoteOf(selectors: readonly { type: string; [k: string]: unknown }[]): string | undefined {
  const q = selectors.find((s) => s.type === 'TextQuoteSelector');
  return typeof q?.exact === 'string' ? q.exact : undefined;
}
