/**
 * `npm run server`: a local CouchDB-protocol server for trials and tests (express-pouchdb,
 * data in .couch-data/). It prints its address and the server admin, installs Evidence
 * Mapper's rules in the team database, and adds any users asked for.
 *
 *   npm run server -- [--port 5984] [--dir .couch-data] [--db team]
 *                     [--user NAME:PASSWORD:ROLE[,ROLE]]...
 *
 * The admin is "admin"; the password is COUCH_ADMIN_PASSWORD, or one made at random on the
 * folder's first start and kept in <dir>/admin.json (the folder is git-ignored). A centre
 * runs Apache CouchDB 3.x instead with the same rules: docs/sync.md.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { startCouchServer } from './lib/couch-server';
import { installDesign, putUser, ROLES, type Credentials } from '../lib/sync/design';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '5984' },
    dir: { type: 'string', default: '.couch-data' },
    db: { type: 'string', default: 'team' },
    user: { type: 'string', multiple: true, default: [] },
    host: { type: 'string', default: '127.0.0.1' },
  },
});

function adminOf(dir: string): Credentials {
  const file = join(dir, 'admin.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Credentials;
  const admin = { username: 'admin', password: process.env.COUCH_ADMIN_PASSWORD || randomBytes(12).toString('base64url') };
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, JSON.stringify(admin, null, 2), { mode: 0o600 });
  return admin;
}

function userOf(spec: string): { user: Credentials; roles: string[] } {
  const [username, password, roles] = spec.split(':');
  const list = (roles ?? '').split(',').filter(Boolean);
  const known: string[] = Object.values(ROLES);
  if (!username || !password || !list.length || list.some((r) => !known.includes(r))) {
    throw new Error(`--user ${spec}: give NAME:PASSWORD:ROLE, ROLE being ${known.join(' or ')} (or both, comma-separated).`);
  }
  return { user: { username, password }, roles: list };
}

/** One server per folder: LevelDB locks its files, and a second server would fail half-way up. */
function claim(dir: string): void {
  const file = join(dir, 'server.pid');
  if (existsSync(file)) {
    const pid = Number(readFileSync(file, 'utf8'));
    let alive = false;
    try {
      alive = pid > 0 && process.kill(pid, 0);
    } catch {
      alive = false;
    }
    if (alive) throw new Error(`Another server (process ${pid}) is using ${dir}. Stop it, or give another --dir.`);
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, String(process.pid));
  process.on('exit', () => rmSync(file, { force: true }));
}

async function main() {
  const dir = resolve(values.dir!);
  claim(dir);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port ${values.port}: give a port number.`);
  const users = values.user!.map(userOf);
  const admin = adminOf(dir);
  const server = await startCouchServer({ dir, port, host: values.host, admin });
  const installed = await installDesign(server.url, values.db!, admin);
  for (const { user, roles } of users) await putUser(server.url, admin, user, roles);
  console.log(`CouchDB-protocol server (express-pouchdb) at ${server.url}`);
  console.log(`  data:          ${dir}`);
  console.log(`  server admin:  ${admin.username} / ${admin.password}`);
  console.log(`  team database: ${server.url}/${values.db} (${installed.createdDatabase ? 'created' : 'kept'}; rules ${installed.wroteDesign ? 'installed' : 'already installed'})`);
  for (const { user, roles } of users) console.log(`  user:          ${user.username} / ${user.password} (${roles.join(', ')})`);
  if (!users.length) console.log(`  add users with: npm run server -- --user NAME:PASSWORD:assessor (or :iv)`);
  console.log('Stop with Ctrl+C.');
  const stop = async () => {
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: Error) => {
  console.error(e.message);
  process.exit(1);
});
