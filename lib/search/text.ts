/**
 * Words for the criteria index: how criterion text and queries are split into words,
 * which words carry no meaning, and how a word is reduced to its stem, so that a
 * learner's "listened" meets a specification's "listen" and "apologised" meets
 * "apologise". Plain functions over strings; the index applies them identically to
 * criteria and queries.
 */

import { irregularBase } from './morphology';

const WORD = /[a-z0-9]+/g;

/** Lower-cased words of a text: letters and digits, with apostrophes dropped ("customer's" → "customers"). */
export function words(text: string): string[] {
  let t = text.toLowerCase();
  // Accents are rare here: only strip them when a character outside ASCII is present.
  if (/[^\x00-\x7f]/.test(t)) t = t.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  return t.replace(/['’‘`]/g, '').match(WORD) ?? [];
}

/**
 * Words too common in English, or in criteria, to say what a passage is about. "customer"
 * and "service" stay out of this list on purpose: their low weight comes from their
 * frequency, and a unit title such as "Customer service problems" still needs them.
 */
const STOPWORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being ' +
    'below between both but by can could did do does doing down during each etc eg ie few for from ' +
    'further get got had has have having he her here hers herself him himself his how i if in into is ' +
    'it its itself just me more most my myself no nor not now of off on once only or other our ours ' +
    'ourselves out over own same she should so some such than that the their theirs them themselves then ' +
    'there these they this those through to too under until up very was we were what when where which ' +
    'while who whom why will with would you your yours yourself yourselves us lot lots really thing things ' +
    'went go going gone come came make made let day today yesterday week also able learner learners will ' +
    'within way ways using use used one two three'
  ).split(/\s+/),
);

/** True when a word is worth indexing or querying on. */
export function isContentWord(w: string): boolean {
  return w.length > 1 && !STOPWORDS.has(w);
}

// British spellings end in -ise/-isation; the Porter rules know -ize/-ization, so both
// sides are rewritten the same way before stemming ("apologised" → "apologized").
const BRITISH_IS = /(.{3,})is(e|es|ed|ing|ation|ations|er|ers)$/;

/**
 * The Porter (1980) stem of a lower-case word, after taking an irregular form to its base
 * ("rang" → "ring", morphology.ts; `morphology` false is the bench's ablation) and
 * folding British -ise to -ize.
 */
export function stem(word: string, morphology = true): string {
  if (word.length < 3 || /\d/.test(word)) return word;
  const base = morphology ? irregularBase(word) : word;
  const w = base.replace(BRITISH_IS, '$1iz$2');
  return porter(w);
}

/** Stems of the content words of a text, in order (duplicates kept, for term counts). */
export function stems(text: string): string[] {
  const out: string[] = [];
  for (const w of words(text)) if (isContentWord(w)) out.push(stem(w));
  return out;
}

// ---- Porter stemmer --------------------------------------------------------------------
// Written from the published algorithm (M.F. Porter, "An algorithm for suffix stripping",
// 1980) with the two widely used amendments (bli→ble, logi→log).

function isCons(w: string, i: number): boolean {
  const c = w[i];
  if (c === 'a' || c === 'e' || c === 'i' || c === 'o' || c === 'u') return false;
  if (c === 'y') return i === 0 ? true : !isCons(w, i - 1);
  return true;
}

/** m in [C](VC)^m[V] for w[0..end). */
function measure(w: string, end: number): number {
  let n = 0;
  let i = 0;
  while (i < end && isCons(w, i)) i++;
  while (i < end) {
    while (i < end && !isCons(w, i)) i++;
    if (i >= end) break;
    while (i < end && isCons(w, i)) i++;
    n++;
  }
  return n;
}

function hasVowel(w: string, end: number): boolean {
  for (let i = 0; i < end; i++) if (!isCons(w, i)) return true;
  return false;
}

function doubleCons(w: string, end: number): boolean {
  return end >= 2 && w[end - 1] === w[end - 2] && isCons(w, end - 1);
}

