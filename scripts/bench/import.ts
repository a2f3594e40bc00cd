/**
 * The general specification importer on the five source specifications: time to read
 * each (median of 5 runs) and how its units, outcomes and criteria compare with the
 * built-in catalogue (matched/missing/extra/words differ). Timing is printed, never
 * asserted; the counts are held by lib/catalogue/import/real-specs.test.ts.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { importFile, importText } from '../../lib/catalogue/import/index';
import { pageOfUnit, specDocx, specPdf } from '../../test/fixtures/spec-documents';
import type { Catalogue, Specification } from '../../lib/catalogue/model';
import { CATALOGUE_PATH, specificationFiles } from '../lib/catalogue-build';
import { compareSpecifications, formatTally } from '../lib/import-compare';

export async function run(): Promise<void> {
  const catalogue = JSON.parse(readFileSync(CATALOGUE_PATH, 'utf8')) as Catalogue;
  console.log('spec                  lines   ms(median of 5)  units      outcomes    criteria     (matched/missing/extra/differ)');
  for (const file of specificationFiles()) {
    const source = basename(file);
    const text = readFileSync(file, 'utf8');
    const times: number[] = [];
    let spec = importText(text, source).specification;
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      spec = importText(text, source).specification;
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const builtIn = catalogue.specifications.find((s) => s.source === source);
    const c = builtIn ? compareSpecifications(spec, builtIn) : undefined;
    console.log(
      [
        (builtIn?.id ?? source).padEnd(20),
        String(text.split('\n').length).padStart(6),
        times[2].toFixed(1).padStart(10),
        '      ',
        (c ? formatTally(c.units) : '-').padEnd(10),
        (c ? formatTally(c.outcomes) : '-').padEnd(11),
        c ? formatTally(c.criteria) : '-',
      ].join('  '),
    );
  }

  await binaries(catalogue);
}

async function median5(f: () => Promise<Specification>): Promise<{ ms: number; spec: Specification }> {
  const times: number[] = [];
  let spec = await f();
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    spec = await f();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { ms: times[2], spec };
}

/** The specifications as PDF and Word files, read back through importFile. */
async function binaries(catalogue: Catalogue): Promise<void> {
  // pdf.js and mammoth load on first use: timed once, apart from the reading.
  const t0 = performance.now();
  const first = await specPdf('Level 1 Award', [{ fields: [['Title', 'Warm up']], outcomes: [{ label: '1. Warm', criteria: ['1.1 Warm up'] }] }]);
  await importFile(first, 'warm-up.pdf');
  const t1 = performance.now();
  await importFile(await specDocx('Level 1 Award', [{ fields: [['Title', 'Warm up']], outcomes: [{ label: '1. Warm', criteria: ['1.1 Warm up'] }] }]), 'warm-up.docx');
  console.log(`\nfirst PDF (loads pdf.js): ${(t1 - t0).toFixed(0)} ms; first Word file (loads mammoth): ${(performance.now() - t1).toFixed(0)} ms`);
  console.log('spec as PDF / Word      kB    ms(median of 5)  units      outcomes    criteria     (matched/missing/extra/differ, against the built-in catalogue)');
  const all: ReturnType<typeof pageOfUnit>[] = [];
  for (const file of specificationFiles()) {
    const source = basename(file);
    const units = importText(readFileSync(file, 'utf8'), source).specification.units;
    const pages = units.map((u) => pageOfUnit(u));
    all.push(...pages);
    const builtIn = catalogue.specifications.find((s) => s.source === source);
    const base = source.replace(/\.txt$/, '');
    const documents: [string, Uint8Array][] = [
      ['pdf', await specPdf('Level 2 Certificate in Customer Service', pages, { header: 'Customer service units', footer: 'Issue 1' })],
      ['docx', await specDocx('Level 2 Certificate in Customer Service', pages)],
    ];
    for (const [ext, bytes] of documents) {
      // The built-in catalogue is compared by source name: read it under the .txt's name's stem.
      const { ms, spec } = await median5(async () => (await importFile(bytes, `${base}.${ext}`)).specification);
      const c = builtIn ? compareSpecifications({ ...spec, id: builtIn.id }, builtIn) : undefined;
      console.log(
        [
          `${builtIn?.id ?? base} .${ext}`.padEnd(20),
          String(Math.round(bytes.length / 1024)).padStart(6),
          ms.toFixed(1).padStart(10),
          '      ',
          (c ? formatTally(c.units) : '-').padEnd(10),
          (c ? formatTally(c.outcomes) : '-').padEnd(11),
          c ? formatTally(c.criteria) : '-',
        ].join('  '),
      );
    }
  }
  // A long specification: every unit of the five, twice, one PDF.
  const long = await specPdf('Level 3 Diploma in Customer Service', [...all, ...all], { header: 'Customer service units', footer: 'Issue 1' });
  const { ms, spec } = await median5(async () => (await importFile(long, 'long.pdf')).specification);
  const pages = new TextDecoder('latin1').decode(long).match(/\/Type\s*\/Page\b/g)?.length ?? 0;
  console.log(`${pages}-page PDF (${Math.round(long.length / 1024)} kB, ${spec.units.length} units): ${ms.toFixed(0)} ms median of 5 in Node (issue 16's target: under 5 s in Chromium)`);
}
