/**
 * `npm run bench`: runs every benchmark module in scripts/bench/ (each exports
 * `run(): Promise<void>` and prints its own figures). `npm run bench -- search` runs
 * only the modules whose file name contains "search".
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = join(import.meta.dirname, 'bench');
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

let failed = 0;
for (const file of files) {
  console.log(`\n=== ${file.replace(/\.ts$/, '')} ===`);
  try {
    const mod = (await import(pathToFileURL(join(dir, file)).href)) as { run?: () => Promise<void> };
    if (typeof mod.run !== 'function') throw new Error(`${file} exports no run()`);
    await mod.run();
  } catch (e) {
    failed++;
    console.error(`${file} failed:`, e);
  }
}
process.exit(failed ? 1 : 0);
