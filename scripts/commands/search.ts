/**
 * `catalogue search [--scope REF]`: reads one query per line on stdin and prints, for each,
 * one line of JSON: the top 10 criteria `{ id, unit, number, text, score }`. The same
 * machinery serves `catalogue suggest`, which reads passages of evidence instead.
 */
import { createInterface } from 'node:readline';
import type { Catalogue } from '../../lib/catalogue/model';
import { unitIdOf, unitKey } from '../../lib/catalogue/ids';
import { createCriteriaIndex, flattenCatalogue, type CriteriaIndex, type SearchHit, type SearchScope } from '../../lib/search/index';
import { type Command, CliError, type Io } from './_command';
import { readCatalogue } from './_shared';
import { wordVectors } from '../lib/word-vectors';
import type { WordVectors } from '../../lib/search/vectors';

/** Hits as the command prints them. */
export function hitRow(h: SearchHit): { id: string; unit: string; number: string; text: string; score: number } {
  return { id: h.id, unit: h.criterion.unitRef, number: h.criterion.number, text: h.criterion.text, score: Math.round(h.score * 1000) / 1000 };
}

/**
 * Reads `--scope REF`: a qualification (id "habc-l3:601/4027/6" or number "601/4027/6"),
 * or one or more unit refs separated by commas ("CU795", "L/506/2150,R/506/2151").
 */
export function parseScope(args: string[], catalogue: Catalogue, name: string): SearchScope | undefined {
  const rest = [...args];
  let ref: string | undefined;
  while (rest.length) {
    const a = rest.shift()!;
    if (a === '--scope') {
      ref = rest.shift();
      if (!ref) throw new CliError('--scope needs a qualification or unit ref', 2);
    } else if (a.startsWith('--scope=')) ref = a.slice('--scope='.length);
    else throw new CliError(`${name}: unknown argument "${a}" (usage: ${name} [--scope REF])`, 2);
  }
  if (!ref) return undefined;
  const quals = catalogue.specifications.flatMap((s) => s.qualifications);
  const q = quals.find((x) => x.id.toLowerCase() === ref.toLowerCase() || x.number.toLowerCase() === ref.toLowerCase());
  if (q) return { qualification: q.id };
  const known = new Set(catalogue.specifications.flatMap((s) => s.units.flatMap((u) => [unitKey(u.ref), unitIdOf(s.id, u.ref).toUpperCase()])));
  const units = ref.split(',').map((r) => r.trim()).filter(Boolean);
  const unknown = units.filter((u) => !known.has(unitKey(u)));
  if (!units.length || unknown.length) throw new CliError(`--scope ${ref}: no qualification or unit "${unknown.join(', ') || ref}" in the catalogue`, 2);
  return units.length === 1 ? { unit: units[0] } : { units };
}

/** Answers each line with one JSON line; used by `search` and `suggest`. */
export async function answerLines(
  lines: AsyncIterable<string> | Iterable<string>,
  answer: (line: string) => SearchHit[],
  io: Io,
): Promise<number> {
  for await (const line of lines) io.out(`${JSON.stringify(answer(line).map(hitRow))}\n`);
  return 0;
}

/** stdin, line by line. */
export function stdinLines(): AsyncIterable<string> {
  return createInterface({ input: process.stdin, crlfDelay: Infinity });
}

/** Builds the index over the built-in catalogue (or the given one); with the word vectors for suggestions, as the extension's palette has them. */
export function indexFor(catalogue: Catalogue, vectors?: WordVectors): CriteriaIndex {
  return createCriteriaIndex(flattenCatalogue(catalogue), {}, { vectors });
}

/**
 * A command that ranks criteria for each line of stdin: the index's `search` (queries)
 * or `suggest` (passages of evidence), top 10, one JSON line each.
 */
export function rankingCommand(name: 'search' | 'suggest', summary: string): Command {
  return {
    name,
    usage: '[--scope REF]',
    summary,
    async run(args, io) {
      const catalogue = readCatalogue();
      const scope = parseScope(args, catalogue, name);
      const index = indexFor(catalogue, name === 'suggest' ? wordVectors() : undefined);
      return answerLines(stdinLines(), (line) => index[name](line, { limit: 10, scope }), io);
    },
  };
}

export const command = rankingCommand('search', 'rank criteria for each query read from stdin (codes or words); one JSON line of the top 10 per query');
