import { createCriteriaIndex, flattenCatalogue } from '../lib/search/index';
import { loadCatalogue } from './bench/search';
import { loadLearnerPassages } from './bench/suggest';
const { catalogue } = await loadCatalogue();
const criteria = flattenCatalogue(catalogue);
const ix = createCriteriaIndex(criteria);
ix.suggest('warm up the parts', { limit: 1 });
const ps = loadLearnerPassages();
for (const n of [500, 5000, 20000, 500, 5000, 20000]) {
  const ex = Array.from({ length: n }, (_, i) => { const p = ps[i % ps.length]; return { criterionId: criteria[(i * 7919) % criteria.length].id, text: `${p.passage} ${i}` }; });
  const t = performance.now(); ix.learn(ex); const ms = performance.now() - t;
  const ts: number[] = [];
  for (let r = 0; r < 3; r++) for (const p of ps) { const t2 = performance.now(); ix.suggest(p.passage, { limit: 8, scope: { ...p.scope, outside: 'hide' } }); ts.push(performance.now() - t2); }
  ts.sort((a, b) => a - b);
  console.log(n, 'learn ms', ms.toFixed(0), 'suggest median', ts[ts.length >> 1].toFixed(2), 'p95', ts[Math.floor(ts.length * 0.95)].toFixed(2));
}
