/**
 * What extension pages (side panel, options) ask of tabs: open the page a passage is on
 * (or switch to its tab) and scroll to its highlight; for a document, in the viewer.
 */
import { browser, type Browser } from 'wxt/browser';
import { isDocumentAddress, normalisePageUrl } from '../util/page-url';
import { VIEWER_PAGE } from './server';
import { CHANNEL, type OverlayCommand } from './envelope';

/**
 * A document's passage (its page a `urn:sha256:` address): a viewer tab showing it, if one
 * answers; else a new viewer tab on the URL the document was last opened from, or, for a file
 * opened only from disk, one asking for that file by name.
 */
async function documentTab(address: string, passageId: string, source?: DocumentSource): Promise<{ tab: Browser.tabs.Tab | undefined; found: boolean }> {
  const viewer = browser.runtime.getURL(VIEWER_PAGE);
  const command: OverlayCommand = { channel: CHANNEL, command: 'reveal', passageId };
  for (const t of await browser.tabs.query({})) {
    if (t.id === undefined || !t.url?.startsWith(viewer)) continue;
    const answer = await browser.tabs.sendMessage(t.id, command).catch(() => undefined);
    if (answer === true) return { tab: t, found: true };
  }
  const known = await source?.(address).catch(() => undefined);
  const target = known?.url ? `${viewer}?url=${encodeURIComponent(known.url)}` : `${viewer}?file=${encodeURIComponent(known?.fileName ?? '')}`;
  return { tab: await browser.tabs.create({ url: target, active: true }), found: false };
}

/** Where a document (by its address) can be opened again: the URL it was last opened from, or its file name. */
export type DocumentSource = (address: string) => Promise<{ url?: string; fileName?: string } | undefined>;

/**
 * Opens (or switches to) the page and reveals the passage; resolves to whether it was found.
 * `source` says where a document's passage can be opened (the caller reads the database).
 */
export async function openEvidence(url: string, passageId: string, source?: DocumentSource): Promise<boolean> {
  if (isDocumentAddress(url)) {
    const { tab, found } = await documentTab(url, passageId, source);
    if (tab?.id !== undefined && found) {
      await browser.tabs.update(tab.id, { active: true });
      if (tab.windowId !== undefined) await browser.windows.update(tab.windowId, { focused: true }).catch(() => undefined);
      return true;
    }
    return tab?.id === undefined ? false : revealIn(tab.id, passageId);
  }
  const wanted = normalisePageUrl(url);
  const tabs = await browser.tabs.query({});
  let tab = tabs.find((t) => t.url && safeNormalise(t.url) === wanted);
  if (tab?.id !== undefined) {
    await browser.tabs.update(tab.id, { active: true });
    if (tab.windowId !== undefined) await browser.windows.update(tab.windowId, { focused: true }).catch(() => undefined);
  } else {
    tab = await browser.tabs.create({ url, active: true });
  }
  return revealIn(tab.id!, passageId);
}

/** Asks the tab's overlay to reveal the passage, again for a while (it may still be loading). */
async function revealIn(tabId: number, passageId: string): Promise<boolean> {
  const command: OverlayCommand = { channel: CHANNEL, command: 'reveal', passageId };
  // The overlay may still be loading (a long document's pages too): ask again for some seconds.
  for (let i = 0; i < 60; i++) {
    try {
      if ((await browser.tabs.sendMessage(tabId, command)) === true) return true;
    } catch {
      // No overlay in the tab yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

/** Asks the overlay of every tab on the page to fetch its highlights again (after an edit made in the panel). */
export async function refreshPage(url: string): Promise<void> {
  const wanted = safeNormalise(url);
  const tabs = await browser.tabs.query({});
  const command: OverlayCommand = { channel: CHANNEL, command: 'refresh' };
  await Promise.allSettled(tabs.filter((t) => t.id !== undefined && t.url && safeNormalise(t.url) === wanted).map((t) => browser.tabs.sendMessage(t.id!, command)));
}

function safeNormalise(u: string): string | null {
  try {
    return normalisePageUrl(u);
  } catch {
    return null;
  }
}
