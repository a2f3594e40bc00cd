/**
 * A Dexie liveQuery as runes: the value follows the database (a tag saved in any tab shows
 * at once) and the query is re-made whenever the reactive values it names change. Create
 * it while a component initialises: it lives and dies with that component.
 */
import { liveQuery } from 'dexie';

/** Builds the query from reactive values read synchronously; null means "nothing to ask". */
export type QueryFactory<T> = () => (() => Promise<T>) | null;

/** The latest result of a live query, with loading and error state. */
export class LiveQuery<T> {
  value = $state.raw<T | undefined>(undefined);
  loading = $state(true);
  error = $state<string | null>(null);

  constructor(factory: QueryFactory<T>) {
    $effect(() => {
      // Reading the inputs here, not inside the async querier, is what makes the effect
      // re-run (and re-subscribe) when they change.
      const query = factory();
      if (!query) {
        this.value = undefined;
        this.loading = false;
        return;
      }
      this.loading = true;
      const sub = liveQuery(query).subscribe({
        next: (v) => {
          this.value = v;
          this.loading = false;
          this.error = null;
        },
        error: (e: unknown) => {
          this.error = e instanceof Error ? e.message : String(e);
          this.loading = false;
        },
      });
      return () => sub.unsubscribe();
    });
  }
}
