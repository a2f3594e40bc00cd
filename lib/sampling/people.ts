/**
 * Who may verify what. HABC's centre requirements: the IQA "must not have been involved in
 * any aspect of the delivery or assessment" of what they quality-assure. The product knows
 * people by the name they give in Settings (every mapping records its assessor's name, every
 * decision its verifier's), so independence is decided on names, compared the way people
 * write them: case, accents' composition and spacing do not make two people.
 */

/** What a user does: assess, verify (IV/IQA), or both (on different learners). */
export type Role = 'assessor' | 'verifier' | 'both';

/** The user as Settings knows them. */
export interface Person {
  name: string;
  initials: string;
  role: Role;
}

/** A name as compared: NFKC, spaces collapsed, case folded. */
export function personKey(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('en-GB');
}

/** True when two written names are the same person's. */
export function samePerson(a: string, b: string): boolean {
  const ka = personKey(a);
  return ka !== '' && ka === personKey(b);
}

/** Initials from a name: "Jane Mary Smith" -> "JMS", "Anne-Marie O'Neil" -> "AMO". */
export function initialsOf(name: string): string {
  return name
    .normalize('NFKC')
    .split(/[\s-]+/)
    .map((part) => part.replace(/^[^\p{L}]+/u, '').charAt(0))
    .filter(Boolean)
    .join('')
    .toLocaleUpperCase('en-GB');
}

/** Whether the verifier may decide, and why not. */
export type Independence = { ok: true } | { ok: false; reason: string };

const RULE = 'an internal verifier must not have been involved in the assessment they verify';

/**
 * May `verifier` agree or refer a mapping made by `mappedBy`, on a learner assessed by
 * `learnerAssessors` (everyone who mapped evidence for the learner or signed off one of
 * their units)? Refused, with the reason, when the verifier made the mapping or assesses
 * the learner.
 */
export function canVerifyMapping(verifier: string, mappedBy: string, learnerAssessors: Iterable<string>): Independence {
  if (personKey(verifier) === '') return { ok: false, reason: 'Set your name in Settings first: every decision records its verifier.' };
  if (samePerson(verifier, mappedBy)) return { ok: false, reason: `You mapped this evidence yourself, and ${RULE}.` };
  return canVerifyLearner(verifier, learnerAssessors);
}

/** May `verifier` sign a sampled unit of a learner assessed by `learnerAssessors`? */
export function canVerifyLearner(verifier: string, learnerAssessors: Iterable<string>): Independence {
  if (personKey(verifier) === '') return { ok: false, reason: 'Set your name in Settings first: every decision records its verifier.' };
  for (const a of learnerAssessors) {
    if (samePerson(verifier, a)) return { ok: false, reason: `You assess this learner, and ${RULE}.` };
  }
  return { ok: true };
}
