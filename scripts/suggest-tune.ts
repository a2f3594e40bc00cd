/**
 * Choosing `suggest`'s weights (issue 18): ranks the TUNING split of learners.json only,
 * cold and after learning from the learning pool, for each setting given, and prints
 * recall@5 and MRR in the learner's scope and over the whole catalogue. The held-out split
 * is never ranked here; `npm run bench -- suggest` prints it for the chosen weights.
 * Usage: npx tsx scripts/suggest-tune.ts '{"learnNearWeight":0.5}' '{"unitShare":0.3}' ...
 * ('{}' is the product's tuning.)
 */
import { pathToFileURL } from 'node:url';
import { createCriteriaIndex, flattenCatalogue, type SearchTuning } from '../lib/search/index';
import { loadCatalogue } from './bench/search';
import { evaluate, loadLearnerPassages, loadPool, mean, wordVectors, type Learn } from './bench/suggest';

export async function run(settings: Partial<SearchTuning>[], modes: Learn[] = ['cold', 'pool']): Promise<void> {
  const { catalogue } = await loadCatalogue();
  const criteria = flattenCatalogue(catalogue);
  const tuning = loadLearnerPassages().filter((p) => p.split === 'tuning');
  const pool = loadPool();
  const f3 = (n: number) => n.toFixed(3);
  const vectors = wordVectors();
  for (const s of settings) {
    const index = createCriteriaIndex(criteria, s, { vectors });
    const parts: string[] = [];
    for (const mode of modes) {
      const res = [...evaluate(index, tuning, mode, pool).values()];
      const sc = mean(res.map((r) => r.scope));
      const wh = mean(res.map((r) => r.whole));
      parts.push(`${mode} scope ${f3(sc.recall5)}/${f3(sc.mrr)} whole ${f3(wh.recall5)}/${f3(wh.mrr)}`);
    }
    console.log(`${JSON.stringify(s).padEnd(60)} ${parts.join('  |  ')}`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const modes = (process.env.MODES?.split(',') as Learn[] | undefined) ?? ['cold', 'pool'];
  await run((args.length ? args : ['{}']).map((a) => JSON.parse(a) as Partial<SearchTuning>), modes);
}
