/**
 * The catalogue as live state for extension pages: follows the database with liveQuery,
 * so a catalogue written by the background on install appears without a reload.
 */
import { liveQuery } from 'dexie';
import type { Specification } from '../catalogue/model';
import { getSpecifications } from '../db/catalogue';
import { getDb } from '../db/open';

/** Live list of the catalogue's specifications, with loading and error state. */
export class CatalogueState {
  specifications = $state<Specification[]>([]);
  loaded = $state(false);
  error = $state<string | null>(null);
  #subscription: { unsubscribe(): void } | undefined;

  /** Starts following the database; returns a cleanup. */
  start(): () => void {
    this.#subscription = liveQuery(() => getSpecifications(getDb())).subscribe({
      next: (specs) => {
        this.specifications = specs;
        this.loaded = true;
        this.error = null;
      },
      error: (e: unknown) => {
        this.error = e instanceof Error ? e.message : String(e);
        this.loaded = true;
      },
    });
    return () => this.#subscription?.unsubscribe();
  }
}
