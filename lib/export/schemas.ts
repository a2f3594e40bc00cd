/**
 * zod schemas of our stored records, for validating what a backup file claims to hold.
 * Unknown fields are dropped (records stay exactly ours); specifications keep theirs,
 * because the catalogue model may grow optional fields.
 */
import { z } from 'zod';
import { storedSelectorSchema } from '../anchoring/selector-schema';
import { METHODS } from '../catalogue/methods';
import { isDocumentAddress } from '../util/page-url';

// The last timestamp found good: a record's dates, and the next record's, are often the same.
let lastTimestamp = '';

/** True for an ISO-8601 timestamp (anything Date.parse reads). */
function isTimestamp(v: unknown): v is string {
  if (typeof v !== 'string') return false;
  if (v === lastTimestamp) return true;
  if (Number.isNaN(Date.parse(v))) return false;
  lastTimestamp = v;
  return true;
}

/** An ISO-8601 timestamp (anything Date.parse reads). */
export const timestamp = z.string().refine(isTimestamp, { message: 'not a date and time' });

const id = z.string().min(1, { message: 'an id cannot be empty' });

/** True for the addresses a page may have: a file could otherwise smuggle in javascript: links. */
export function isPageUrl(value: string): boolean {
  // A document's address (a PDF or Word file in the viewer: the SHA-256 of its bytes) is a page too.
  if (isDocumentAddress(value)) return true;
  try {
    return ['http:', 'https:', 'file:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** A W3C selector as stored: a type and its fields. */
export const selectorSchema = storedSelectorSchema;

export const learnerSchema = z.object({
  id,
  name: z.string(),
  reference: z.string().optional(),
  qualificationIds: z.array(z.string()),
  unitChoices: z.record(z.string(), z.array(z.string())),
  archived: z.boolean(),
  createdAt: timestamp,
  updatedAt: timestamp,
});

export const pageSchema = z.object({
  id,
  url: z.string().refine(isPageUrl, { message: 'not a web address (http, https or file)' }),
  title: z.string(),
  kind: z.enum(['web', 'pdf', 'docx']),
  /** A document's identity: its bytes' hash and the fingerprints, URLs and file names it was opened with. */
  document: z.object({
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    fingerprints: z.array(z.string().max(200)).max(100),
    urls: z.array(z.string().max(8_000).refine(isPageUrl)).max(100),
    fileNames: z.array(z.string().max(1_000)).max(100),
    pageCount: z.number().int().nonnegative(),
  }).optional(),
  createdAt: timestamp,
  updatedAt: timestamp,
});

export const decisionSchema = z.object({
  id,
  learnerId: id,
  target: z.object({ type: z.enum(['mapping', 'unit', 'qualification']), id }),
  decision: z.enum(['agree', 'refer']),
  reason: z.string(),
  verifier: z.string(),
  verifierInitials: z.string().optional(),
  feedback: z.string().optional(),
  action: z.object({ text: z.string(), due: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'a due date is yyyy-mm-dd' }), done: timestamp.optional() }).optional(),
  stage: z.enum(['interim', 'summative']).optional(),
  snapshot: z
    .object({ quote: z.string(), criterionId: id, method: z.enum(METHODS), note: z.string(), mappingUpdatedAt: timestamp })
    .optional(),
  createdAt: timestamp,
  updatedAt: timestamp,
});

export const responseSchema = z.object({
  id,
  decisionId: id,
  learnerId: id,
  by: z.string(),
  kind: z.enum(['reply', 'remapped', 'evidence-added', 'action-done', 'action-reopened']),
  text: z.string(),
  createdAt: timestamp,
  updatedAt: timestamp,
});

export const signoffSchema = z.object({
  id,
  learnerId: id,
  unitId: id,
  assessor: z.string(),
  signedAt: timestamp,
  updatedAt: timestamp,
});

export const methodSchema = z.enum(METHODS);

const criterionSchema = z.looseObject({ id, number: z.string(), text: z.string() });
const unitSchema = z.looseObject({
  ref: z.string().min(1),
  title: z.string(),
  outcomes: z.array(z.looseObject({ number: z.string(), title: z.string(), criteria: z.array(criterionSchema) })),
});
const qualificationSchema = z.looseObject({
  id,
  number: z.string(),
  title: z.string(),
  rules: z.looseObject({ groups: z.array(z.looseObject({ units: z.array(z.string()) })) }),
});

export const specificationSchema = z.looseObject({
  id,
  source: z.string(),
  title: z.string(),
  qualifications: z.array(qualificationSchema),
  units: z.array(unitSchema),
  origin: z.literal('imported'),
  contentHash: z.string(),
  updatedAt: timestamp,
});
