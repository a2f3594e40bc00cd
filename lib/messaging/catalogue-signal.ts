/**
 * "The catalogue changed": written to `storage.local` by the page that saved or deleted an
 * imported specification, heard by every overlay (content scripts cannot watch the
 * database, which they never open), which then drops its criteria index so the next
 * palette is built from the catalogue as it now is.
 */
import { browser } from 'wxt/browser';

/** The `storage.local` key the signal is written under. */
export const CATALOGUE_CHANGED_KEY = 'catalogueChangedAt';

/** Tells every overlay the catalogue changed. */
export async function signalCatalogueChanged(now = new Date()): Promise<void> {
  await browser.storage.local.set({ [CATALOGUE_CHANGED_KEY]: now.toISOString() });
}

/** Calls `onChange` whenever the catalogue is signalled as changed; returns the stop. */
export function watchCatalogueChanged(onChange: () => void): () => void {
  const listener = (changes: Record<string, unknown>, area: string) => {
    if (area === 'local' && CATALOGUE_CHANGED_KEY in changes) onChange();
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
