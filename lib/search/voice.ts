/**
 * The voice of a passage and the kind of a criterion: an account of doing evidences "be
 * able to" criteria, an explanation evidences "understand"/"explain" ones. `suggest`
 * moves the two kinds apart by the passage's lean (weights.ts KIND_WEIGHT).
 */
import type { SearchableCriterion } from './flatten';

const KNOWLEDGE_OUTCOME = /^(understand|know)\b/i;
const KNOWLEDGE_VERB = /^(explain|describe|state|list|define|outline|compare|give reasons|summarise why)\b/i;

/** True for criteria that ask for knowledge ("Understand..." outcomes, "Explain/Describe..." criteria). */
export function isKnowledgeCriterion(c: Pick<SearchableCriterion, 'outcomeTitle' | 'text'>): boolean {
  return KNOWLEDGE_OUTCOME.test(c.outcomeTitle.trim()) || KNOWLEDGE_VERB.test(c.text.trim());
}

const IRREGULAR_PAST = new Set(
  ('said told took gave made rang put kept wrote found got went came thought knew saw felt sent spoke ' +
    'brought bought began left met paid ran sat set stood understood heard meant did was were had').split(' '),
);
const FIRST_PERSON = new Set(['i', 'we', 'my', 'our', 'me', 'us', 'he', 'she', 'her', 'his']);
const GENERIC = new Set(['you', 'your', 'should', 'must', 'important', 'because', 'means', 'is', 'are', 'can', 'always', 'usually', 'if']);

/**
 * Where a passage's voice lies between an account of events (+0.5: past tense, people
 * doing things) and an explanation (−0.5: present tense, "you should", "because"), from
 * its lower-case words.
 */
export function narrativeLean(ws: string[]): number {
  let story = 0;
  let general = 0;
  for (const w of ws) {
    if (IRREGULAR_PAST.has(w) || (w.length > 4 && w.endsWith('ed'))) story += 1;
    else if (FIRST_PERSON.has(w)) story += 0.3;
    else if (GENERIC.has(w)) general += 1;
  }
  return story + general ? story / (story + general) - 0.5 : 0;
}
