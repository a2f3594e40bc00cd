import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { contextErrors, errorBudget, matchQuote } from './match-quote.ts';

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

const WORDS = 'the learner assessor observed safe practice risk report evidence unit criterion meeting client tools checked signed'.split(' ');
const prose = (seed: number[], n: number) => Array.from({ length: n }, (_, i) => WORDS[(seed[i % seed.length] + i * 7) % WORDS.length]).join(' ');

describe('matchQuote', () => {
  it('breaks ties between exact repeats by context, then by position', () => {
    const text = 'alpha beta gamma. one two three. alpha beta gamma. four five six. alpha beta gamma.';
    const second = text.indexOf('alpha beta gamma', 5);
    expect(matchQuote(text, 'alpha beta gamma', { prefix: 'two three. ', suffix: '. four' })?.start).toBe(second);
    const third = text.lastIndexOf('alpha beta gamma');
    expect(matchQuote(text, 'alpha beta gamma', { hint: third - 3 })?.start).toBe(third);
  });

  it('scores context anchored at the quote, not anywhere nearby', () => {
    expect(contextErrors('xx abc', 6, 'abc', true)).toBe(0);
    expect(contextErrors('abc xx', 6, 'abc', true)).toBeGreaterThan(0);
    expect(contextErrors('abc', 0, 'abc', false)).toBe(0);
  });

  it('never returns text further from the quote than the edit budget allows', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(50), { minLength: 5, maxLength: 20 }),
        fc.integer({ min: 2, max: 40 }),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom('sub', 'ins', 'del')), { maxLength: 12 }),
        (seed, words, edits) => {
          const text = prose(seed, 200);
          const start = text.indexOf(' ', 40) + 1;
          const end = text.indexOf(' ', start + words * 5);
          const quote = text.slice(start, end > 0 ? end : undefined).trim();
          let edited = quote;
          for (const [p, kind] of edits) {
            const i = p % edited.length;
            edited = kind === 'sub' ? edited.slice(0, i) + 'q' + edited.slice(i + 1) : kind === 'ins' ? edited.slice(0, i) + 'z' + edited.slice(i) : edited.slice(0, i) + edited.slice(i + 1);
          }
          edited = edited.trim();
          if (!edited) return;
          const m = matchQuote(text, edited, { prefix: text.slice(start - 32, start), suffix: text.slice(start + quote.length, start + quote.length + 32), hint: start });
          if (m) expect(editDistance(edited, text.slice(m.start, m.end))).toBeLessThanOrEqual(errorBudget(edited.length));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('finds an edited quote in place when its context is intact', () => {
    const text = 'Intro words here. The learner checked the tools before starting work. Closing words here.';
    const m = matchQuote(text, 'The learner checkd the tools before startng work.', { prefix: 'Intro words here. ', suffix: ' Closing words' });
    expect(m && text.slice(m.start, m.end)).toBe('The learner checked the tools before starting work.');
    expect(m?.errors).toBe(2);
  });

  it('orphans a short quote found only with unrelated context', () => {
    const text = 'Nothing about it here. The word report appears in a different sentence entirely.';
    expect(matchQuote(text, 'report', { prefix: 'The assessor signed the final ', suffix: ' on the first day of the visit' })).toBeNull();
  });
});

/**
 * Issue 13, "a tag goes on its own words or becomes an orphan, never on other words": the
 * string half of each case. Spans stand for where the cheap selectors (XPath range,
 * position) land after the change.
 */
