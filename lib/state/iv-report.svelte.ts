/**
 * The printable IV report as live state: the latest decision on each sampled mapping or
 * unit (of one learner, or all), with its evidence and whether it still holds, and the
 * per-assessor summary; composed as the report's CSV is (lib/transfer/export-file).
 */
import { getDb } from '../db/open';
import { loadIvReport } from '../transfer/export-file';
import type { IvReport } from '../sampling/report';
import { LiveQuery } from './live.svelte';

export class IvReportState {
  readonly learnerId: string | undefined;
  readonly #data = new LiveQuery(() => () => this.#load());

  constructor(learnerId?: string) {
    this.learnerId = learnerId || undefined;
  }

  async #load(): Promise<{ report: IvReport; learnerName: string | null }> {
    const db = getDb();
    const report = await loadIvReport(db, this.learnerId, new Date());
    const learnerName = this.learnerId ? ((await db.learners.get(this.learnerId))?.name ?? null) : null;
    return { report, learnerName };
  }

  readonly loading = $derived(this.#data.loading);
  readonly loadError = $derived(this.#data.error);
  readonly report = $derived(this.#data.value?.report ?? null);
  /** The learner's name when the report is for one learner. */
  readonly learnerName = $derived(this.#data.value?.learnerName ?? null);
}
