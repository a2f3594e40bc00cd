/**
 * `catalogue export-csv BACKUP.json [filters]`: turns an Evidence Mapper backup into a
 * tag-set CSV on stdout, for centres that script their tracking sheets. Criteria are
 * named from the built-in catalogue plus the backup's imported specifications.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { type Command, CliError } from './_command';
import { readCatalogue } from './_shared';
import { readBackup } from '../../lib/export/backup';
import { ImportError } from '../../lib/export/errors';
import { sniffFile } from '../../lib/export/sniff';
import { indexCatalogue } from '../../lib/catalogue/lookup';
import { TagsetSelection, type TagsetFilter, type TagsetItem } from '../../lib/export/tagset/rows';
import type { ImportPlan } from '../../lib/export/plan';
import type { CatalogueIndex } from '../../lib/catalogue/lookup';
import { tagsetCsv } from '../../lib/export/tagset/write';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const command: Command = {
  name: 'export-csv',
  summary: 'print the tag set of a backup file as CSV (filters: --learner, --qualification, --unit, --from, --to; --bom)',
  usage: 'BACKUP.json [--learner NAME|ID] [--qualification ID] [--unit ID] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--bom]',
  async run(args, io) {
    let parsed;
    try {
      parsed = parseArgs({
        args,
        allowPositionals: true,
        options: { learner: { type: 'string' }, qualification: { type: 'string' }, unit: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, bom: { type: 'boolean' } },
      });
    } catch (e) {
      throw new CliError((e as Error).message, 2);
    }
    const { values, positionals } = parsed;
    if (positionals.length !== 1) throw new CliError('give one backup file', 2);
    for (const d of [values.from, values.to]) if (d !== undefined && !DATE.test(d)) throw new CliError(`"${d}" is not a date (YYYY-MM-DD)`, 2);
    let text: string;
    try {
      text = readFileSync(positionals[0], 'utf8');
    } catch (e) {
      throw new CliError(`cannot read ${positionals[0]}: ${(e as Error).message}`);
    }
    let plan;
    try {
      const sniffed = sniffFile(text);
      if (sniffed.format !== 'backup') throw new ImportError(`this is ${sniffed.format === 'csv' ? 'a CSV' : 'Hypothesis annotations'}, not an Evidence Mapper backup.`);
      plan = await readBackup(sniffed.json);
    } catch (e) {
      if (e instanceof ImportError) throw new CliError(`${positionals[0]}: ${e.message}`);
      throw e;
    }
    const catalogue = indexCatalogue([...readCatalogue().specifications, ...plan.specifications]);
    const learner = values.learner && plan.learners.find((l) => l.id === values.learner || l.name === values.learner);
    if (values.learner && !learner) throw new CliError(`no learner "${values.learner}" in the backup (${plan.learners.map((l) => l.name).join(', ')})`);
    const filter: TagsetFilter = { learnerId: learner ? learner.id : undefined, qualificationId: values.qualification, unitId: values.unit, from: values.from, to: values.to };
    const items = tagsetItems(plan, filter, catalogue);
    let skipped = 0;
    const onSkip = (problem: string) => {
      skipped++;
      io.err(`not written: ${problem}\n`);
    };
    for await (const chunk of tagsetCsv([items], catalogue, { bom: values.bom, onSkip })) io.out(chunk);
    const rows = items.length - skipped;
    io.err(`${rows} row${rows === 1 ? '' : 's'}${skipped ? `, ${skipped} left out` : ''}\n`);
    return 0;
  },
};

/**
 * A backup's tag-set items, chosen and ordered by the same selection as the extension's
 * export: the backup's records are grouped the way the database holds them (passages by
 * learner, mappings by passage, decisions by learner) and handed over learner by learner.
 */
function tagsetItems(plan: ImportPlan, filter: TagsetFilter, catalogue: CatalogueIndex): TagsetItem[] {
  const selection = new TagsetSelection(filter, catalogue);
  const mappingsOf = groupBy(plan.mappings, (m) => m.passageId);
  const passagesOf = groupBy(plan.passages, (p) => p.learnerId);
  const decisionsOf = groupBy(plan.decisions, (d) => d.learnerId);
  const pages = new Map(plan.pages.map((p) => [p.id, p]));
  return selection.learners(plan.learners).flatMap((learner) => {
    const evidence = (passagesOf.get(learner.id) ?? []).map((passage) => ({ passage, mappings: mappingsOf.get(passage.id) ?? [] }));
    return selection.items(learner, evidence, pages, decisionsOf.get(learner.id) ?? []);
  });
}

function groupBy<T>(list: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const t of list) {
    const k = key(t);
    const group = groups.get(k);
    if (group) group.push(t);
    else groups.set(k, [t]);
  }
  return groups;
}
