/**
 * What the background does for each request from the overlay. Messages were validated
 * by lib/messaging/server before they reach these handlers.
 */
import type { Handlers } from '../../lib/messaging/server';
import type { EvidenceDb } from '../../lib/db/schema';
import { allQualifications, specificationsForQualifications } from '../../lib/db/catalogue';
import { chosenRefs } from '../../lib/coverage/units';
import { examplesKey, learningExamples } from '../../lib/db/learned-suggestions';
import { countPassagesForPage, createPassage, deletePassage, passagesForPage, recordAnchorStatus, restorePassage, updatePassage } from '../../lib/db/evidence';
import { activeLearners, chooseLearner, createLearner, learnerForSite } from '../../lib/db/learners';
import { answerAssessorName, assessorName, shouldAskAssessorName } from '../../lib/db/settings';
import { otherLearnersNamed } from '../../lib/util/names-on-page';
import type { LearnerRecord, StoredPassage } from '../../lib/db/records';
import type { LearnerSummary, PassageView } from '../../lib/messaging/protocol';
import { checkedSelectors } from '../../lib/anchoring/selector-schema';
import { injectOverlayUi } from './overlay';
import { isStorageFailure, notSavedMessage } from '../../lib/db/storage-errors';
import { createSamplingHandlers } from './sampling-handlers';

const summary = (l: LearnerRecord): LearnerSummary => ({ id: l.id, name: l.name, reference: l.reference, qualificationIds: l.qualificationIds });

/** A stored passage as the overlay sees it: no database fields, mappings oldest first. */
function toPassageView(p: StoredPassage): PassageView {
  return {
    id: p.id,
    quote: p.quote,
    // Stored selectors are typed loosely (a backup may carry any type); the page is sent only
    // those the protocol's one selector schema accepts. Anchoring would skip the others anyway.
    selectors: checkedSelectors(p.selectors),
    createdBy: p.createdBy,
    createdAt: p.createdAt,
    mappings: [...p.mappings]
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.criterionId.localeCompare(b.criterionId))
      .map((m) => ({ id: m.id, criterionId: m.criterionId, method: m.method, note: m.note, createdBy: m.createdBy, createdAt: m.createdAt, updatedAt: m.updatedAt })),
  };
}

/** What the background is told about writes: one that was stored, one the disk could not take. */
export interface WriteHooks {
  saved?: () => void;
  failed?: (e: unknown) => void;
}

/** A quote as named in a message: its first words. */
const quoted = (quote: string) => `\u201c${quote.length > 60 ? `${quote.slice(0, 57).trimEnd()}\u2026` : quote}\u201d`;

/**
 * The request handlers, over one database; `ready` settles once the catalogue is installed.
 * A write the disk could not take is answered with what was not saved and what to do.
 */
