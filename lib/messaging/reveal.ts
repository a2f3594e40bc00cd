/**
 * What extension pages (side panel, options) ask of tabs: open the page a passage is on
 * (or switch to its tab) and scroll to its highlight.
 */
import { browser } from 'wxt/browser';
import { normalisePageUrl } from '../util/page-url';
import { CHANNEL, type OverlayCommand } from './envelope';

/** Opens (or switches to) the page and reveals the passage; resolves to whether it was found. */
export async function openEvidence(url: string, passageId: string): Promise<boolean> {
  const wanted = normalisePageUrl(url);
  const tabs = await browser.tabs.query({});
  let tab = tabs.find((t) => t.url && safeNormalise(t.url) === wanted);
  if (tab?.id !== undefined) {
    await browser.tabs.update(tab.id, { active: true });
    if (tab.windowId !== undefined) await browser.windows.update(tab.windowId, { focused: true }).catch(() => undefined);
  } else {
    tab = await browser.tabs.create({ url, active: true });
  }
  const tabId = tab.id!;
  const command: OverlayCommand = { channel: CHANNEL, command: 'reveal', passageId };
  // The overlay may still be loading: ask again for a few seconds.
  for (let i = 0; i < 40; i++) {
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
