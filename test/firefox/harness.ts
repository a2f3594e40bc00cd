/**
 * Firefox end-to-end harness: Debian's firefox-esr (/usr/bin/firefox-esr, apt) driven by
 * puppeteer-core over WebDriver BiDi, with the built Firefox package (.output/firefox-mv2)
 * installed as a temporary add-on. Never downloads a browser. Pages are served on 127.0.0.1
 * (test/e2e/harness.ts's server); every host name resolves to 127.0.0.1, so nothing leaves
 * the machine and a test can use a site that is not granted at install.
 *
 * BiDi will not navigate a tab to a moz-extension:// URL, but a page may: a 127.0.0.1 page
 * opens the extension's web-accessible frame page, which then opens the page wanted
 * (options.html, sidepanel.html) at the extension's origin.
 */
import puppeteer, { type Browser, type Frame, type Page } from 'puppeteer-core';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../e2e/harness';

export { ROOT, serveStatic, type StaticServer } from '../e2e/harness';
export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
/** The built add-on; FIREFOX_EXTENSION_DIR may name another build (e.g. an older commit's, to see a test fail on it). */
export const FIREFOX_EXTENSION_DIR = process.env.FIREFOX_EXTENSION_DIR ?? join(ROOT, '.output', 'firefox-mv2');
/** The add-on's id (wxt.config.ts, browser_specific_settings.gecko.id). */
export const ADDON_ID = 'evidence-mapper@example.org';

export interface Firefox {
  browser: Browser;
  /** The add-on's moz-extension:// origin, e.g. moz-extension://3f1e…/ */
  origin: string;
  close(): Promise<void>;
}

/**
 * Launches headless firefox-esr on a new profile with the built add-on installed.
 * `downloadDir`: where downloads are saved without a dialog.
 */
export async function launchFirefox(options: { downloadDir?: string } = {}): Promise<Firefox> {
  if (!existsSync(join(FIREFOX_EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`No Firefox build at ${FIREFOX_EXTENSION_DIR}: run "npm run build:firefox" first.`);
  }
  if (!existsSync(FIREFOX)) throw new Error(`No Firefox at ${FIREFOX}: apt-get install firefox-esr (or set FIREFOX_PATH).`);
  const uuid = randomUUID();
  const prefs: Record<string, unknown> = {
    // The add-on's origin is known in advance, so tests can open its pages.
    'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: uuid }),
    // A headless browser cannot show the permission door-hanger: a request is granted as if
    // the user had pressed Allow (the request itself, from a click, is what is tested).
    'extensions.webextOptionalPermissionPrompts': false,
    // Every host name is 127.0.0.1: nothing leaves the machine.
    'network.dns.forceResolve': '127.0.0.1',
    'network.proxy.type': 0,
    'browser.shell.checkDefaultBrowser': false,
    'devtools.console.stdout.content': !!process.env.FIREFOX_DUMPIO,
  };
  if (options.downloadDir) {
    Object.assign(prefs, {
      'browser.download.folderList': 2,
      'browser.download.dir': options.downloadDir,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
      'browser.download.start_downloads_in_tmp_dir': false,
      'browser.download.alwaysOpenPanel': false,
      'browser.download.panel.shown': true,
    });
  }
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    protocol: 'webDriverBiDi',
    extraPrefsFirefox: prefs,
    dumpio: !!process.env.FIREFOX_DUMPIO,
  });
  try {
    await browser.installExtension(FIREFOX_EXTENSION_DIR);
  } catch (e) {
    await browser.close();
    throw e;
  }
  return { browser, origin: `moz-extension://${uuid}/`, close: () => browser.close() };
}

/**
 * Opens one of the add-on's pages (e.g. 'options.html', 'sidepanel.html?page=…') in a new
 * tab, by way of `via` (a page on a served site) and the web-accessible frame page.
 */