export function createHandlers(db: EvidenceDb, ready: Promise<void>, hooks: WriteHooks = {}): Handlers {
  async function write<T>(what: () => string, run: () => Promise<T>): Promise<T> {
    try {
      const result = await run();
      hooks.saved?.();
      return result;
    } catch (e) {
      if (!isStorageFailure(e)) throw e;
      hooks.failed?.(e);
      throw new Error(notSavedMessage(what()));
    }
  }
  return {
    'overlay/hello': async ({ url }) => {
      const learner = await learnerForSite(db, url);
      return {
        learner: learner ? summary(learner) : null,
        learnerCount: (await activeLearners(db)).length,
        passageCount: learner ? await countPassagesForPage(db, learner.id, url) : 0,
        assessor: await assessorName(db),
        askAssessorName: await shouldAskAssessorName(db),
      };
    },
    'overlay/load-ui': async (_p, origin) => {
      await injectOverlayUi(origin.tabId, origin.frameId);
      return { ok: true };
    },
    'catalogue/for-learner': async ({ learnerId }) => {
      await ready;
      const learner = await db.learners.get(learnerId);
      if (!learner) throw new Error('That learner no longer exists.');
      const specifications = await specificationsForQualifications(db, learner.qualificationIds);
      // The learner's units (mandatory and chosen optional) as unit ids, which suggestions rank first.
      const chosenUnits = specifications.flatMap((spec) =>
        spec.qualifications.filter((q) => learner.qualificationIds.includes(q.id)).flatMap((q) => chosenRefs(q, learner.unitChoices).map((ref) => `${spec.id}:${ref}`)),
      );
      return { specifications, qualificationIds: learner.qualificationIds, chosenUnits: [...new Set(chosenUnits)] };
    },
    'suggest/learned': async ({ have }) => {
      await ready;
      const examples = await learningExamples(db);
      const key = examplesKey(examples);
      return key === have ? { key, unchanged: true, examples: [] } : { key, unchanged: false, examples };
    },
    'passages/for-page': async ({ url, learnerId }) => ({ passages: (await passagesForPage(db, learnerId, url)).map(toPassageView) }),
    'passage/create': (p) => write(() => `the tag on ${quoted(p.quote)} (${p.mappings.length} ${p.mappings.length === 1 ? 'criterion' : 'criteria'})`, async () => ({
      passage: toPassageView(await createPassage(db, { ...p, createdBy: await assessorName(db) })),
    })),
    'passage/update': (p) => write(() => (p.add?.length ? 'the criteria added to this highlight' : p.notes ? 'the note on this highlight' : p.methods ? 'the method changed on this highlight' : 'the change to this highlight'), async () => ({
      passage: toPassageView(await updatePassage(db, p.passageId, { add: p.add, removeMappingIds: p.removeMappingIds, notes: p.notes, methods: p.methods }, await assessorName(db))),
    })),
    'passage/delete': ({ passageId }) => write(() => 'the deletion of this highlight (it is still stored)', async () => {
      const deleted = await deletePassage(db, passageId, new Date().toISOString(), await assessorName(db));
      if (!deleted) throw new Error('This highlight was already deleted.');
      return { ...deleted, passage: toPassageView(deleted.passage) };
    }),
    // The passage as stored before the delete is put back; the view the page sends back is
    // used only when the background no longer has it.
    'passage/restore': ({ passage, learnerId, url, title }) => write(() => `the highlight ${quoted(passage.quote)} being put back`, async () => ({
      passage: toPassageView(await restorePassage(db, passage.id, {
        passageId: passage.id, learnerId, url, title, selectors: passage.selectors, quote: passage.quote,
        createdBy: passage.createdBy, createdAt: passage.createdAt,
        mappings: passage.mappings.map((m) => ({ criterionId: m.criterionId, method: m.method, note: m.note })),
        mappingTimes: Object.fromEntries(passage.mappings.map((m) => [m.criterionId, m.createdAt])),
        mappingAuthors: Object.fromEntries(passage.mappings.map((m) => [m.criterionId, m.createdBy])),
      })),
    })),
    'passages/anchored': async ({ results }) => ({ changed: await recordAnchorStatus(db, results) }),
    'learners/list': async () => {
      await ready;
      return { learners: (await activeLearners(db)).map(summary), qualifications: await allQualifications(db) };
    },
    'learner/create': (p, origin) => write(() => `the new learner ${quoted(p.name)}`, async () => {
      const learner = await createLearner(db, p);
      await chooseLearner(db, learner.id, origin.url);
      return { learner: summary(learner) };
    }),
    'learner/choose-for-site': ({ url, learnerId }) => write(() => 'the learner chosen for this site', async () => {
      await chooseLearner(db, learnerId, url);
      return { ok: true as const };
    }),
    'assessor/answer-name': ({ name }) => write(() => 'your name', async () => ({ assessor: await answerAssessorName(db, name) })),
    'learners/named-on-page': async ({ learnerId, text }) => ({
      others: otherLearnersNamed(text, learnerId, (await activeLearners(db)).map(summary)),
    }),
    ...createSamplingHandlers(db, write),
  };
}
