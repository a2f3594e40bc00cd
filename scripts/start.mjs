#!/usr/bin/env node
// `npm start`: builds the Chrome extension, serves the demo portfolio on 127.0.0.1 and opens
// Chromium (or Chrome) with Evidence Mapper loaded on it. Where there is no such browser or no
// display, it says so and prints how to load the built extension by hand. Plain Node ESM so it
// runs on a fresh clone before anything else is compiled; playwright-core is the only import.
//
//   node scripts/start.mjs [--no-build] [--no-browser] [--port N]
//
// With CI set, or when stdin is not a terminal and no browser was opened, it exits 0 after
// printing instead of serving until Ctrl+C, so scripts and CI never hang on it.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { homedir, tmpdir } from 'node:os';
import { delimiter, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const DEMO_DIR = join(ROOT, 'test', 'demo-portfolio');
const EXTENSION_DIR = join(ROOT, '.output', 'chrome-mv3');
const FIREFOX_MANIFEST = join(ROOT, '.output', 'firefox-mv2', 'manifest.json');
const FIRST_PORT = 4173;
/** The local CouchDB-protocol server for the demo's team sharing (npm run server), and its demo users. */
const COUCH_PORT = 5984;
const DEMO_USERS = [
  { username: 'demo-assessor', password: 'demo-assessor', role: 'assessor' },
  { username: 'demo-iv', password: 'demo-iv', role: 'iv' },
];

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

function parseArgs(argv) {
  const opts = { build: true, browser: true, port: FIRST_PORT, help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--no-build') opts.build = false;
    else if (a === '--no-browser') opts.browser = false;
    else if (a === '--help' || a === '-h') opts.help = true;
    else if (a === '--port' || a.startsWith('--port=')) {
      const v = a.includes('=') ? a.slice(7) : argv[++i];
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1 || n > 65535) fail(`--port needs a port number, got "${v}".`);
      opts.port = n;
    } else fail(`Unknown option "${a}". Try: node scripts/start.mjs --help`);
  }
  return opts;
}

function fail(message) {
  console.error(`\nnpm start: ${message}`);
  process.exit(1);
}

const isCI = () => !!process.env.CI && !['0', 'false'].includes(process.env.CI.toLowerCase());

/** Runs `npx wxt build` in the project, showing its output; stops with a clear message on failure. */
function build() {
  console.log('Building Evidence Mapper for Chrome (npx wxt build)...\n');
  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
  const result = spawnSync(npx, ['wxt', 'build'], {
    cwd: ROOT,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (result.error) fail(`could not run "npx wxt build": ${result.error.message}. Is Node's npx on your PATH, and did "npm install" finish?`);
  if (result.status !== 0) {
    fail(`the extension build failed ("npx wxt build" exited with ${result.status ?? result.signal}). Fix the errors above, then run "npm start" again.`);
  }
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    fail(`the build finished but there is no ${join(EXTENSION_DIR, 'manifest.json')}.`);
  }
}

/** Serves `dir` on 127.0.0.1 from `port`, trying the next ports when one is taken. */
async function serve(dir, port) {
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
      let file = normalize(join(dir, path));
      // Nothing outside the demo folder is served, whatever the URL says.
      if (file !== dir && !file.startsWith(dir + sep)) throw new Error('outside');
      if (statSync(file).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
      });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Not found');
    }
  });
  for (let p = port; p < port + 50 && p <= 65535; p++) {
    const ok = await new Promise((done, reject) => {
      const onError = (err) => {
        server.off('listening', onListening);
        if (err.code === 'EADDRINUSE' || err.code === 'EACCES') done(false);
        else reject(err);
      };
      const onListening = () => {
        server.off('error', onError);
        done(true);
      };
      server.once('error', onError);
      server.once('listening', onListening);
      server.listen(p, '127.0.0.1');
    });
    if (ok) return { server, url: `http://127.0.0.1:${p}/` };
  }
  fail(`no free port between ${port} and ${port + 49} on 127.0.0.1.`);
}

function isFile(path) {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Finds Chromium or Chrome: $CHROME_PATH first, then the usual names and places. */
function findBrowser() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (isFile(fromEnv)) return fromEnv;
    console.warn(`CHROME_PATH is set to ${fromEnv}, but there is no such file; looking elsewhere.`);
  }
  const candidates = [];
  if (process.platform === 'darwin') {
    for (const base of ['/Applications', join(homedir(), 'Applications')]) {
      candidates.push(
        join(base, 'Chromium.app/Contents/MacOS/Chromium'),
        join(base, 'Google Chrome.app/Contents/MacOS/Google Chrome'),
      );
    }
  } else if (process.platform === 'win32') {
    const roots = [process.env.LOCALAPPDATA, process.env.PROGRAMFILES, process.env['PROGRAMFILES(X86)']].filter(Boolean);
    for (const r of roots) {
      candidates.push(join(r, 'Chromium', 'Application', 'chrome.exe'), join(r, 'Google', 'Chrome', 'Application', 'chrome.exe'));
    }
  } else {
    const dirs = [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), '/usr/bin', '/usr/local/bin', '/snap/bin'];
    for (const name of ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']) {
      for (const d of dirs) candidates.push(join(d, name));
    }
  }
  return candidates.find(isFile) ?? null;
}

