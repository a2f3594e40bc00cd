/**
 * Sync figures on Node (issue 15): a profile's first sync from the team database into an
 * empty profile, an incremental sync of 10 changed passages, and plain PouchDB replication of
 * the same documents into an empty PouchDB. The server is the local express-pouchdb (LevelDB
 * in a temporary folder); profiles are Dexie on fake-indexeddb with a PouchDB in memory, so
 * these are Node figures, not the extension's in Chromium.
 *
 *   npm run bench -- sync            (SYNC_BENCH_PASSAGES=2000 passages x 5 mappings)
 */
import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startCouchServer } from '../lib/couch-server';
import { NodePouch } from '../lib/pouch-node';
import { createDb } from '../../lib/db/schema';
import { installDesign, putUser } from '../../lib/sync/design';
import { syncOnce, type PouchDatabase } from '../../lib/sync/engine';
import { readSyncRecords, writeSyncRecords } from '../../lib/sync/records';
import { benchRecords, SPEC_A_CRITERIA } from '../lib/sync-records';

const CRITERIA = SPEC_A_CRITERIA;
const records = (passages: number) => benchRecords({ passages });

const ms = (t0: number) => Math.round(performance.now() - t0);
const mb = (b: number) => Math.round(b / 1048576);

export async function run(): Promise<void> {
  const passages = Number(process.env.SYNC_BENCH_PASSAGES ?? 2000);
  const dir = mkdtempSync(join(tmpdir(), 'em-bench-couch-'));
  const server = await startCouchServer({ dir, admin: { username: 'admin', password: 'bench' } });
  try {
    await installDesign(server.url, 'team', server.admin);
    const ann = { username: 'ann', password: 'a' };
    const ivy = { username: 'ivy', password: 'i' };
    await putUser(server.url, server.admin, ann, ['assessor']);
    await putUser(server.url, server.admin, ivy, ['iv']);
    const remote = (u: typeof ann) => new NodePouch(`${server.url}/team`, { auth: u, skip_setup: true });

    const a = createDb('bench-sync-a');
    await writeSyncRecords(a, records(passages));
    const aLocal = new NodePouch('bench-a', { adapter: 'memory' }) as PouchDatabase;
    let t = performance.now();
    const up = await syncOnce(a, aLocal, remote(ann), { author: 'ann' });
    console.log(`assessor's first sync up: ${up.pushed} documents (${passages} passages, ${passages * CRITERIA.length} mappings) in ${ms(t)} ms`);

    const plain = new NodePouch('bench-plain', { adapter: 'memory' });
    t = performance.now();
    const rep = await plain.replicate.from(remote(ivy), { retry: false, batch_size: 100 });
    console.log(`PouchDB replication into an empty PouchDB (memory): ${rep.docs_written} documents in ${ms(t)} ms`);

    const b = createDb('bench-sync-b');
    const bLocal = new NodePouch('bench-b', { adapter: 'memory' }) as PouchDatabase;
    let peak = process.memoryUsage().rss;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    const rssBefore = process.memoryUsage().rss;
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    t = performance.now();
    const first = await syncOnce(b, bLocal, remote(ivy), { author: 'ivy' });
    const firstMs = ms(t);
    loop.disable();
    clearInterval(timer);
    const got = await readSyncRecords(b);
    console.log(`first sync into an empty profile: ${first.pulled} documents, ${got.passages.length} passages, ${got.passages.reduce((n, p) => n + p.mappings.length, 0)} mappings in Dexie, ${firstMs} ms; RSS ${mb(rssBefore)} -> peak ${mb(peak)} MB; longest event-loop block ${Math.round(loop.max / 1e6)} ms`);

    const held = await readSyncRecords(a);
    const changed = held.passages.slice(0, 10).map((p) => ({ ...p, quote: `${p.quote}!`, updatedAt: '2026-02-01T00:00:00.000Z' }));
    await writeSyncRecords(a, { ...held, passages: changed, learners: [], pages: [] });
    t = performance.now();
    const upTen = await syncOnce(a, aLocal, remote(ann), { author: 'ann' });
    const upMs = ms(t);
    t = performance.now();
    const downTen = await syncOnce(b, bLocal, remote(ivy), { author: 'ivy' });
    console.log(`incremental: 10 passages changed; assessor's sync ${upMs} ms (${upTen.pushed} up), IV's sync ${ms(t)} ms (${downTen.pulled} down, ${downTen.applied} applied)`);
    // Again, once every checkpoint has caught up: what each later run costs.
    const again = (await readSyncRecords(a)).passages.slice(10, 20).map((p) => ({ ...p, quote: `${p.quote}?`, updatedAt: '2026-02-02T00:00:00.000Z' }));
    await writeSyncRecords(a, { ...held, passages: again, learners: [], pages: [] });
    t = performance.now();
    const upMore = await syncOnce(a, aLocal, remote(ann), { author: 'ann' });
    const upMoreMs = ms(t);
    t = performance.now();
    const downMore = await syncOnce(b, bLocal, remote(ivy), { author: 'ivy' });
    console.log(`incremental, steady state: 10 more passages changed; assessor's sync ${upMoreMs} ms (${upMore.pushed} up), IV's sync ${ms(t)} ms (${downMore.pulled} down, ${downMore.applied} applied)`);
    a.close();
    b.close();
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
