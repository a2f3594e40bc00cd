/**
 * Shared end-to-end harness: a static file server on 127.0.0.1 and real Chromium
 * (Debian's /usr/bin/chromium) launched by playwright-core, with or without the built
 * extension. Never downloads a browser.
 */
import { createServer, type Server } from 'node:http';
import { cp, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { existsSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const ROOT = resolve(new URL('../..', import.meta.url).pathname);
export const SHARED = resolve(ROOT, '..', 'shared');
export const EXTENSION_DIR = join(ROOT, '.output', 'chrome-mv3');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.pdf': 'application/pdf',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves `dir` on 127.0.0.1 at a free port. `transform` may rewrite HTML (e.g. strip scripts).
 */
export async function serveStatic(
  dir: string,
  transform?: (path: string, html: string) => string,
): Promise<StaticServer> {
  const server: Server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      let file = normalize(join(dir, path));
      if (!file.startsWith(dir)) throw new Error('outside');
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      let body: Buffer | string = await readFile(file);
      const type = TYPES[extname(file)] ?? 'application/octet-stream';
      if (transform && extname(file) === '.html') body = transform(file, body.toString('utf8'));
      res.writeHead(200, { 'content-type': type });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Chromium's flags. Every host name resolves to nothing but 127.0.0.1 and the `hosts`
 * given, which map to 127.0.0.1 too (so a test can serve a plain-http site that is not
 * localhost, hence not a secure context): nothing leaves the machine.
 */
function baseArgs(hosts: readonly string[] = []): string[] {
  const rules = [...hosts.map((h) => `MAP ${h} 127.0.0.1`), 'MAP * ~NOTFOUND', 'EXCLUDE 127.0.0.1'].join(' , ');
  return [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    `--host-resolver-rules=${rules}`,
  ];
}

/** Launches headless Chromium with no extension (for library tests on real pages). */
export async function launchBrowser(): Promise<BrowserContext> {
  return chromium.launchPersistentContext('', { executablePath: CHROMIUM, headless: true, args: baseArgs() });
}

/**
 * Launches headless Chromium with the built extension loaded; returns its id too. `hosts`
 * (e.g. `evidence.test`) resolve to 127.0.0.1 and are enabled as an assessor would enable a
 * site: a copy of the build whose manifest grants `http://<host>/*` at install, as it does
 * for 127.0.0.1 (a permission prompt cannot be answered in a headless browser).
 * `userDataDir` is the profile's directory, for a test that restarts the browser on it.
 */
export async function launchWithExtension(options: { hosts?: readonly string[]; userDataDir?: string } = {}): Promise<{ context: BrowserContext; extensionId: string }> {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`No built extension at ${EXTENSION_DIR}: run "npm run build" first.`);
  }
  const hosts = options.hosts ?? [];
  let dir = EXTENSION_DIR;
  if (hosts.length) {
    dir = await mkdtemp(join(tmpdir(), 'evidence-mapper-ext-'));
    await cp(EXTENSION_DIR, dir, { recursive: true });
    const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as { host_permissions: string[] };
    manifest.host_permissions.push(...hosts.map((h) => `http://${h}/*`));
    await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest));
  }
  // '' is a new temporary profile; a directory keeps the profile between launches (a restart).
  const context = await chromium.launchPersistentContext(options.userDataDir ?? '', {
    executablePath: CHROMIUM,
    headless: true,
    args: [`--disable-extensions-except=${dir}`, `--load-extension=${dir}`, ...baseArgs(hosts)],
  });
  if (dir !== EXTENSION_DIR) context.on('close', () => void rm(dir, { recursive: true, force: true }));
  let [worker] = context.serviceWorkers();
  if (!worker) worker = await context.waitForEvent('serviceworker');
  const extensionId = new URL(worker.url()).host;
  return { context, extensionId };
}
