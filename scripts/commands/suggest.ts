/**
 * `catalogue suggest [--scope REF]`: reads one passage of learner evidence per line on
 * stdin and prints, for each, one line of JSON: the 10 criteria it most likely meets,
 * `{ id, unit, number, text, score }`.
 */
import { rankingCommand } from './search';

export const command = rankingCommand('suggest', 'suggest criteria for each passage of evidence read from stdin; one JSON line of the top 10 per passage');
