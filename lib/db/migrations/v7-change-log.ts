/**
 * Version 6 to 7: the change log (lib/db/change-log.ts) starts. A frozen copy: change it only
 * to fix a bug in this very upgrade.
 *
 * A database written before the log existed has records no log names; whether any of them
 * ever reached a team's server is not known here. So the upgrade writes one entry, `*`, which
 * makes the next sync run compare every shared record once (as every run did before the log);
 * from then on runs compare only what the log names. An empty database needs no entry.
 */
import type { Transaction } from 'dexie';

const SHARED = ['sheets', 'learners', 'pages', 'decisions', 'signoffs', 'samplingPlans', 'responses', 'tombstones'] as const;

/** The upgrade: one "compare everything" entry when any shared record is stored. */
export async function upgradeV7ChangeLog(tx: Transaction): Promise<void> {
  let any = (await tx.table('specifications').where('origin').equals('imported').count()) > 0;
  for (const store of SHARED) {
    if (any) break;
    any = (await tx.table(store).count()) > 0;
  }
  if (any) await tx.table('changeLog').put({ id: '*', store: '*', key: null, stamp: `v7.${Date.now().toString(36)}` });
}
