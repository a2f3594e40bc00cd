/**
 * The background service worker: owns the database, answers the overlay's messages,
 * and wires the browser's entry points (toolbar button, context menu, keyboard command,
 * site permissions) to the overlay.
 */
import catalogueJson from '../../data/catalogue.json';
import { parseCatalogueJson } from '../../lib/catalogue/schema';
import { getDb } from '../../lib/db/open';
import { installBuiltInCatalogue } from '../../lib/db/catalogue';
import { listen } from '../../lib/messaging/server';
import { CHANNEL } from '../../lib/messaging/envelope';
import { FRAME_PAGE, relayFrameMessage } from '../../lib/messaging/frame';
import { createHandlers } from './handlers';
import { injectOverlay, sendToOverlay, syncSiteRegistrations } from './overlay';
import { autoBackups } from './auto-backup';
import { createViewerMenus, onViewerMenu, openInViewer, pdfShownIn } from './viewer';
import { VIEWER_PAGE } from '../../lib/messaging/server';
import { teamSync } from './team-sync';

export default defineBackground(() => {
  const ready = ensureCatalogue();
  const backups = autoBackups(getDb(), ready);
  listen(createHandlers(getDb(), ready, { saved: backups.changed, failed: backups.writeFailed }));
  // Team sharing through the centre's CouchDB (Settings > Team sharing).
  teamSync(getDb(), ready);
  // The overlay's frame channel: content script to its frames and back, through here.
  const own = { id: browser.runtime.id, frameUrl: browser.runtime.getURL(FRAME_PAGE), viewerUrl: browser.runtime.getURL(VIEWER_PAGE) };
  browser.runtime.onMessage.addListener((m: unknown, sender) => relayFrameMessage(m, sender, own, (tabId, msg) => browser.tabs.sendMessage(tabId, msg)));

  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus.create({ id: 'tag-selection', title: 'Tag selection with criteria\u2026', contexts: ['selection'] });
    createViewerMenus();
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === 'tag-selection' && tab?.id !== undefined) void openPalette(tab);
    else onViewerMenu(info, tab);
  });
  browser.commands.onCommand.addListener((command, tab) => {
    if (command === 'tag-selection' && tab?.id !== undefined) void openPalette(tab);
  });

  // The toolbar button opens the panel: Chrome's side panel, Firefox's sidebar (toggled, as
  // Firefox's own sidebar buttons do). The Firefox build has no sidePanel code at all.
  if (import.meta.env.FIREFOX) {
    const ff = browser as unknown as { browserAction: { onClicked: { addListener(f: () => void): void } }; sidebarAction: { toggle(): Promise<void> } };
    ff.browserAction.onClicked.addListener(() => void ff.sidebarAction.toggle().catch((e: unknown) => console.error(e)));
  } else if (typeof chrome !== 'undefined' && chrome.sidePanel?.setPanelBehavior) {
    chrome.sidePanel.setPanelBehavior({ openPanelOnActionClick: true }).catch((e: unknown) => console.error(e));
  }

  void syncSiteRegistrations();
  browser.permissions.onAdded.addListener(() => void syncSiteRegistrations());
  browser.permissions.onRemoved.addListener(() => void syncSiteRegistrations());
});

/**
 * Opens the palette on the tab's selection, injecting the overlay first if it is not there.
 * A PDF in the browser's own viewer opens in Evidence Mapper's instead (its selection is out
 * of the overlay's reach); the document viewer, an extension page, has the overlay already.
 */
async function openPalette(tab: { id?: number; url?: string; index?: number; windowId?: number }): Promise<void> {
  const tabId = tab.id!;
  try {
    const pdf = await pdfShownIn(tab);
    if (pdf) return await openInViewer(pdf, tab);
    await injectOverlay(tabId).catch((e: unknown) => console.debug('Evidence Mapper: overlay not injected (the viewer has its own)', e));
    await sendToOverlay(tabId, { channel: CHANNEL, command: 'open-palette' });
  } catch (e) {
    console.error('Evidence Mapper: could not open the palette on this tab', e);
  }
}

async function ensureCatalogue(): Promise<void> {
  const catalogue = parseCatalogueJson(catalogueJson);
  const written = await installBuiltInCatalogue(getDb(), catalogue);
  if (written) console.info(`Evidence Mapper: installed ${written} built-in specifications`);
}
