/**
 * The background service worker: owns the database. On install and on every start it
 * makes sure the built-in catalogue from data/ is in the database (validated first).
 */
import catalogueJson from '../data/catalogue.json';
import { parseCatalogueJson } from '../lib/catalogue/schema';
import { getDb } from '../lib/db/open';
import { installBuiltInCatalogue } from '../lib/db/catalogue';

export default defineBackground(() => {
  const ready = ensureCatalogue();

  browser.runtime.onInstalled.addListener(() => {
    void ready;
  });

  // Chrome: the toolbar button opens the side panel.
  if (typeof chrome !== 'undefined' && chrome.sidePanel?.setPanelBehavior) {
    chrome.sidePanel.setPanelBehavior({ openPanelOnActionClick: true }).catch((e: unknown) => console.error(e));
  }
});

async function ensureCatalogue(): Promise<void> {
  try {
    const catalogue = parseCatalogueJson(catalogueJson);
    const written = await installBuiltInCatalogue(getDb(), catalogue);
    if (written) console.info(`Evidence Mapper: installed ${written} built-in specifications`);
  } catch (e) {
    console.error('Evidence Mapper: the built-in catalogue could not be installed', e);
  }
}