describe('matchQuote never moves a tag onto other words (issue 13)', () => {
  const table = (rows: Array<[string, string]>) => rows.map(([q, a]) => `${q} ${a}`).join(' ');
  const rows: Array<[string, string]> = [
    ['1 Has the learner completed the health and safety induction?', 'Yes'],
    ['2 Has the learner read the lone working policy?', 'Yes'],
    ['3 Has the learner signed the learning agreement?', 'Yes'],
    ['4 Has the learner attended the first progress review?', 'No'],
  ];
  const before = table(rows);
  // The "Yes" of question 2, as describe would store it.
  const at = before.indexOf('Yes', before.indexOf('2 Has'));
  const ctx = { prefix: before.slice(at - 32, at), suffix: before.slice(at + 3, at + 35), hint: at };

  it('orphans the short "Yes" of a question whose answer became "No" (not another question\'s "Yes")', () => {
    const after = table(rows.map((r, i) => (i === 1 ? [r[0], 'No'] : r)));
    // The XPath still names question 2's answer cell, which now holds "No"; the position is unchanged.
    const cell = after.indexOf('No', after.indexOf('2 Has'));
    expect(matchQuote(after, 'Yes', ctx, [[cell, cell + 2], [at, at + 3]])).toBeNull();
  });

  it('keeps the short "Yes" on its own question when a row is added above (the XPath now names the row above)', () => {
    const added: Array<[string, string]> = [['0 Has the learner been given a copy of the handbook?', 'Yes'], ...rows];
    const after = table(added);
    const own = after.indexOf('Yes', after.indexOf('2 Has'));
    // tr[2] is now question 1's row: its answer cell holds the very word "Yes".
    const xpathLands = after.indexOf('Yes', after.indexOf('1 Has'));
    const m = matchQuote(after, 'Yes', ctx, [[xpathLands, xpathLands + 3], [at, at + 3]]);
    expect(m?.start).toBe(own);
  });

  it('orphans the second of two identical sentences when its paragraph is deleted (not the first)', () => {
    const s = 'The learner checked the isolation of the supply before starting work.';
    const p1 = `On Monday the team rewired the kitchen. ${s} The client was informed.`;
    const p2 = `On Tuesday we moved to the bathroom. ${s} Tools were put away after.`;
    const p3 = 'Reflection: next time I will label the circuits first.';
    const text = `${p1} ${p2} ${p3}`;
    const second = text.indexOf(s, text.indexOf(p2));
    const stored = { prefix: text.slice(second - 32, second), suffix: text.slice(second + s.length, second + s.length + 32), hint: second };
    const after = `${p1} ${p3}`;
    // The position now points into the reflection paragraph, and so does the XPath (p[2]).
    expect(matchQuote(after, s, stored, [[second, Math.min(after.length, second + s.length)]])).toBeNull();
    expect(matchQuote(after, s, stored)).toBeNull();
  });

  it('orphans a short edited quote found only where the words are shuffled', () => {
    // The word-shuffled 20-character quote the anchoring bench found a home for: "co" moved
    // from the end to the front, so the best match drops it and the stored suffix no longer
    // starts where the match ends.
    const text = 'Something else first. This isn’t exactly hero related.” the appropriate context is Apple’s App Store policy, and more.';
    const real = text.indexOf('” the appropriate co');
    const stored = { prefix: text.slice(real - 32, real), suffix: text.slice(real + 20, real + 52) };
    expect(matchQuote(text, 'co ” the appropriate', stored)).toBeNull();
  });

  it('orphans a fuzzy quote when two places fit it equally well (same words, same context)', () => {
    const para = 'Firefox OS, a web-based identity system called Mozilla Persona and a marketplace for HTML5 apps.';
    const text = `${para} Some other text between the copies. ${para} The end.`;
    const at2 = text.lastIndexOf('alled Mozilla Person');
    const stored = { prefix: text.slice(at2 - 32, at2), suffix: text.slice(at2 + 20, at2 + 52) };
    expect(matchQuote(text, 'alled Mozillq Persqn', stored)).toBeNull();
  });

  it('still finds a short edited quote in place when its context is intact', () => {
    const text = 'The assessor watched. The learner isolated the supply. Then tested it.';
    const m = matchQuote(text, 'isolatd the supply', { prefix: 'The assessor watched. The learner ', suffix: '. Then tested it.' });
    expect(m && text.slice(m.start, m.end)).toBe('isolated the supply');
  });
  it('keeps a repeated quote whose prefix was replaced by inserted paragraphs on its own place, by its whole suffix and the stale offset (medium-3 #113)', () => {
    // Two copies of the sentence with the same words after them; paragraphs are inserted
    // just before the tagged (second) one, so its prefix is gone and its offsets moved on.
    const copy = 'Why has the conversation suddenly turned to focus on nothing more than that?';
    const first = `It was the entire thing: ${copy}`;
    const second = `Nobody mentioned a salient fact at all: ${copy}`;
    const between = ' Some history follows here, at some length, before the second copy of the sentence appears on the page. '.repeat(6);
    const before = `${first}${between}${second} The end.`;
    const q = 'the conversation';
    const at = before.lastIndexOf(q);
    const stored = { prefix: before.slice(at - 32, at), suffix: before.slice(at + q.length, at + q.length + 32), hint: at };
    const inserted = 'Inserted words about something else entirely. Another inserted paragraph, just as long.';
    const after = before.slice(0, at - 'Why has '.length) + inserted + ' ' + before.slice(at - 'Why has '.length);
    const now = after.lastIndexOf(q);
    // The stale offset now falls in the inserted paragraphs; the range selector's too.
    expect(matchQuote(after, q, stored, [[at, at + q.length]])).toMatchObject({ start: now, end: now + q.length, errors: 0 });
    // With no cheap selector there is nothing to tell the two copies apart.
    expect(matchQuote(after, q, { prefix: stored.prefix, suffix: stored.suffix })).toBeNull();
    // Nor when the stale offset is about as near the other copy.
    const mid = Math.round((after.indexOf(q) + now) / 2);
    expect(matchQuote(after, q, { ...stored, hint: mid }, [[mid, mid + q.length]])).toBeNull();
  });

  it('keeps a short "The" on its own place when its prefix was replaced, though a three-letter fuzzy match sits at the stale offset (guardian-1 #114)', () => {
    const text0 = 'Intro. That is a modern thing, says Te Kaurinui. The Ngatiwai are investigating a possible link. The others wait. Then more. They go.';
    const q = 'The';
    const at = text0.indexOf('The Ngatiwai');
    const stored = { prefix: text0.slice(Math.max(0, at - 32), at), suffix: text0.slice(at + 3, at + 35), hint: at };
    const text = text0.slice(0, at) + 'more heartbreaking experts tide, animal thing. Recently whale home the. ' + text0.slice(at);
    const now = text.indexOf('The Ngatiwai');
    expect(matchQuote(text, q, stored, [[at, at + 3]])).toMatchObject({ start: now, end: now + 3, errors: 0 });
  });
  it('never moves an edited passage that its address and whole context still hold onto an unedited copy with one side of context (bbc-1 menu)', () => {
    // From the saved bbc-1 page: the section menu twice, 9,900 characters apart; the second,
    // tagged, has one character in ten edited (within budget) and both sides of context intact.
    const quote = 'World Home Africa Asia Australia Europe Latin America Middle East US & Canada selected UK UK Home England N. Ireland Scotland Wales Politics Business Business Home Market Data Markets Economy Companies Entrepreneurship Technology';
    const edited = 'World Home Africa Asria Ausxralib Europe Latif America Middle Egast eUS & Canada stlected Ul Up Hcme Enand N. Ireland uScotland Walefs Poitics Business Bcuseiness qoe Market Data Makets Economy Conpanies Entreprebeurship Technology';
    const filler = 'Story text that has nothing to do with the menu. '.repeat(200);
    const text = `Readers Have Your Say Home Video World ${quote} of Business Business of Sport Knowledge economy. ${filler}Skip navigation Sections Home Video World ${edited} of Business Business of Sport Knowledge economy.`;
    const at = text.indexOf(edited);
    const stored = { prefix: 'ation Sections Home Video World ', suffix: ' of Business Business of Sport K', hint: at };
    const m = matchQuote(text, quote, stored, [[at, at + edited.length], [at, at + edited.length - 2]]);
    expect(m === null || (m.start < at + edited.length && m.end > at)).toBe(true);
  });
  it('keeps "Mozilla" on its own paragraph when the inserted paragraphs hold the word right at the stale offset, with no side of context agreeing there (wikipedia #112)', () => {
    const before = 'Foundation. The Mozilla Foundation provides support. Mozilla website.[71][72] Community[edit] The Mozilla Community consists of over 40,000 active contributors from across the globe. The end.';
    const q = 'Mozilla';
    const at = before.indexOf('Mozilla Community consists');
    const stored = { prefix: before.slice(at - 32, at), suffix: before.slice(at + q.length, at + q.length + 32), hint: at };
    const inserted = 'a between "Mozilla May mozilla.org, Requirements" a run concurrency, an for Firefox of. ';
    const text = before.slice(0, at - 'The '.length) + inserted + before.slice(at - 'The '.length);
    const now = text.indexOf('Mozilla Community consists');
    expect(matchQuote(text, q, stored, [[at - 7, at]])).toMatchObject({ start: now, end: now + q.length, errors: 0 });
  });
});
