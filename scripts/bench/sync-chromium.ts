/**
 * Team sharing at scale in real Chromium with the built extension (issue 15, point 6):
 * 1. the local server (express-pouchdb, data in a temporary folder) gets a team database of
 *    SYNC_CHROMIUM_PASSAGES passages x 5 criteria (default 20,000 = 100,000 mappings) over
 *    SYNC_CHROMIUM_LEARNERS learners (default passages / 4, at most 5,000: the issue's team)
 *    on max(learners, passages / 10) pages, written from Node with `_bulk_docs` in the
 *    documents' own shape (lib/sync/docs.ts toDocs): the assessor ann's, and 10 passages of
 *    bob, the assessor whose new, empty profile syncs;
 * 2. that profile (Debian's /usr/bin/chromium, headless, the build in .output/chrome-mv3) has
 *    a web page open on 127.0.0.1 with the overlay, and the side panel page in a tab, where
 *    Settings > Team sharing is filled in and "Save and sync" clicked, as test/e2e/sync.test.ts
 *    does. During the first sync the bench measures:
 *    - the time from the click until every passage is in the profile's Dexie (counted in the
 *      service worker on the sheets' `passageIds` index, every 250 ms);
 *    - each page's main thread: a 20 ms `setInterval` whose lateness is a block, and the
 *      `longtask` PerformanceObserver's entries; the same for 15 s before the sync (the
 *      baseline), and a separate idle Node process's 20 ms timer over both, so a block the
 *      whole machine had (a shared, loaded machine starves every process at once) is told
 *      apart from one of the page's own;
 *    - the background's answer to the overlay's ordinary request (`overlay/hello`), sent every
 *      200 ms from the overlay's own content-script world (CDP Runtime.evaluate there);
 *    - the service worker's JS heap (CDP Runtime.getHeapUsage on the worker target, every
 *      250 ms: a worker target has no Performance domain) and the RSS of the extension's renderer process (/proc; it also
 *      runs the side panel page);
 * 3. once the runs after the first have settled (the next run's push checks every pulled
 *    document against the server: its time is printed too; settled = a run under 2 s), ten of ann's passages changed on
 *    the server from Node, until they are in the profile's Dexie; ten of bob's changed in the
 *    profile (the overlay's `passage/update`), until the server has them;
 * 4. the worker's heap while idle, after CDP HeapProfiler.collectGarbage.
 *
 *   npm run bench -- sync-chromium            (SYNC_CHROMIUM_PASSAGES=2000 for a quick run;
 *                                              SYNC_CHROMIUM_PROFILE=dir writes the pages' CPU profiles)
 *
 * One file over 400 lines: one scripted session (server, profile, pages, probes, the four
 * phases) whose parts share the browser, its CDP sessions and the timers; split, each part
 * would take them all as arguments.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type CDPSession, type Page, type Worker } from 'playwright-core';
import puppeteer, { type CDPSession as WorkerSession } from 'puppeteer-core';
import { startCouchServer } from '../lib/couch-server';
import { benchRecords } from '../lib/sync-records';
import { toDocs, type SyncDoc } from '../../lib/sync/docs';
import { basicAuth, installDesign, putUser, type Credentials } from '../../lib/sync/design';
import { CHROMIUM, EXTENSION_DIR, ROOT, SHARED, serveStatic } from '../../test/e2e/harness';

const CRITERIA = ['1.1', '1.2', '1.3', '1.4', '1.5'].map((c) => `edi-l2:CU795:${c}`);
const QUALIFICATION = 'edi-l2:500/9378/2';
const TEAM = 'team';
const CHANGED = 10;

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const mb = (bytes: number) => `${Math.round(bytes / 1048576)} MB`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)] : NaN;
};
const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] : NaN;
};

/** Resident memory of the extension's renderer processes of the browser started on `userDataDir` (bytes), from /proc. */
function extensionRss(userDataDir: string): number {
  const procs = new Map<number, { ppid: number; cmd: string; rss: number }>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').join(' ');
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const rss = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${name}/status`, 'utf8'))?.[1] ?? 0) * 1024;
      procs.set(Number(name), { ppid, cmd, rss });
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  const browserPid = [...procs].find(([, p]) => p.cmd.includes(`--user-data-dir=${userDataDir}`) && !p.cmd.includes('--type='))?.[0];
  if (browserPid === undefined) return 0;
  const under = (pid: number): boolean => {
    for (let p = procs.get(pid), n = 0; p && n < 10; p = procs.get(p.ppid), n++) if (p.ppid === browserPid) return true;
    return false;
  };
  let total = 0;
  for (const [pid, p] of procs) if (p.cmd.includes('--type=renderer') && p.cmd.includes('--extension-process') && under(pid)) total += p.rss;
  return total;
}

/** A main-thread monitor in a page: a 20 ms interval's lateness and the longtask entries, since the last reset. */
const installMonitor = () => {
  const m = { maxLate: 0, maxLateAt: 0, over100: 0, long: [] as [number, number][], t0: performance.now() };
  (globalThis as unknown as { __mon: typeof m }).__mon = m;
  let last = performance.now();
  setInterval(() => {
    const now = performance.now();
    const late = now - last - 20;
    if (late > m.maxLate) {
      m.maxLate = late;
      m.maxLateAt = now - m.t0;
    }
    if (late > 100) m.over100++;
    last = now;
  }, 20);
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) m.long.push([e.startTime - m.t0, e.duration]);
  }).observe({ type: 'longtask' });
  return document.visibilityState;
};
const resetMonitor = () => {
  const m = (globalThis as unknown as { __mon: { maxLate: number; maxLateAt: number; over100: number; long: [number, number][]; t0: number } }).__mon;
  Object.assign(m, { maxLate: 0, maxLateAt: 0, over100: 0, long: [], t0: performance.now() });
};
const readMonitor = () => {
  const m = (globalThis as unknown as { __mon: { maxLate: number; maxLateAt: number; over100: number; long: [number, number][]; t0: number } }).__mon;
  // Wall-clock start of each long task, to line up with the machine's stalls.
  return { ...m, long: m.long.filter(([at]) => at >= 0), visibility: document.visibilityState, wall0: performance.timeOrigin + m.t0 };
};
type Monitor = ReturnType<typeof readMonitor>;

/**
 * A reference for the machine's own stalls: a separate, idle Node process whose 20 ms timer
 * is late only when the machine cannot run it. Its stalls over 50 ms, as wall-clock spans.
 */
function machineStalls(): { stop(): Promise<[number, number][]> } {
  const child = spawn(process.execPath, ['-e', `
    const stalls = []; let last = Date.now();
    setInterval(() => { const now = Date.now(); if (now - last - 20 > 50) stalls.push([last + 20, now]); last = now; }, 20);
    process.on('message', () => { process.send(stalls, () => process.exit(0)); });
  `], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  return {
    stop: () => new Promise((ok) => {
      child.once('message', (m) => ok(m as [number, number][]));
      child.send('stop');
    }),
  };
}

/** The long tasks over 100 ms that overlap none of the machine's stalls. */
const ownBlocks = (m: Monitor, stalls: [number, number][]) =>
  m.long.filter(([at, d]) => d > 100 && !stalls.some(([a, b]) => m.wall0 + at < b && m.wall0 + at + d > a));

function describeMonitor(name: string, m: Monitor, stalls: [number, number][]): string {
  const long = [...m.long].sort((a, b) => b[1] - a[1]);
  const over = long.filter(([, d]) => d > 100);
  const worst = long.slice(0, 3).map(([at, d]) => `${Math.round(d)} ms at ${s(at)}`).join(', ');
  const own = ownBlocks(m, stalls);
  return `${name} (${m.visibility}): longest timer delay ${Math.round(m.maxLate)} ms (20 ms setInterval, at ${s(m.maxLateAt)}; ${m.over100} over 100 ms); longtasks ${long.length}, ${over.length} over 100 ms${worst ? `, longest ${worst}` : ''}; over 100 ms and not during a machine stall: ${own.length ? own.map(([at, d]) => `${Math.round(d)} ms at ${s(at)}`).join(', ') : 'none'}`;
}

/** The overlay's content-script world in a page: its CDP execution context. */
async function overlayWorld(page: Page, context: BrowserContext): Promise<{ cdp: CDPSession; contextId: number }> {
  const cdp = await context.newCDPSession(page);
  const worlds: { id: number; name: string; auxData?: { type?: string } }[] = [];
  cdp.on('Runtime.executionContextCreated', (e: { context: { id: number; name: string; auxData?: { type?: string } } }) => worlds.push(e.context));
  await cdp.send('Runtime.enable');
  for (let i = 0; i < 100; i++) {
    const world = worlds.find((w) => w.auxData?.type === 'isolated' && w.name === 'Evidence Mapper');
    if (world) return { cdp, contextId: world.id };
    await sleep(100);
  }
  throw new Error("The overlay's content script did not start on the web page within 10 s.");
}

async function inWorld<T>(world: { cdp: CDPSession; contextId: number }, expression: string): Promise<T> {
  const r = (await world.cdp.send('Runtime.evaluate', { expression, contextId: world.contextId, awaitPromise: true, returnByValue: true })) as { result: { value: T }; exceptionDetails?: { text: string; exception?: { description?: string } } };
  if (r.exceptionDetails) throw new Error(r.exceptionDetails.exception?.description ?? r.exceptionDetails.text);
  return r.result.value;
}

/** The background's answer time to `overlay/hello`, sent from the overlay's world every 200 ms until stopped. */
const LATENCY_START = `(() => {
  const g = globalThis;
  g.__lat = []; g.__latOn = true;
  const envelope = { channel: 'evidence-mapper', type: 'overlay/hello', payload: { url: location.href, title: 'Bench page' } };
  (async () => {
    while (g.__latOn) {
      const t = performance.now();
      const reply = await chrome.runtime.sendMessage(envelope);
      g.__lat.push({ at: t, ms: performance.now() - t, ok: !!(reply && reply.ok) });
      await new Promise((r) => setTimeout(r, 200));
    }
  })();
  return true;
})()`;
const LATENCY_STOP = `(() => { globalThis.__latOn = false; return globalThis.__lat; })()`;

/** In the service worker: how many passages the profile's Dexie holds, and the sync state. */
const countInWorker = async () => {
  const g = globalThis as unknown as { __benchDb?: IDBDatabase };
  if (!g.__benchDb)
    g.__benchDb = await new Promise<IDBDatabase>((ok, fail) => {
      const r = indexedDB.open('evidence-mapper');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
  const db = g.__benchDb;
  const count = await new Promise<number>((ok, fail) => {
    const r = db.transaction('sheets').objectStore('sheets').index('passageIds').count();
    r.onsuccess = () => ok(r.result);
    r.onerror = () => fail(r.error);
  });
  const state = ((await chrome.storage.local.get('teamSyncState')).teamSyncState ?? null) as { status: string; message?: string; pulled?: number } | null;
  return { count, status: state?.status ?? 'none', message: state?.message ?? '' };
};

/** In the service worker: these passages' quotes in Dexie (undefined where not there). */
const quotesInWorker = async (ids: string[]) => {
  const db = (globalThis as unknown as { __benchDb: IDBDatabase }).__benchDb;
  const tx = db.transaction('sheets');
  const index = tx.objectStore('sheets').index('passageIds');
  return Promise.all(
    ids.map(
      (id) =>
        new Promise<string | undefined>((ok) => {
          const r = index.get(id);
          r.onsuccess = () => ok((r.result as { passages: { id: string; quote: string }[] } | undefined)?.passages.find((p) => p.id === id)?.quote);
          r.onerror = () => ok(undefined);
        }),
    ),
  );
};

/** In the service worker: every sync state written from now on, with the time (Date.now()). */
const logStatesInWorker = () => {
  const g = globalThis as unknown as { __states: { t: number; status: string; pushed?: number; pulled?: number }[] };
  g.__states = [];
  chrome.storage.onChanged.addListener((changes, area) => {
    const next = changes.teamSyncState?.newValue as { status: string; pushed?: number; pulled?: number } | undefined;
    if (area === 'local' && next) g.__states.push({ t: Date.now(), status: next.status, pushed: next.pushed, pulled: next.pulled });
  });
};
const statesInWorker = () => (globalThis as unknown as { __states: { t: number; status: string; pushed?: number; pulled?: number }[] }).__states;

/** The sync runs (syncing -> synced) that ended after `since`, each with its length and what it moved. */
function runsAfter(states: { t: number; status: string; pushed?: number; pulled?: number }[], since: number) {
  const runs: { start: number; ms: number; pushed: number; pulled: number }[] = [];
  let start: number | undefined;
  for (const st of states) {
    if (st.status === 'syncing') start = st.t;
    else if (start !== undefined) {
      if (st.t >= since) runs.push({ start, ms: st.t - start, pushed: st.pushed ?? 0, pulled: st.pulled ?? 0 });
      start = undefined;
    }
  }
  return runs;
}

async function heap(session: WorkerSession): Promise<number> {
  return ((await session.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize;
}

async function bulk(url: string, as: Credentials, docs: object[]): Promise<void> {
  const r = await fetch(`${url}/${TEAM}/_bulk_docs`, { method: 'POST', headers: { authorization: basicAuth(as), 'content-type': 'application/json' }, body: JSON.stringify({ docs }) });
  const body = (await r.json()) as { error?: string; reason?: string }[] | { error: string; reason: string };
  if (!r.ok || !Array.isArray(body)) throw new Error(`_bulk_docs: HTTP ${r.status} ${JSON.stringify(body)}`);
  const failed = body.filter((x) => x.error);
  if (failed.length) throw new Error(`_bulk_docs refused ${failed.length}: ${JSON.stringify(failed[0])}`);
}

async function getDocs(url: string, as: Credentials, ids: string[]): Promise<SyncDoc[]> {
  const r = await fetch(`${url}/${TEAM}/_all_docs?include_docs=true`, { method: 'POST', headers: { authorization: basicAuth(as), 'content-type': 'application/json' }, body: JSON.stringify({ keys: ids }) });
  const body = (await r.json()) as { rows: { doc: SyncDoc }[] };
  return body.rows.map((row) => row.doc);
}

export async function run(): Promise<void> {
  const passages = Number(process.env.SYNC_CHROMIUM_PASSAGES ?? 20000);
  const learners = Number(process.env.SYNC_CHROMIUM_LEARNERS ?? Math.max(1, Math.min(5000, Math.round(passages / 4))));
  const timeout = Number(process.env.SYNC_CHROMIUM_TIMEOUT_S ?? 1800) * 1000;
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    const build = spawnSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('wxt build failed');
  }

  const dataDir = mkdtempSync(join(tmpdir(), 'em-bench-couch-'));
  const userDataDir = mkdtempSync(join(tmpdir(), 'em-bench-profile-'));
  const server = await startCouchServer({ dir: dataDir, admin: { username: 'admin', password: 'bench' } });
  const web = await serveStatic(join(SHARED, 'fixtures', 'real-pages'), (_p, html) => html.replace(/<script\b[\s\S]*?<\/script\s*>/gi, ''));
  let context: BrowserContext | undefined;
  let inspector: Awaited<ReturnType<typeof puppeteer.connect>> | undefined;
  try {
    // 1. The team's database, filled from Node.
    await installDesign(server.url, TEAM, server.admin);
    const ann = { username: 'ann', password: 'a' };
    const bob = { username: 'bob', password: 'b' };
    await putUser(server.url, server.admin, ann, ['assessor']);
    await putUser(server.url, server.admin, bob, ['assessor']);
    const records = benchRecords({ passages, learners, pages: Math.max(learners, Math.round(passages / 10)), criteria: CRITERIA, qualificationId: QUALIFICATION });
    const bobs = new Set(records.passages.slice(0, CHANGED).map((p) => p.id));
    for (const p of records.passages) if (bobs.has(p.id)) Object.assign(p, { createdBy: 'Bob', mappings: p.mappings.map((m) => ({ ...m, createdBy: 'Bob' })) });
    const docs = toDocs(records, 'ann').map((d) => (d.type === 'passage' && bobs.has((d.record as { id: string }).id) ? { ...d, author: 'bob' } : d));
    let t = performance.now();
    for (let i = 0; i < docs.length; i += 2000) await bulk(server.url, server.admin, docs.slice(i, i + 2000));
    const mappings = records.passages.reduce((n, p) => n + p.mappings.length, 0);
    console.log(`team database: ${docs.length} documents (${passages} passages, ${mappings} mappings, ${records.learners.length} learners, ${records.pages.length} pages) written from Node in ${s(performance.now() - t)}`);

    // 2. A new profile: a web page with the overlay, the side panel in a tab.
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: [`--disable-extensions-except=${EXTENSION_DIR}`, `--load-extension=${EXTENSION_DIR}`, '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--remote-debugging-port=0', '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1'],
    });
    const sw: Worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const extensionId = new URL(sw.url()).host;
    for (let i = 0; i < 200 && (await sw.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).length)) !== 1; i++) await sleep(100);
    // tsx names functions with an `__name` helper that the pages and worker lack.
    await sw.evaluate('globalThis.__name = (f) => f');
    await context.addInitScript('globalThis.__name = (f) => f');
    await sw.evaluate(logStatesInWorker);

    // The worker's own CDP target, for its heap (a second client on the browser's debugging port).
    const port = readFileSync(join(userDataDir, 'DevToolsActivePort'), 'utf8').split('\n')[0];
    inspector = await puppeteer.connect({ browserURL: `http://127.0.0.1:${port}`, defaultViewport: null, targetFilter: (target) => target.type() === 'service_worker' || target.type() === 'browser' });
    const workerTarget = await inspector.waitForTarget((target) => target.type() === 'service_worker' && target.url().startsWith(`chrome-extension://${extensionId}/`));
    const workerCdp = await workerTarget.createCDPSession();
    await workerCdp.send('HeapProfiler.enable');

    const pageUrl = `${web.url}/wikipedia.html`;
    const page = await context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(pageUrl);
    const world = await overlayWorld(page, context);
    const panel = await context.newPage();
    await panel.setViewportSize({ width: 420, height: 1400 });
    await panel.goto(`chrome-extension://${extensionId}/sidepanel.html?page=${encodeURIComponent(pageUrl)}`);
    await panel.getByRole('tab', { name: 'Settings' }).click();
    const form = panel.getByRole('form', { name: 'Team sharing' });
    await form.getByLabel('Server address').fill(server.url);
    await form.getByLabel('Team database').fill(TEAM);
    await form.getByLabel('User name').fill(bob.username);
    await form.getByLabel('Password', { exact: true }).fill(bob.password);

    await workerCdp.send('HeapProfiler.collectGarbage');
    const heapBefore = await heap(workerCdp);
    const rssBefore = extensionRss(userDataDir);
    console.log(`before the sync: service worker JS heap ${mb(heapBefore)} (after GC); extension process RSS ${mb(rssBefore)} (worker and side panel page)`);
    const visibility = [await page.evaluate(installMonitor), await panel.evaluate(installMonitor)];
    // The baseline: 15 s with nothing syncing (the machine may be busy with other work).
    await page.evaluate(resetMonitor);
    await panel.evaluate(resetMonitor);
    let stalls = machineStalls();
    await sleep(15_000);
    const baseStalls = await stalls.stop();
    const base = [await page.evaluate(readMonitor), await panel.evaluate(readMonitor)];
    console.log(`baseline, 15 s before the sync: the machine's stalls (an idle Node process's 20 ms timer late over 50 ms) ${baseStalls.length}, longest ${Math.round(Math.max(0, ...baseStalls.map(([a, b]) => b - a)))} ms; load average ${loadavg()[0].toFixed(1)} on ${cpus().length} CPUs`);
    console.log(`  ${describeMonitor('web page', base[0], baseStalls)}`);
    console.log(`  ${describeMonitor('side panel', base[1], baseStalls)}`);

    await inWorld(world, LATENCY_START);
    await page.evaluate(resetMonitor);
    await panel.evaluate(resetMonitor);
    stalls = machineStalls();

    // SYNC_CHROMIUM_PROFILE=dir: the side panel's and web page's CPU profiles over the first sync, for DevTools.
    const profileDir = process.env.SYNC_CHROMIUM_PROFILE;
    const profilers = profileDir ? await Promise.all([panel, page].map(async (p) => {
      const cdp = await context!.newCDPSession(p);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
      return cdp;
    })) : [];

    const t0 = performance.now();
    await form.getByRole('button', { name: 'Save and sync' }).click();
    let peakHeap = heapBefore;
    let peakRss = rssBefore;
    let allAt = 0;
    let last = { count: 0, status: '', message: '' };
    const progress: string[] = [];
    while (performance.now() - t0 < timeout) {
      last = await sw.evaluate(countInWorker);
      peakHeap = Math.max(peakHeap, await heap(workerCdp));
      peakRss = Math.max(peakRss, extensionRss(userDataDir));
      if (!allAt && last.count >= passages) allAt = performance.now() - t0;
      if (allAt && last.status === 'synced') break;
      if (last.status === 'error' || last.status === 'offline') throw new Error(`The sync failed: ${last.message}`);
      if (progress.length < Math.floor((performance.now() - t0) / 30_000)) progress.push(`${s(performance.now() - t0)}: ${last.count} passages, ${last.status}, heap ${mb(peakHeap)} peak`);
      await sleep(250);
    }
    const syncedAt = performance.now() - t0;
    for (const [i, cdp] of profilers.entries()) {
      const { profile } = (await cdp.send('Profiler.stop')) as { profile: unknown };
      const file = join(profileDir!, `sync-chromium-${i ? 'page' : 'panel'}.cpuprofile`);
      writeFileSync(file, JSON.stringify(profile));
      console.log(`  CPU profile: ${file}`);
    }
    const answers = await inWorld<{ at: number; ms: number; ok: boolean }[]>(world, LATENCY_STOP);
    const latency = answers.map((l) => l.ms);
    // The slow answers, by when they were asked (from the first request, sent just before the click).
    const slow = answers.filter((l) => l.ms > 1000).map((l) => `${s(l.at - answers[0].at)}: ${s(l.ms)}`);
    const pageMon = await page.evaluate(readMonitor);
    const panelMon = await panel.evaluate(readMonitor);
    const syncStalls = await stalls.stop();
    if (!allAt) throw new Error(`Not every passage arrived within ${s(timeout)}: ${last.count} of ${passages} (${last.status} ${last.message})`);
    const firstRuns = runsAfter(await sw.evaluate(statesInWorker), 0);
    for (const line of progress) console.log(`  ${line}`);
    console.log(`first sync into an empty profile: all ${passages} passages (${mappings} mappings) in Dexie ${s(allAt)} after "Save and sync"; state Synced at ${s(syncedAt)}; runs ${firstRuns.map((r) => `${s(r.ms)} (${r.pulled} down, ${r.pushed} up)`).join(', ')}`);
    console.log(`  pages ${visibility.join(' / ')} (web page / side panel)`);
    console.log(`  the machine's stalls during the sync: ${syncStalls.length}, longest ${Math.round(Math.max(0, ...syncStalls.map(([a, b]) => b - a)))} ms; load average ${loadavg()[0].toFixed(1)}`);
    console.log(`  ${describeMonitor('web page main thread', pageMon, syncStalls)}`);
    console.log(`  ${describeMonitor('side panel main thread', panelMon, syncStalls)}`);
    console.log(`  background's answer to the overlay's overlay/hello during the sync: ${latency.length} requests, median ${Math.round(median(latency))} ms, 95th percentile ${Math.round(percentile(latency, 0.95))} ms, max ${Math.round(Math.max(...latency))} ms; over 1 s: ${slow.length ? slow.join(', ') : 'none'}`);
    console.log(`  service worker JS heap peak ${mb(peakHeap)} (CDP Runtime.getHeapUsage usedSize on the worker target, every 250 ms); extension process RSS peak ${mb(peakRss)} (/proc VmRSS, worker and side panel page)`);

    // 3. The runs after the first settle: the panel asked for more during it, and the next run's push goes through every document the first pulled.
    const settleFrom = Date.now();
    // Settled: no run under way and the last one quick (the panel's 5 s requests go on making runs with nothing to do).
    let after: ReturnType<typeof runsAfter> = [];
    while (Date.now() - settleFrom < timeout) {
      const states = await sw.evaluate(statesInWorker);
      after = runsAfter(states, 0).slice(firstRuns.length);
      if (states[states.length - 1]?.status !== 'syncing' && after.length && after[after.length - 1].ms < 2000) break;
      await sleep(500);
    }
    console.log(`runs after the first sync, until one takes under 2 s: ${after.map((r) => `${s(r.ms)} (${r.pulled} down, ${r.pushed} up)`).join(', ') || 'none'}; settled ${s(Date.now() - settleFrom)} after Synced`);

    // Ten of ann's passages changed on the server, pulled by the profile (the panel open: it asks for a run every 5 s).
    const annIds = records.passages.slice(CHANGED, 2 * CHANGED).map((p) => p.id);
    const held = await getDocs(server.url, server.admin, annIds.map((id) => `passage:${id}`));
    const changedQuotes = held.map((d) => `${(d.record as { quote: string }).quote} (changed)`);
    t = performance.now();
    const since = Date.now();
    await bulk(server.url, ann, held.map((d, i) => ({ ...d, record: { ...(d.record as object), quote: changedQuotes[i], updatedAt: new Date().toISOString() } })));
    let pulledAt = 0;
    while (performance.now() - t < 120_000) {
      const quotes = await sw.evaluate(quotesInWorker, annIds);
      if (quotes.every((q, i) => q === changedQuotes[i])) {
        pulledAt = performance.now() - t;
        break;
      }
      await sleep(100);
    }
    let pullRuns: ReturnType<typeof runsAfter> = [];
    for (let i = 0; i < 100 && !pullRuns.length; i++, await sleep(100)) pullRuns = runsAfter(await sw.evaluate(statesInWorker), since).filter((r) => r.pulled > 0);
    console.log(`incremental, ${CHANGED} passages changed on the server by ann: in the profile's Dexie ${pulledAt ? s(pulledAt) : 'not within 120 s'} after the server took them (the side panel's 5 s request starts the run); the run that pulled them ${pullRuns.map((r) => `${s(r.ms)} (${r.pulled} down)`).join(', ') || 'not seen'}`);

    // Ten of bob's passages changed in the profile (a note on a mapping, as the overlay's card writes it), pushed by the run after the write's 2 s debounce.
    const bobIds = [...bobs];
    const note = `checked ${new Date().toISOString()}`;
    await sleep(6000);
    const sinceUp = Date.now();
    t = performance.now();
    for (const id of bobIds) {
      const reply = await inWorld<{ ok: boolean; error?: string }>(world, `chrome.runtime.sendMessage(${JSON.stringify({ channel: 'evidence-mapper', type: 'passage/update', payload: { passageId: id, notes: [{ mappingId: `${id}|${CRITERIA[0]}`, note }] } })})`);
      if (!reply?.ok) throw new Error(`passage/update ${id}: ${reply?.error}`);
    }
    const writtenMs = performance.now() - t;
    let pushedAt = 0;
    while (performance.now() - t < 120_000) {
      const onServer = await getDocs(server.url, server.admin, bobIds.map((id) => `passage:${id}`));
      if (onServer.every((d) => (d.record as { mappings: { note: string }[] }).mappings[0].note === note)) {
        pushedAt = performance.now() - t;
        break;
      }
      await sleep(100);
    }
    let pushRuns: ReturnType<typeof runsAfter> = [];
    for (let i = 0; i < 100 && !pushRuns.length; i++, await sleep(100)) pushRuns = runsAfter(await sw.evaluate(statesInWorker), sinceUp).filter((r) => r.pushed > 0);
    console.log(`incremental, ${CHANGED} passages changed in the profile (overlay passage/update, all answered in ${Math.round(writtenMs)} ms): on the server ${pushedAt ? s(pushedAt) : 'not within 120 s'} after the first change (a run starts 2 s after the last write, or at the panel's 5 s request); the run that pushed them ${pushRuns.map((r) => `${s(r.ms)} (${r.pushed} up)`).join(', ') || 'not seen'}`);

    // 4. Idle.
    await sleep(10_000);
    await workerCdp.send('HeapProfiler.collectGarbage');
    const idleHeap = await heap(workerCdp);
    console.log(`idle after the syncs (10 s, the panel still open and asking every 5 s): service worker JS heap ${mb(idleHeap)} after GC; extension process RSS ${mb(extensionRss(userDataDir))}`);
  } finally {
    await inspector?.disconnect().catch(() => undefined);
    await context?.close();
    await web.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(userDataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
