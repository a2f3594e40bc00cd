/**
 * The catalogue as live state for extension pages: follows the database with liveQuery,
 * so a catalogue written by the background on install appears without a reload. Create it
 * while a component initialises: it lives and dies with that component.
 */
import type { Specification } from '../catalogue/model';
import { getSpecifications } from '../db/catalogue';
import { getDb } from '../db/open';
import { LiveQuery } from './live.svelte';

/** Live list of the catalogue's specifications, with loading and error state. */
export class CatalogueState {
  // LiveQuery keeps its value as $state.raw: the catalogue is large and never edited in
  // place, so it is not worth a deep proxy.
  #query = new LiveQuery(() => () => getSpecifications(getDb()));
  readonly specifications = $derived<Specification[]>(this.#query.value ?? []);
  /** The database has answered once (with the catalogue or an error). */
  readonly loaded = $derived(!this.#query.loading);
  readonly error = $derived(this.#query.error);
}