function hasDisplay() {
  if (process.platform === 'darwin' || process.platform === 'win32') return true;
  return !!(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

function printManualSteps(url) {
  const demoFile = pathToFileURL(join(DEMO_DIR, 'index.html')).href;
  console.log(`
How to load Evidence Mapper by hand
  Chrome, Chromium or Edge:
    1. Open chrome://extensions (edge://extensions in Edge).
    2. Turn on "Developer mode" (top right).
    3. Click "Load unpacked" and choose this folder:
         ${EXTENSION_DIR}
  Firefox:
    1. Build for Firefox:  npm run build:firefox
    2. Open about:debugging#/runtime/this-firefox
    3. Click "Load Temporary Add-on..." and choose this file:
         ${FIREFOX_MANIFEST}

The demo portfolio (a learner's page to try it on)
  Served at:  ${url}
  Its files:  ${DEMO_DIR}
              (${demoFile})
`);
}

/**
 * Starts `npm run server` (data in .couch-data/) with the demo users, for the demo's team
 * sharing; resolves with its address, or null (and a note) when it cannot start (the port is
 * taken, another server uses the folder): the demo then works without it.
 */
function startDemoServer() {
  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
  const users = DEMO_USERS.flatMap((u) => ['--user', `${u.username}:${u.password}:${u.role}`]);
  // Its own process group, so stopping it stops npx, tsx and the server under them.
  const child = spawn(npx, ['tsx', 'scripts/server.ts', '--port', String(COUCH_PORT), ...users], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: process.platform !== 'win32' });
  const kill = () => {
    try {
      if (process.platform === 'win32') child.kill();
      else process.kill(-child.pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
  };
  return new Promise((done) => {
    let out = '';
    let settled = false;
    const give = (value) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      done(value);
    };
    const timer = setTimeout(() => {
      kill();
      console.log('The local CouchDB-protocol server did not start within 30 s; the demo goes on without team sharing.');
      give(null);
    }, 30_000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = /server \(express-pouchdb\) at (http:\/\/\S+)/.exec(out);
      if (m && out.includes('Stop with Ctrl+C.')) {
        console.log(`\n${out.trim()}`);
        give({ url: m[1], stop: kill });
      }
    });
    child.stderr.on('data', (chunk) => (out += chunk));
    child.once('exit', () => {
      if (settled) return;
      console.log(`\nThe local CouchDB-protocol server did not start (${out.trim().split('\n').pop() || 'it exited'}); the demo goes on without team sharing.`);
      give(null);
    });
  });
}

/** Opens the browser headed with the extension loaded on the demo page; resolves when it closes. */
async function openBrowser(executablePath, url, couch) {
  const { chromium } = await import('playwright-core');
  const userDataDir = await mkdtemp(join(tmpdir(), 'evidence-mapper-profile-'));
  const isBrandedChrome = /google[- ]chrome/i.test(executablePath) || /Google\\Chrome/i.test(executablePath);
  const args = [
    `--disable-extensions-except=${EXTENSION_DIR}`,
    `--load-extension=${EXTENSION_DIR}`,
    '--no-first-run',
    '--no-default-browser-check',
    '--window-size=1366,900',
  ];
  // Google Chrome 137+ ignores --load-extension unless this feature is switched off; Chromium
  // does not need it. (It replaces Playwright's own --disable-features list, which only matters
  // for automated tests.)
  if (isBrandedChrome) args.push('--disable-features=DisableLoadExtensionCommandLineSwitch');
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  // As root Chromium only runs without its sandbox; --test-type hides the warning bar about it.
  if (isRoot) args.push('--test-type');
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: false,
    viewport: null,
    // Chromium's sandbox cannot run as root; elsewhere keep it, and keep the window free of
    // "controlled by automated software" bars.
    chromiumSandbox: !isRoot,
    ignoreDefaultArgs: ['--enable-automation', '--disable-extensions'],
    // Ctrl+C closes the browser through stop() below, so the temporary profile is removed.
    handleSIGINT: false,
    handleSIGTERM: false,
    args,
  });
  const cleanUp = () => rm(userDataDir, { recursive: true, force: true }).catch(() => {});
  const closed = new Promise((done) => context.once('close', done));

  let worker = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
  if (!worker) {
    worker = await context
      .waitForEvent('serviceworker', { timeout: 10_000, predicate: (w) => w.url().startsWith('chrome-extension://') })
      .catch(() => null);
  }
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(url).catch((err) => console.warn(`Could not open ${url} in the browser: ${err.message}`));

  if (worker && couch) {
    // Team sharing set up for the demo's assessor (Settings > Team sharing), unless already set.
    const settings = { url: couch.url, database: 'team', username: DEMO_USERS[0].username, password: DEMO_USERS[0].password };
    await worker
      .evaluate(async (s) => {
        const got = await chrome.storage.local.get('teamSyncSettings');
        if (!got.teamSyncSettings) await chrome.storage.local.set({ teamSyncSettings: s });
      }, settings)
      .catch((err) => console.warn(`Could not set up team sharing in the browser: ${err.message}`));
  }
  if (worker) {
    const id = new URL(worker.url()).host;
    console.log(`\nOpened ${executablePath} with Evidence Mapper loaded (extension id ${id}) on ${url}`);
    if (couch) console.log(`Team sharing: signed in as ${DEMO_USERS[0].username} on ${couch.url}/team (Settings > Team sharing); a second browser profile can sign in as ${DEMO_USERS[1].username} / ${DEMO_USERS[1].password}.`);
    console.log('Click the Evidence Mapper icon in the toolbar (pin it from the puzzle-piece menu) to open it.');
  } else {
    console.log(`\nOpened ${executablePath} on ${url}, but the browser did not start Evidence Mapper's`);
    console.log('background worker within 10 s, so the extension is probably not loaded (recent Google Chrome');
    console.log('builds ignore --load-extension). Load it by hand in that window:');
    printManualSteps(url);
  }
  console.log('Close the browser window, or press Ctrl+C here, to stop.\n');

  const stop = async () => {
    await context.close().catch(() => {});
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await closed;
  process.off('SIGINT', stop);
  process.off('SIGTERM', stop);
  await cleanUp();
}

