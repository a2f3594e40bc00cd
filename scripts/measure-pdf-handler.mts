// Measures (issue 17, README "PDFs: why a viewer of its own"): does Chromium let this extension handle application/pdf (manifest
// mime_types / mime_types_handler), and can the background read a PDF tab's content type?
import { chromium } from 'playwright-core';
import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM, EXTENSION_DIR, serveStatic } from '../test/e2e/harness';
import { statementPdf } from '../test/fixtures/evidence-documents';

const dir = await mkdtemp(join(tmpdir(), 'pdfh-'));
await writeFile(join(dir, 's.pdf'), await statementPdf());
const server = await serveStatic(dir);
const ext = await mkdtemp(join(tmpdir(), 'pdfh-ext-'));
await cp(EXTENSION_DIR, ext, { recursive: true });
const manifest = JSON.parse(await readFile(join(ext, 'manifest.json'), 'utf8'));
Object.assign(manifest, { mime_types: ['application/pdf'], mime_types_handler: 'viewer.html' });
await writeFile(join(ext, 'manifest.json'), JSON.stringify(manifest));
for (const headless of [true]) {
  const profile = await mkdtemp(join(tmpdir(), 'pdfh-profile-'));
  await mkdir(join(profile, 'Default'), { recursive: true });
  await writeFile(join(profile, 'Default', 'Preferences'), JSON.stringify({ plugins: { always_open_pdf_externally: false }, download: { prompt_for_download: false } }));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless, args: [`--disable-extensions-except=${ext}`, `--load-extension=${ext}`, '--no-sandbox'] });
  const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const version = context.browser()?.version() ?? (await sw.evaluate(() => navigator.userAgent));
  const apis = await sw.evaluate(() => ({
    manifestMimeTypes: (chrome.runtime.getManifest() as { mime_types?: unknown }).mime_types ?? null,
    streamsPrivate: typeof (chrome as unknown as Record<string, unknown>).streamsPrivate,
    mimeHandlerPrivate: typeof (chrome as unknown as Record<string, unknown>).mimeHandlerPrivate,
  }));
  console.log(JSON.stringify({ apis }));
  const page = await context.newPage();
  const resp = await page.goto(`${server.url}/s.pdf`).catch((e) => String(e));
  await page.waitForTimeout(1500);
  const frames = page.frames().map((f) => f.url());
  const probe = await sw.evaluate(async (u) => {
    const [tab] = await chrome.tabs.query({ url: u });
    if (!tab?.id) return 'no tab';
    const kept = (chrome.runtime.getManifest() as { mime_types?: unknown }).mime_types;
    const [r] = await chrome.scripting.executeScript({ target: { tabId: tab.id }, func: () => [document.contentType, location.href, document.querySelector('embed')?.getAttribute('type') ?? null] });
    return { result: r?.result, manifestMimeTypes: kept ?? null };
  }, `${server.url}/s.pdf`);
  const ext2 = await context.newPage();
  await ext2.goto('chrome://extensions');
  const warnings = await ext2.evaluate(async () => {
    const dp = (globalThis as unknown as { chrome: { developerPrivate: { getExtensionsInfo(o: object): Promise<{ name: string; installWarnings: string[]; manifestErrors: { message: string }[] }[]> } } }).chrome.developerPrivate;
    const all = await dp.getExtensionsInfo({ includeDisabled: true, includeTerminated: true });
    return all.map((e) => ({ name: e.name, installWarnings: e.installWarnings, manifestErrors: e.manifestErrors.map((m) => m.message) }));
  }).catch((e) => String(e));
  console.log(JSON.stringify({ warnings }, null, 1));
  console.log(JSON.stringify({ chromium: version, headless, response: typeof resp === 'string' ? resp : resp?.status(), frames, probe }, null, 1));
  await context.close();
}
await server.close();
