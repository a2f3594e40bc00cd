/**
 * The quarantine: records an upgrade could not place, kept as they were stored. Read by
 * the options page, which lists them and saves them as a JSON file, so that nothing an
 * upgrade met is lost, and someone can see what it was and put it right by hand.
 */
import type { QuarantinedRecord } from './records';
import type { EvidenceDb } from './schema';

/** Every quarantined record, oldest first. */
export function quarantinedRecords(db: EvidenceDb): Promise<QuarantinedRecord[]> {
  return db.quarantine.orderBy('quarantinedAt').toArray();
}

/** The quarantine as a JSON file: every record with what it is, why it was set aside, and the record itself. */
export function quarantineFile(records: readonly QuarantinedRecord[], now = new Date()): { filename: string; type: string; json: string } {
  const file = {
    format: 'evidence-mapper-quarantine',
    formatVersion: 1,
    exportedAt: now.toISOString(),
    note: 'Records an upgrade of the Evidence Mapper database could not place, exactly as they were stored, with why.',
    count: records.length,
    records: records.map(({ source, recordId, what, reason, quarantinedAt, record }) => ({ source, recordId, what, reason, quarantinedAt, record })),
  };
  return { filename: `evidence-mapper-quarantine-${now.toISOString().slice(0, 10)}.json`, type: 'application/json', json: `${JSON.stringify(file, null, 2)}\n` };
}

/** Deletes quarantined records (the user saved them, or has no use for them); returns them as they were, for Undo. */
export function deleteQuarantined(db: EvidenceDb, ids: readonly string[]): Promise<QuarantinedRecord[]> {
  return db.transaction('rw', db.quarantine, async () => {
    const records = (await db.quarantine.bulkGet([...ids])).filter((r): r is QuarantinedRecord => !!r);
    await db.quarantine.bulkDelete(records.map((r) => r.id));
    return records;
  });
}

/** Puts deleted quarantined records back exactly as they were (Undo). */
export async function restoreQuarantined(db: EvidenceDb, records: readonly QuarantinedRecord[]): Promise<void> {
  await db.quarantine.bulkPut([...records]);
}
