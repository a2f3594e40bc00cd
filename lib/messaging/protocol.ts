/**
 * The one typed protocol between the overlay (content scripts) and the background, and
 * its single source: the request schemas, the types derived from them, and what each
 * request answers. Payloads carry ids, selectors and quotes, never HTML. Every message is
 * validated at the receiving end with these schemas (lib/messaging/server): page text is
 * untrusted, and so is any page that might try to talk to the extension. How a request
 * travels (channel, envelope, reply) is in envelope.ts.
 */
import { z } from 'zod';
import { METHODS } from '../catalogue/methods';
import type { Specification } from '../catalogue/model';
import { selectorSchema, type CheckedSelector } from '../anchoring/selector-schema';
import { isDocumentAddress } from '../util/page-url';

const id = z.string().min(1).max(200);
const shortText = z.string().max(2_000);
const url = z.string().max(8_000).refine((u) => /^(https?|file):/i.test(u) || isDocumentAddress(u), 'must be an http(s) or file URL, or a document address');

/** W3C Web Annotation selectors, as lib/anchoring describes them (one schema, lib/anchoring/selector-schema.ts). */
export type SelectorPayload = CheckedSelector;

const methodSchema = z.enum(METHODS);

const mappingInput = z.object({ criterionId: id, method: methodSchema, note: shortText });

/** A mapping as the overlay shows it. */
const mappingViewSchema = z.object({
  id,
  criterionId: id,
  method: methodSchema,
  note: shortText,
  createdBy: shortText,
  createdAt: z.string(),
  /** When the mapping last changed (a decision made before that may no longer hold). */
  updatedAt: z.string().optional(),
});

/** A passage with its mappings, as the overlay paints and edits it. */
const passageViewSchema = z.object({
  id,
  quote: z.string().max(100_000),
  selectors: z.array(selectorSchema).min(1).max(4),
  createdBy: shortText,
  createdAt: z.string(),
  mappings: z.array(mappingViewSchema),
});
export type PassageView = z.infer<typeof passageViewSchema>;

const learnerSummarySchema = z.object({
  id,
  name: z.string().min(1).max(200),
  reference: z.string().max(200).optional(),
  qualificationIds: z.array(id),
});
export type LearnerSummary = z.infer<typeof learnerSummarySchema>;

/** A sampling decision on a mapping as the card shows it, with what the IV saw (`snapshot`). */
export interface DecisionView {
  id: string;
  mappingId: string;
  decision: 'agree' | 'refer';
  reason: string;
  feedback?: string;
  action?: { text: string; due: string; done?: string };
  verifier: string;
  verifierInitials?: string;
  createdAt: string;
  snapshot?: { quote: string; criterionId: string; method: (typeof METHODS)[number]; note: string; mappingUpdatedAt: string };
}

/** Who the user is, as Settings says, and whether IV mode is on for them. */
export interface IvInfo {
  name: string;
  initials: string;
  role: 'assessor' | 'verifier' | 'both';
  ivMode: boolean;
  /** Everyone who assessed the learner (mapped their evidence or signed off a unit): an IV among them may not verify. */
  assessors: string[];
  /** The latest decision per mapping of the page's passages, by mapping id. */
  decisions: Record<string, DecisionView>;
}

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date (yyyy-mm-dd)');

