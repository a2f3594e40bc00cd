/**
 * Chooses the reader for an imported file: one of our backups, Hypothesis annotations
 * (JSON) or one of our tag-set CSVs, and turns files that are none of these (empty,
 * binary, cut short) into a message that says so.
 */
import { readBackup, looksLikeBackup } from './backup';
import type { Progress } from './csv';
import { ImportError } from './errors';
import { findJsonDefect } from './json-error';
import { looksLikeHypothesis, readHypothesis, type HypothesisOptions } from './hypothesis';
import type { ImportPlan } from './plan';
import { readTagsetCsv } from './tagset';

/** What a file turned out to be. */
export type Sniffed =
  | { format: 'backup'; json: unknown }
  | { format: 'hypothesis'; json: unknown }
  | { format: 'csv'; text: string };

/** Looks at a file's text and parses it as far as needed to know its format. */
export function sniffFile(text: string): Sniffed {
  if (text.trim() === '') throw new ImportError('The file is empty.');
  const head = text.slice(0, 4096);
  const odd = (head.match(/[\u0000-\u0008\u000e-\u001a\ufffd]/g) ?? []).length;
  if (odd > 0 && odd / head.length > 0.01) {
    throw new ImportError('This file is not text (it looks like a binary file). Choose a backup (.json), Hypothesis annotations (.json) or a tag-set CSV (.csv).');
  }
  const start = text.replace(/^\ufeff/, '').trimStart()[0];
  if (start !== '{' && start !== '[') return { format: 'csv', text };
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (e) {
    const d = findJsonDefect(text.replace(/^\ufeff/, ''));
    if (d?.truncated) throw new ImportError(`The JSON in this file is cut short: it ends inside ${d.path}. Was it saved or downloaded completely?`);
    if (d) throw new ImportError(`The JSON in this file is broken at line ${d.line}, column ${d.column} (in ${d.path}).`);
    throw new ImportError(`The JSON in this file is broken: ${e instanceof Error ? e.message : String(e)}.`);
  }
  if (looksLikeBackup(json)) return { format: 'backup', json };
  if (looksLikeHypothesis(json)) return { format: 'hypothesis', json };
  throw new ImportError('$: this JSON is neither an Evidence Mapper backup (no "formatVersion" and "annotations") nor Hypothesis annotations (no "rows" with "target").');
}

/** Options a reader may need: Hypothesis annotations say nothing about learners. */
export interface ReadOptions {
  hypothesis?: HypothesisOptions;
  onProgress?: Progress;
}

/** Reads a sniffed file into an import plan (nothing is written). */
export async function readImport(sniffed: Sniffed, options: ReadOptions = {}): Promise<ImportPlan> {
  switch (sniffed.format) {
    case 'backup':
      return readBackup(sniffed.json, options.onProgress);
    case 'hypothesis':
      if (!options.hypothesis) throw new ImportError('Choose the learner these Hypothesis annotations are evidence for, then import again.');
      return readHypothesis(sniffed.json, options.hypothesis, options.onProgress);
    case 'csv':
      return readTagsetCsv(sniffed.text, options.onProgress);
  }
}
