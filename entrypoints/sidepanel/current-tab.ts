/**
 * Which web page the panel sits beside, followed as the assessor switches tabs or
 * navigates. A `?page=` parameter fixes it (the panel opened as a tab, e.g. by a test or
 * from the options page); otherwise the active tab of the panel's window, or, when that is
 * the panel itself or no web page, the web page tab used most recently.
 */
import { browser, type Browser } from 'wxt/browser';

export interface PageTab {
  url: string;
  title: string;
}

const isWeb = (url: string | undefined): url is string => !!url && /^https?:\/\//.test(url);

async function currentPage(): Promise<PageTab | null> {
  const [active] = await browser.tabs.query({ active: true, currentWindow: true });
  if (isWeb(active?.url)) return { url: active.url, title: active.title ?? '' };
  const tabs = (await browser.tabs.query({})).filter((t) => isWeb(t.url));
  type WithAccess = Browser.tabs.Tab & { lastAccessed?: number };
  tabs.sort((a, b) => ((b as WithAccess).lastAccessed ?? 0) - ((a as WithAccess).lastAccessed ?? 0));
  const recent = tabs[0];
  return recent ? { url: recent.url!, title: recent.title ?? '' } : null;
}

/** Calls `onChange` with the page now and whenever it changes; returns a cleanup. */
export function followCurrentTab(onChange: (page: PageTab | null) => void): () => void {
  const fixed = new URLSearchParams(location.search).get('page');
  if (fixed && isWeb(fixed)) {
    onChange({ url: fixed, title: '' });
    return () => undefined;
  }
  let stopped = false;
  const refresh = () => void currentPage().then((p) => !stopped && onChange(p), () => !stopped && onChange(null));
  const onUpdated = (_id: number, info: { url?: string; status?: string; title?: string }) => {
    if (info.url || info.status === 'complete' || info.title) refresh();
  };
  browser.tabs.onActivated.addListener(refresh);
  browser.tabs.onUpdated.addListener(onUpdated);
  browser.windows.onFocusChanged.addListener(refresh);
  refresh();
  return () => {
    stopped = true;
    browser.tabs.onActivated.removeListener(refresh);
    browser.tabs.onUpdated.removeListener(onUpdated);
    browser.windows.onFocusChanged.removeListener(refresh);
  };
}

/** What asking for a site's permission came to, in words for the panel. */
export type EnableResult = { ok: boolean; message: string };

/**
 * Asks the browser to let the overlay run on the page's site. Must be called straight from
 * a click handler (the browser only asks during a user gesture); the background registers
 * the overlay once the permission is granted.
 */
export function enableSite(pageUrl: string): Promise<EnableResult> {
  const host = new URL(pageUrl).host;
  // No await before request(): it would end the user gesture.
  return browser.permissions.request({ origins: [sitePattern(pageUrl)] }).then(
    (granted) =>
      granted
        ? { ok: true, message: `Evidence Mapper is enabled on ${host}. Select text on the page and choose “Tag”.` }
        : { ok: false, message: `Not enabled: the browser's permission for ${host} was declined. Press the button again to be asked again.` },
    (e: unknown) => ({ ok: false, message: `Could not enable ${host}: ${e instanceof Error ? e.message : String(e)}` }),
  );
}

/** Whether the overlay may already run on the page's site (its permission is granted). */
export function siteEnabled(pageUrl: string): Promise<boolean> {
  return browser.permissions.contains({ origins: [sitePattern(pageUrl)] });
}

/**
 * The match pattern for a page's site: its scheme and host name, every port. A pattern has
 * no port in Firefox (one with a port is granted there but matches no page, so a site on
 * e.g. :8080 was "enabled" and the overlay never came); Chrome's without a port matches them all.
 */
export function sitePattern(pageUrl: string): string {
  const url = new URL(pageUrl);
  return `${url.protocol}//${url.hostname}/*`;
}
