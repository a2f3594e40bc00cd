/**
 * The CouchDB-protocol server a sync test talks to. With COUCH_URL set (e.g.
 * http://admin:secret@127.0.0.1:5984, the server admin in the address) the tests use that
 * server, a real Apache CouchDB say; otherwise each test file starts its own express-pouchdb
 * server on a free port with its data in a temporary folder, and stops it after.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCouchServer } from '../../scripts/lib/couch-server';
import { NodePouch } from '../../scripts/lib/pouch-node';
import { installDesign, putUser, type Credentials } from '../../lib/sync/design';

export { NodePouch };

/** A server for one test file. */
export interface TestCouch {
  url: string;
  admin: Credentials;
  /** True when COUCH_URL named the server. */
  external: boolean;
  /** A new team database, with Evidence Mapper's rules installed; its name. */
  teamDatabase(): Promise<string>;
  /** A new user with these roles (names are unique per call, so a real server's users never clash). */
  user(roles: string[]): Promise<Credentials>;
  /** A PouchDB handle on a database of the server, as a user. */
  remote(db: string, as: Credentials): any;
  stop(): Promise<void>;
}

let serial = 0;
const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
const fresh = (what: string) => `${what}-${run}-${++serial}`;

/** Starts (or, with COUCH_URL, connects to) the server. */
export async function startTestCouch(): Promise<TestCouch> {
  let url: string;
  let admin: Credentials;
  let stop: () => Promise<void>;
  const external = !!process.env.COUCH_URL;
  if (process.env.COUCH_URL) {
    const u = new URL(process.env.COUCH_URL);
    admin = { username: decodeURIComponent(u.username), password: decodeURIComponent(u.password) };
    u.username = '';
    u.password = '';
    url = u.toString().replace(/\/+$/, '');
    stop = async () => {};
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'em-couch-'));
    const server = await startCouchServer({ dir, admin: { username: 'admin', password: 'test-admin' } });
    ({ url, admin } = server);
    stop = async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  return {
    url,
    admin,
    external,
    async teamDatabase() {
      const db = fresh('team');
      await installDesign(url, db, admin);
      return db;
    },
    async user(roles) {
      const user = { username: fresh(roles.join('-') || 'nobody'), password: fresh('pw') };
      await putUser(url, admin, user, roles);
      return user;
    },
    remote(db, as) {
      return new NodePouch(`${url}/${db}`, { auth: { username: as.username, password: as.password }, skip_setup: true });
    },
    stop,
  };
}
