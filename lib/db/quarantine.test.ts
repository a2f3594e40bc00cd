import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { createDb } from './schema';
import { deleteQuarantined, quarantinedRecords, quarantineFile, restoreQuarantined } from './quarantine';
import type { QuarantinedRecord } from './records';

let name = '';
afterEach(async () => void (name && (await Dexie.delete(name))));

const held = (recordId: string, at: string, record: unknown): QuarantinedRecord => ({
  id: `version 1 mappings/${recordId}`, source: 'version 1 mappings', recordId, what: `Mapping ${recordId}`, reason: 'Its passage p9 is not in the database.', record, quarantinedAt: at,
});

describe('the quarantine', () => {
  it('lists quarantined records oldest first, and writes them all to a JSON file exactly as stored', async () => {
    name = `quarantine-${Math.random()}`;
    const db = createDb(name);
    const a = held('m5', '2026-05-02T00:00:00.000Z', { id: 'm5', passageId: 'p9', note: 'tab\t"q" \ud800 😀', nested: { n: 1e21, x: null } });
    const b = held('m6', '2026-05-01T00:00:00.000Z', { id: 'm6', learnerId: 'l2' });
    await db.quarantine.bulkPut([a, b]);
    const records = await quarantinedRecords(db);
    expect(records.map((r) => r.recordId)).toEqual(['m6', 'm5']);
    const file = quarantineFile(records, new Date('2026-06-01T12:00:00Z'));
    expect(file.filename).toBe('evidence-mapper-quarantine-2026-06-01.json');
    const parsed = JSON.parse(file.json);
    expect(parsed).toMatchObject({ format: 'evidence-mapper-quarantine', formatVersion: 1, count: 2, exportedAt: '2026-06-01T12:00:00.000Z' });
    expect(parsed.records).toEqual([b, a].map(({ id: _id, ...rest }) => rest));
    expect(parsed.records[1].record).toEqual(a.record);
    db.close();
  });

  it('deletes records once they are no longer wanted, and Undo puts them back exactly as stored', async () => {
    name = `quarantine-${Math.random()}`;
    const db = createDb(name);
    const a = held('m5', '2026-05-02T00:00:00.000Z', { id: 'm5', passageId: 'p9', note: 'tab\t"q" 😀', nested: { n: 1e21, x: null } });
    const b = held('m6', '2026-05-01T00:00:00.000Z', { id: 'm6', learnerId: 'l2' });
    await db.quarantine.bulkPut([a, b]);
    const deleted = await deleteQuarantined(db, [a.id, 'not-there']);
    expect(deleted).toEqual([a]);
    expect((await quarantinedRecords(db)).map((r) => r.recordId)).toEqual(['m6']);
    await restoreQuarantined(db, deleted);
    expect(await quarantinedRecords(db)).toEqual([b, a]);
    db.close();
  });
});
