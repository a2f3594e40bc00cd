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

/**
 * A door in front of the server, on a port of its own, that a test closes and opens again on
 * the same address: closed, the server is "down" for the extension (connections refused);
 * `cutAfterBulkDocs(n)` lets n more `_bulk_docs` writes through and then closes, so a sync run
 * is cut off mid-way.
 */
export interface Gate {
  url: string;
  open(): Promise<void>;
  close(): Promise<void>;
  cutAfterBulkDocs(n: number): void;
  /** `_bulk_docs` requests that went through since it was made. */
  bulkDocs: number;
  /** False while closed. */
  isOpen(): boolean;
}

export async function startGate(target: string): Promise<Gate> {
  const { createServer, request } = await import('node:http');
  let port = 0;
  let server: import('node:http').Server | null = null;
  let cut = Infinity;
  const gate: Gate = {
    url: '',
    bulkDocs: 0,
    async open() {
      if (server) return;
      cut = Infinity;
      const s = createServer((req, res) => {
        if (req.url?.includes('_bulk_docs')) {
          if (cut <= 0) {
            req.socket.destroy();
            void gate.close();
            return;
          }
          cut--;
          gate.bulkDocs++;
        }
        const t = new URL(target);
        const fwd = request({ host: t.hostname, port: t.port, path: req.url, method: req.method, headers: req.headers }, (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        });
        fwd.on('error', () => res.destroy());
        req.pipe(fwd);
      });
      await new Promise<void>((ok) => s.listen(port, '127.0.0.1', () => ok()));
      port = (s.address() as import('node:net').AddressInfo).port;
      gate.url = `http://127.0.0.1:${port}`;
      server = s;
    },
    async close() {
      const s = server;
      server = null;
      if (!s) return;
      await new Promise<void>((ok) => {
        s.close(() => ok());
        s.closeAllConnections();
      });
    },
    cutAfterBulkDocs(n) {
      cut = n;
    },
    isOpen: () => server !== null,
  };
  await gate.open();
  return gate;
}
