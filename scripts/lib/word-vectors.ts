/** The word vectors the extension ships (public/word-vectors.bin, lib/search/vectors.ts), read from a checkout. */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseWordVectors, type WordVectors } from '../../lib/search/vectors';

export const wordVectors = (): WordVectors => parseWordVectors(readFileSync(join(resolve(import.meta.dirname, '..', '..'), 'public', 'word-vectors.bin')));
