/**
 * One tag set, two ways out: the extension's export (database to CSV) and the export-csv
 * command (a backup of that database to CSV) choose, order and write the same rows.
 */
import 'fake-indexeddb/auto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { main } from '../../scripts/catalogue';
import { backupChunks } from '../../lib/export/backup';
import type { TagsetFilter } from '../../lib/export/tagset/rows';
import { tagsetCsv } from '../../lib/export/tagset/write';
import { backupSource, loadCatalogueIndex, tagsetBatches } from '../../lib/transfer/sources';
import { collect, deleteDbs, freshDb, T0 } from '../fixtures/transfer';
import { putEvidence } from '../fixtures/db';
import { dataset, isoTime, SPEC_A } from '../fixtures/export-data';

afterEach(deleteDbs);

const filterOf = fc.record({
  learner: fc.option(fc.nat(), { nil: undefined }),
  unit: fc.option(fc.constantFrom('spec-a:CU1', 'spec-a:CU2', 'spec-b:L5062150'), { nil: undefined }),
  qualification: fc.option(fc.constantFrom('spec-a:600/0000/1', 'nope'), { nil: undefined }),
  from: fc.option(isoTime.map((t) => t.slice(0, 10)), { nil: undefined }),
  to: fc.option(isoTime.map((t) => t.slice(0, 10)), { nil: undefined }),
});

describe('the tag set of the extension and of the export-csv command', () => {
  it('property: are the same text, for any records and any filter', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tagset-agreement-'));
    let run = 0;
    await fc.assert(
      fc.asyncProperty(dataset, filterOf, async (ds, f) => {
        const db = freshDb();
        // Imported, so that the backup carries the catalogue the command names criteria from.
        await db.specifications.put({ ...SPEC_A, origin: 'imported', contentHash: 'h', updatedAt: T0 });
        await db.learners.bulkAdd(ds.learners);
        await db.pages.bulkAdd(ds.pages);
        await putEvidence(db, ds.passages, ds.mappings);
        await db.decisions.bulkAdd(ds.decisions);
        // The command finds a learner by id or by name: ask only for one it cannot mistake.
        const asked = f.learner === undefined ? undefined : ds.learners[f.learner % ds.learners.length];
        const learner = asked && !ds.learners.some((l) => l.name === asked.id) ? asked : undefined;
        const filter: TagsetFilter = { learnerId: learner?.id, unitId: f.unit, qualificationId: f.qualification, from: f.from, to: f.to };
        const catalogue = await loadCatalogueIndex(db);
        const fromExtension = await collect(tagsetCsv(tagsetBatches(db, filter, catalogue, 3), catalogue));
        const file = join(dir, `backup-${++run}.json`);
        writeFileSync(file, await collect(backupChunks(await backupSource(db))));
        const args = ['export-csv', file];
        if (learner) args.push(`--learner=${learner.id}`);
        if (f.unit) args.push(`--unit=${f.unit}`);
        if (f.qualification) args.push(`--qualification=${f.qualification}`);
        if (f.from) args.push(`--from=${f.from}`);
        if (f.to) args.push(`--to=${f.to}`);
        let out = '';
        const code = await main(args, { out: (t) => void (out += t), err: () => {} });
        expect(code).toBe(0);
        expect(out).toBe(fromExtension);
        db.close();
      }),
      { numRuns: 40 },
    );
  });
});