export async function openExtensionPage(ff: Firefox, via: string, path: string): Promise<Page> {
  const page = await ff.browser.newPage();
  await page.goto(via);
  const frameUrl = `${ff.origin}overlay-frame.html`;
  // (A page may add a hash of its own, as options.html does.)
  const at = (url: string) => until(async () => String(await page.evaluate(() => document.readyState === 'complete' && location.href).catch(() => '')).startsWith(url), url);
  await page.evaluate((u) => void (location.href = u), frameUrl);
  await at(frameUrl);
  await page.evaluate((p) => void (location.href = p), path);
  await at(`${ff.origin}${path}`);
  return page;
}

/** Polls `fn` until it returns a truthy value (or throws after `timeout` ms with `what`). */
export async function until<T>(fn: () => Promise<T> | T, what: string, timeout = 20_000): Promise<Exclude<T, null | undefined | false | '' | 0>> {
  const end = Date.now() + timeout;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v as Exclude<T, null | undefined | false | '' | 0>;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`Timed out after ${timeout} ms waiting for ${what}${last ? ` (${String(last)})` : ''}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** Waits until the background has installed the catalogue and registered the overlay (read from an add-on page). */
export async function addonReady(extPage: Page): Promise<void> {
  await until(
    () => extPage.evaluate(async () => {
      const b = (globalThis as unknown as { browser: typeof chrome }).browser;
      return (await b.scripting.getRegisteredContentScripts()).length === 1;
    }),
    'the add-on to register its overlay',
  );
}

/** The overlay's frame of `part` on `page` (its URL's hash names the part), once it exists. */
export async function overlayFrame(page: Page, part: 'dialog' | 'status', timeout = 20_000): Promise<Frame> {
  return until(async () => {
    for (const f of page.frames()) {
      if (f === page.mainFrame()) continue;
      const hash = await f.evaluate(() => location.href).catch(() => '');
      if (hash.includes(`overlay-frame.html#${part}.`)) return f;
    }
    return null;
  }, `the overlay's ${part} frame`, timeout);
}

/** Selects an element's text with the mouse, as a user would; returns what is selected. */
export async function dragSelect(page: Page, selector: string): Promise<string> {
  await page.evaluate((s) => document.querySelector(s)!.scrollIntoView({ block: 'center' }), selector);
  const box = (await (await page.$(selector))!.boundingBox())!;
  await page.mouse.move(box.x + 1, box.y + 4);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width - 2, box.y + box.height - 4, { steps: 8 });
  await page.mouse.up();
  return page.evaluate(() => getSelection()!.toString());
}

/** The text of every range the overlay painted with the CSS Custom Highlight API. */
export function paintedTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const [name, highlight] of CSS.highlights) {
      if (!name.startsWith('evidence-mapper-') || name === 'evidence-mapper-active') continue;
      for (const r of highlight) out.push(r.toString());
    }
    return out.sort();
  });
}

/** Presses Alt+Shift+T (the add-on's "Tag selection" command). */
export async function pressTagShortcut(page: Page): Promise<void> {
  await page.keyboard.down('Alt');
  await page.keyboard.down('Shift');
  await page.keyboard.press('KeyT');
  await page.keyboard.up('Shift');
  await page.keyboard.up('Alt');
}

/** Clicks the element `selector` matches in `frame` (the first whose text includes `text`, if given). */
export async function clickIn(frame: Frame, selector: string, text?: string): Promise<void> {
  const el = await until(async () => {
    for (const h of await frame.$$(selector)) {
      const ok = await h.evaluate((e, t) => (!t || (e.textContent ?? '').includes(t)) && e.getClientRects().length > 0, text ?? '');
      if (ok) return h;
    }
    return null;
  }, `${selector}${text ? ` with "${text}"` : ''}`);
  await el.click();
}

/** Waits for a finished download in `dir` that was not among `known`; returns its path. */
export async function downloaded(dir: string, known: readonly string[]): Promise<string> {
  const { readdir } = await import('node:fs/promises');
  const name = await until(async () => {
    const files = await readdir(dir);
    // Firefox writes `name.part` until the download is done.
    if (files.some((f) => f.endsWith('.part'))) return null;
    return files.find((f) => !known.includes(f)) ?? null;
  }, `a download in ${dir}`);
  return join(dir, name);
}