/** Messages the overlay sends to the background; what each answers is `Responses`, below. */
export const requestSchemas = {
  'overlay/hello': z.object({ url, title: shortText }),
  'overlay/load-ui': z.object({}),
  'catalogue/for-learner': z.object({ learnerId: id }),
  /** The profile's confirmed mappings as examples for suggestions to learn from (lib/db/learned-suggestions.ts), unless they are still those the overlay `have`s. */
  'suggest/learned': z.object({ have: z.string().max(100).optional() }),
  'passages/for-page': z.object({ url, learnerId: id }),
  'passage/create': z.object({
    /** Chosen by the overlay, so a retried save cannot create a second passage. */
    passageId: z.string().uuid(),
    url, title: shortText, learnerId: id,
    selectors: z.array(selectorSchema).min(1).max(4),
    quote: z.string().min(1).max(100_000),
    mappings: z.array(mappingInput).min(1).max(200),
  }),
  'passage/update': z.object({
    passageId: id,
    add: z.array(mappingInput).max(200).default([]),
    removeMappingIds: z.array(id).max(200).default([]),
    notes: z.array(z.object({ mappingId: id, note: shortText })).max(200).default([]),
    methods: z.array(z.object({ mappingId: id, method: methodSchema })).max(200).default([]),
  }),
  'passage/delete': z.object({ passageId: id }),
  'passages/anchored': z.object({ results: z.array(z.object({ passageId: id, status: z.enum(['exact', 'fuzzy', 'orphan']) })).max(5_000) }),
  'passage/restore': z.object({ passage: passageViewSchema, learnerId: id, url, title: shortText }),
  'learners/list': z.object({}),
  'learner/create': z.object({ name: z.string().trim().min(1).max(200), reference: z.string().trim().max(200).optional(), qualificationIds: z.array(id).min(1) }),
  'learner/choose-for-site': z.object({ url, learnerId: id }),
  /** The first tag's question answered: the assessor's name, or none when they skipped it. */
  'assessor/answer-name': z.object({ name: z.string().trim().max(200).optional() }),
  /**
   * The page's visible text, for the background to say which other learners it names (the
   * names stay in the extension: the answer lists only learners the text already names).
   */
  'learners/named-on-page': z.object({ learnerId: id, text: z.string().max(1_000_000) }),
  /** Who the user is, IV mode, the learner's assessors and the latest decisions on these mappings. */
  'sampling/for-page': z.object({ learnerId: id, mappingIds: z.array(id).max(20_000) }),
  /**
   * The IV agrees or refers a mapping from its card. `pageText` is the words the highlight
   * covers on the page now, kept with the decision; the verifier is who Settings says.
   */
  'sampling/decide': z.object({
    learnerId: id,
    mappingId: id,
    decision: z.enum(['agree', 'refer']),
    reason: shortText,
    feedback: shortText.optional(),
    action: z.object({ text: z.string().trim().min(1).max(2_000), due: isoDate }).optional(),
    pageText: z.string().max(100_000).optional(),
  }),
  /** The IV mode switch of a user who both assesses and verifies. */
  'sampling/iv-mode': z.object({ on: z.boolean() }),
} as const satisfies Record<string, z.ZodType>;

/** Every request the overlay can make. */
export type RequestType = keyof typeof requestSchemas;

/** A request's payload as the sender writes it (defaults not yet applied). */
export type RequestPayload<T extends RequestType> = z.input<(typeof requestSchemas)[T]>;
/** A request's payload as the receiver gets it, parsed. */
export type ParsedRequest<T extends RequestType> = z.output<(typeof requestSchemas)[T]>;

/** What the background answers to each request. */
export interface Responses {
  'overlay/hello': { learner: LearnerSummary | null; learnerCount: number; passageCount: number; assessor: string; askAssessorName: boolean };
  'overlay/load-ui': { ok: true };
  'catalogue/for-learner': { specifications: Specification[]; qualificationIds: string[]; /** The learner's units as unit ids ("edi-l2:CU795"). */ chosenUnits: string[] };
  /** `examples` is empty and `unchanged` true when `key` is the one the overlay already has. */
  'suggest/learned': { key: string; unchanged: boolean; examples: { criterionId: string; text: string }[] };
  'passages/for-page': { passages: PassageView[] };
  'passage/create': { passage: PassageView };
  'passage/update': { passage: PassageView };
  'passage/delete': { passage: PassageView; learnerId: string; url: string; title: string };
  'passages/anchored': { changed: number };
  'passage/restore': { passage: PassageView };
  'learners/list': { learners: LearnerSummary[]; qualifications: { id: string; title: string }[] };
  'learner/create': { learner: LearnerSummary };
  'learner/choose-for-site': { ok: true };
  'assessor/answer-name': { assessor: string };
  'learners/named-on-page': { others: LearnerSummary[] };
  'sampling/for-page': IvInfo;
  'sampling/decide': { decision: DecisionView };
  'sampling/iv-mode': { ivMode: boolean };
}

// Compile-time check: every request has an answer and every answer a request, so adding a
// message to one list and not the other fails the type check here.
type SameKeys<A, B> = [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] extends [never, never] ? true : false;
true satisfies SameKeys<Responses, typeof requestSchemas>;