function waitForInterrupt() {
  return new Promise((done) => {
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.help) {
    console.log('Usage: node scripts/start.mjs [--no-build] [--no-browser] [--port N]\n' +
      'Builds the Chrome extension, serves the demo portfolio on 127.0.0.1 and opens Chromium with it loaded.');
    return;
  }
  if (!existsSync(join(DEMO_DIR, 'index.html'))) fail(`the demo portfolio is missing (${DEMO_DIR}).`);

  if (opts.build) build();
  else if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) fail(`--no-build was given but nothing is built at ${EXTENSION_DIR}; run "npm run build" first.`);

  const { server, url } = await serve(DEMO_DIR, opts.port);
  console.log(`\nDemo portfolio served at ${url}`);

  const ci = isCI();
  const browser = findBrowser();
  const display = hasDisplay();
  let reason = null;
  if (!opts.browser) reason = 'Not opening a browser (--no-browser).';
  else if (!browser) {
    reason = 'No Chromium or Chrome was found (looked for $CHROME_PATH, chromium, chromium-browser, google-chrome' +
      (process.platform === 'darwin' ? ', /Applications/Chromium.app, /Applications/Google Chrome.app' : '') +
      '), so the extension cannot be opened for you.';
  } else if (!display) {
    reason = `Found ${browser}, but there is no display ($DISPLAY and $WAYLAND_DISPLAY are not set), so no browser window can be opened.`;
  } else if (ci) reason = 'CI is set, so no browser window is opened.';

  if (!reason) {
    // The demo's team sharing defaults to the local server (npm run server).
    const couch = await startDemoServer();
    try {
      await openBrowser(browser, url, couch);
      couch?.stop();
      server.close();
      console.log('Browser closed; stopped serving the demo portfolio.');
      return;
    } catch (err) {
      couch?.stop();
      reason = `Could not open ${browser}: ${err instanceof Error ? err.message.split('\n')[0] : err}`;
    }
  }

  console.log(`\n${reason}`);
  printManualSteps(url);

  if (ci || !process.stdin.isTTY) {
    server.close();
    console.log(`Not waiting (${ci ? 'CI is set' : 'stdin is not a terminal'}): the demo server has stopped. ` +
      'Run "npm start" in a terminal to keep it served until Ctrl+C.');
    return;
  }
  console.log(`Serving the demo portfolio at ${url} until you press Ctrl+C.`);
  await waitForInterrupt();
  server.close();
  console.log('\nStopped.');
}

main().then(
  () => process.exit(0),
  (err) => fail(err instanceof Error ? err.stack ?? err.message : String(err)),
);
