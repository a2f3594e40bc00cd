/**
 * `catalogue suggest [--scope REF]`: reads one passage of learner evidence per line on
 * stdin and prints, for each, one line of JSON: the 10 criteria it most likely meets,
 * `{ id, unit, number, text, score }`.
 */
import { type Command } from './_command';
import { readCatalogue } from './_shared';
import { answerLines, indexFor, parseScope, stdinLines } from './search';

export const command: Command = {
  name: 'suggest',
  usage: '[--scope REF]',
  summary: 'suggest criteria for each passage of evidence read from stdin; one JSON line of the top 10 per passage',
  async run(args, io) {
    const catalogue = readCatalogue();
    const scope = parseScope(args, catalogue, 'suggest');
    const index = indexFor(catalogue);
    return answerLines(stdinLines(), (p) => index.suggest(p, { limit: 10, scope }), io);
  },
};
