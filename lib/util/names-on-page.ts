/**
 * Which learners a page's text names, for the warning when a page seems to be another
 * learner's than the one tags go to (e-portfolio sites often keep all their learners on one
 * origin, so the learner remembered for the site can be the wrong one). Plain strings in and
 * out: the caller decides where it runs, and it never runs in the page's own world.
 */

/** A learner as matched here. */
export interface NamedLearner {
  id: string;
  name: string;
  reference?: string;
}

/** Lower case, accents dropped, every run of other than letters and digits one space, padded. */
function fold(s: string): string {
  return ` ${s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `;
}

/** The folded forms that count as naming the learner: "Jordan Ellis", "Ellis, Jordan", the reference. */
function forms(l: NamedLearner): string[] {
  const out: string[] = [];
  const name = fold(l.name).trim();
  // One short word ("Jo") would be found in too many pages to mean anything.
  if (name.length >= 3 && (name.includes(' ') || name.length >= 4)) {
    out.push(` ${name} `);
    const words = name.split(' ');
    if (words.length > 1) out.push(` ${[words.at(-1), ...words.slice(0, -1)].join(' ')} `);
  }
  const ref = l.reference ? fold(l.reference).trim() : '';
  if (ref.length >= 4) out.push(` ${ref} `);
  return out;
}

/** True when the text names the learner (whole words, any case or punctuation between). */
export function namesLearner(folded: string, learner: NamedLearner): boolean {
  return forms(learner).some((f) => folded.includes(f));
}

/**
 * The other learners this page names, when it does not name the current one: empty when the
 * page names the current learner (a page about a group names many) or names no one known.
 */
export function otherLearnersNamed<L extends NamedLearner>(text: string, currentId: string, learners: readonly L[]): L[] {
  const folded = fold(text);
  const current = learners.find((l) => l.id === currentId);
  if (current && namesLearner(folded, current)) return [];
  return learners.filter((l) => l.id !== currentId && namesLearner(folded, l));
}
