/**
 * Putting the overlay on pages: registered for the sites the assessor enabled (those
 * whose permission was granted), injected once into the current tab when invoked there,
 * and its second, larger part injected into a frame on first use.
 */
import type { OverlayCommand } from '../../lib/messaging/envelope';

const OVERLAY = '/overlay.js';
const OVERLAY_UI = '/content-scripts/overlay-ui.js';
const REGISTRATION_ID = 'evidence-mapper-overlay';

/** Registers the overlay for every site whose permission the assessor granted. */
export async function syncSiteRegistrations(): Promise<void> {
  const { origins = [] } = await browser.permissions.getAll();
  const matches = origins.filter((o) => o !== '<all_urls>' || origins.length === 1);
  try {
    const existing = await browser.scripting.getRegisteredContentScripts({ ids: [REGISTRATION_ID] });
    if (existing.length) await browser.scripting.unregisterContentScripts({ ids: [REGISTRATION_ID] });
    if (matches.length === 0) return;
    await browser.scripting.registerContentScripts([
      { id: REGISTRATION_ID, js: [OVERLAY], matches, allFrames: true, runAt: 'document_idle', persistAcrossSessions: true },
    ]);
    // Tabs already open on an enabled site get the overlay now, not at their next load.
    const tabs = await browser.tabs.query({ url: matches });
    await Promise.allSettled(tabs.map((t) => (t.id === undefined ? undefined : injectOverlay(t.id))));
  } catch (e) {
    console.error('Evidence Mapper: could not register the overlay for enabled sites', e);
  }
}

/** Injects the overlay's first part into every frame of a tab (it ignores a second injection). */
export async function injectOverlay(tabId: number): Promise<void> {
  await browser.scripting.executeScript({ target: { tabId, allFrames: true }, files: [OVERLAY] });
}

/** Injects the overlay's second part (palette, painter, anchoring) into one frame. */
export async function injectOverlayUi(tabId: number, frameId: number): Promise<void> {
  await browser.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, files: [OVERLAY_UI] });
}

/** Sends a command to the overlay of a tab's frames. */
export async function sendToOverlay(tabId: number, command: OverlayCommand): Promise<void> {
  await browser.tabs.sendMessage(tabId, command);
}