/** cvc where the last c is not w, x or y. */
function cvc(w: string, end: number): boolean {
  if (end < 3) return false;
  if (!isCons(w, end - 1) || isCons(w, end - 2) || !isCons(w, end - 3)) return false;
  const c = w[end - 1];
  return c !== 'w' && c !== 'x' && c !== 'y';
}

type Rule = [suffix: string, replacement: string];

function byLength(rules: Rule[]): Rule[] {
  return rules.sort((a, b) => b[0].length - a[0].length);
}

const STEP2 = byLength([
  ['ational', 'ate'], ['tional', 'tion'], ['enci', 'ence'], ['anci', 'ance'], ['izer', 'ize'],
  ['bli', 'ble'], ['alli', 'al'], ['entli', 'ent'], ['eli', 'e'], ['ousli', 'ous'],
  ['ization', 'ize'], ['ation', 'ate'], ['ator', 'ate'], ['alism', 'al'], ['iveness', 'ive'],
  ['fulness', 'ful'], ['ousness', 'ous'], ['aliti', 'al'], ['iviti', 'ive'], ['biliti', 'ble'],
  ['logi', 'log'],
]);
const STEP3 = byLength([
  ['icate', 'ic'], ['ative', ''], ['alize', 'al'], ['iciti', 'ic'], ['ical', 'ic'], ['ful', ''], ['ness', ''],
]);
const STEP4 = byLength(
  ['al', 'ance', 'ence', 'er', 'ic', 'able', 'ible', 'ant', 'ement', 'ment', 'ent', 'ion', 'ou', 'ism',
    'ate', 'iti', 'ous', 'ive', 'ize'].map((s): Rule => [s, '']),
);

function applyRules(w: string, rules: Rule[], minM: number): string {
  for (const [suf, rep] of rules) {
    if (!w.endsWith(suf)) continue;
    const base = w.length - suf.length;
    if (suf === 'ion' && !(base > 0 && (w[base - 1] === 's' || w[base - 1] === 't'))) return w;
    return measure(w, base) > minM ? w.slice(0, base) + rep : w;
  }
  return w;
}

function porter(input: string): string {
  let w = input;
  // Step 1a
  if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('ies')) w = w.slice(0, -2);
  else if (!w.endsWith('ss') && w.endsWith('s')) w = w.slice(0, -1);
  // Step 1b
  let extra = false;
  if (w.endsWith('eed')) {
    if (measure(w, w.length - 3) > 0) w = w.slice(0, -1);
  } else if (w.endsWith('ed') && hasVowel(w, w.length - 2)) {
    w = w.slice(0, -2);
    extra = true;
  } else if (w.endsWith('ing') && hasVowel(w, w.length - 3)) {
    w = w.slice(0, -3);
    extra = true;
  }
  if (extra) {
    if (w.endsWith('at') || w.endsWith('bl') || w.endsWith('iz')) w += 'e';
    else if (doubleCons(w, w.length) && !/[lsz]$/.test(w)) w = w.slice(0, -1);
    else if (measure(w, w.length) === 1 && cvc(w, w.length)) w += 'e';
  }
  // Step 1c
  if (w.endsWith('y') && hasVowel(w, w.length - 1)) w = w.slice(0, -1) + 'i';
  w = applyRules(w, STEP2, 0);
  w = applyRules(w, STEP3, 0);
  w = applyRules(w, STEP4, 1);
  // Step 5a
  if (w.endsWith('e')) {
    const m = measure(w, w.length - 1);
    if (m > 1 || (m === 1 && !cvc(w, w.length - 1))) w = w.slice(0, -1);
  }
  // Step 5b
  if (w.endsWith('ll') && measure(w, w.length) > 1) w = w.slice(0, -1);
  return w;
}

// Rows reused across calls: the typo lookup compares a word with hundreds of terms.
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);
let rowC = new Int32Array(64);

/** Damerau–Levenshtein (optimal string alignment) distance, giving up above `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  if (rowA.length <= n) {
    rowA = new Int32Array(n + 1);
    rowB = new Int32Array(n + 1);
    rowC = new Int32Array(n + 1);
  }
  let prev2 = rowA;
  let prev = rowB;
  let cur = rowC;
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        v = Math.min(v, prev2[j - 2] + 1);
      }
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return prev[n];
}
