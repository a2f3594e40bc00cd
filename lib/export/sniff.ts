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
import { yieldToPage } from './yield';
import { readTagsetCsv } from './tagset/read';

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

// How backupChunks lays a backup out: the annotations one per line, between this and
// the last line break before a closing bracket.
const ITEMS_OPEN = ',"items":[\n';
const ITEMS_CLOSE = '\n]';
const SLICE = 2000;

/**
 * As {@link sniffFile}, but a backup this tool wrote (one annotation per line) is parsed a
 * slice of lines at a time, yielding to the page between slices, so a large file never
 * blocks the page for long: one JSON.parse of a 75 MB file takes about a second. Anything
 * else, and a backup whose lines do not parse, goes through sniffFile, which names the
 * problem.
 */
export async function sniffFileInSlices(text: string, onProgress?: Progress): Promise<Sniffed> {
  const body = text.replace(/^\ufeff/, '');
  const open = body.indexOf(ITEMS_OPEN);
  const close = body.lastIndexOf(ITEMS_CLOSE);
  if (!body.startsWith('{"formatVersion":') || open < 0 || close < open) return sniffFile(text);
  try {
    const head = JSON.parse(`${body.slice(0, open)},"items":[]${body.slice(close + ITEMS_CLOSE.length)}`) as { annotations?: { first?: { items?: unknown[] } } };
    const items = head.annotations?.first?.items;
    if (!looksLikeBackup(head) || !Array.isArray(items)) return sniffFile(text);
    const region = body.slice(open + ITEMS_OPEN.length, close);
    // JSON.stringify never writes a raw line break inside a value, so lines are annotations.
    const lines = region === '' ? [] : region.split('\n');
    for (let i = 0; i < lines.length; i += SLICE) {
      for (let j = i; j < Math.min(lines.length, i + SLICE); j++) {
        const line = lines[j];
        items.push(JSON.parse(line.endsWith(',') ? line.slice(0, -1) : line));
      }
      onProgress?.(Math.min(1, (i + SLICE) / lines.length));
      await yieldToPage();
    }
    return { format: 'backup', json: head };
  } catch {
    return sniffFile(text);
  }
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
