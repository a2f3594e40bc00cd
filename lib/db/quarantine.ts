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
