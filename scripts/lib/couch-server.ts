/**
 * A CouchDB-protocol server on Node for trials and tests: express-pouchdb over PouchDB with
 * LevelDB files in a folder. It speaks the replication protocol, keeps users (`_users`) and
 * server admins, enforces each database's `_security` members and runs design documents'
 * `validate_doc_update`; docs/sync.md says where it differs from Apache CouchDB 3.x.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import expressPouchDB from 'express-pouchdb';
import { NodePouch } from './pouch-node';
import { basicAuth, type Credentials } from '../../lib/sync/design';

/** A running server. */
export interface CouchServer {
  /** Its address, without credentials, e.g. http://127.0.0.1:5984 */
  url: string;
  admin: Credentials;
  /** Stops listening and drops open connections. */
  stop(): Promise<void>;
}

export interface CouchServerOptions {
  /** Where the databases live (created if missing). */
  dir: string;
  /** 0 for any free port. */
  port?: number;
  host?: string;
  /** The server admin: made on a new folder's first start; on later starts it must be the one made then. */
  admin: Credentials;
}

/**
 * Requests only a server admin may make, checked here before express-pouchdb sees them:
 * - creating or deleting a database: express-pouchdb answers a non-admin's by calling a method
 *   on the refusal it got back instead of a database, which throws outside any handler and
 *   ends the process;
 * - any write to `_users`: express-pouchdb does not run its users' validation on them, so a
 *   user could give herself the role `iv` (Apache CouchDB refuses that; it does let a user
 *   change her own password, which here only the admin does).
 */
function adminOnly(method: string, path: string): boolean {
  const write = method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS';
  if (!write) return false;
  return /^\/[^_/][^/]*\/?$/.test(path) || /^\/_users(\/|$)/.test(path) || /^\/_config(\/|$)/.test(path);
}

/**
 * express-pouchdb's validation (pouchdb-validation 4.2.0) replaces each incoming document's
 * `_revisions` with the stored document's before writing it. A replicated update
 * (`_bulk_docs` with `new_edits: false`) then names a revision whose history it no longer
 * carries, and PouchDB drops it without an error: the server answered 201 and kept the old
 * revision, so no edit or deletion after a document's first version ever reached it. The
 * history is kept aside here under STASH, and put back just before PouchDB stores the document.
 */
const STASH = 'evidenceMapperRevisions';

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function keepRevisions(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  let body: { new_edits?: unknown; docs?: unknown } | undefined;
  try {
    body = JSON.parse(await readBody(req));
  } catch {
    res.writeHead(400, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: 'bad_request', reason: 'invalid UTF-8 JSON' }));
    return false;
  }
  if (body && body.new_edits === false && Array.isArray(body.docs)) {
    for (const doc of body.docs as Record<string, unknown>[]) if (doc && typeof doc === 'object' && doc._revisions) doc[STASH] = doc._revisions;
  }
  // body-parser takes a body already read (req._body) as it is.
  Object.assign(req, { body, _body: true });
  return true;
}

/**
 * PouchDB puts each kept history back as it stores a document. PouchDB 9 gives each database
 * its methods as it sets it up (`_setup`, called by name on the class that owns it), and
 * express-pouchdb then wraps them on the instance; so `bulkDocs` is wrapped at set-up, under
 * every later wrapper. The class is shared with the tests' clients, whose documents never
 * carry STASH.
 */
function restoreRevisions(Pouch: { prototype: object }): void {
  let owner: object | null = Pouch.prototype;
  while (owner && !Object.prototype.hasOwnProperty.call(owner, '_setup')) owner = Object.getPrototypeOf(owner);
  const proto = owner as { _setup: (...args: unknown[]) => unknown; evidenceMapperRestores?: true } | null;
  if (!proto || proto.evidenceMapperRestores) return;
  proto.evidenceMapperRestores = true;
  const setup = proto._setup;
  proto._setup = function (this: { bulkDocs: (...args: unknown[]) => unknown }, ...args: unknown[]) {
    const out = setup.apply(this, args);
    const store = this.bulkDocs;
    this.bulkDocs = function (this: unknown, req: unknown, ...rest: unknown[]) {
      const docs = Array.isArray(req) ? req : (req as { docs?: unknown[] })?.docs;
      for (const doc of (docs ?? []) as Record<string, unknown>[]) {
        if (doc && typeof doc === 'object' && STASH in doc) {
          doc._revisions = doc[STASH];
          delete doc[STASH];
        }
      }
      return store.call(this, req, ...rest);
    };
    return out;
  };
}

function guardAdminOnly(app: (req: IncomingMessage, res: ServerResponse) => void, self: () => string) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'POST' && /^\/[^_/][^/]*\/_bulk_docs$/.test(path) && !(await keepRevisions(req, res))) return;
    let plain = path;
    try {
      plain = decodeURIComponent(path);
    } catch {
      // Left as sent: express-pouchdb refuses it.
    }
    if (!adminOnly(req.method ?? 'GET', plain)) return app(req, res);
    let roles: string[] = [];
    let name: string | null = null;
    try {
      const headers: Record<string, string> = { accept: 'application/json' };
      if (req.headers.authorization) headers.authorization = req.headers.authorization;
      if (req.headers.cookie) headers.cookie = req.headers.cookie;
      const session = await fetch(`${self()}/_session`, { headers });
      const body = (await session.json()) as { userCtx?: { name: string | null; roles: string[] }; reason?: string };
      if (session.status === 401) {
        res.writeHead(401, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ error: 'unauthorized', reason: body.reason ?? 'Name or password is incorrect.' }));
      }
      roles = body.userCtx?.roles ?? [];
      name = body.userCtx?.name ?? null;
    } catch {
      // The session could not be read: refuse, as for a non-admin.
    }
    if (roles.includes('_admin')) return app(req, res);
    res.writeHead(name ? 403 : 401, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: name ? 'forbidden' : 'unauthorized', reason: 'You are not a server admin.' }));
  };
}

/** Starts the server; on a new folder, makes the admin (ending the "admin party" where anyone is admin). */
export async function startCouchServer(options: CouchServerOptions): Promise<CouchServer> {
  const dir = resolve(options.dir);
  mkdirSync(dir, { recursive: true });
  const Pouch = NodePouch.defaults({ prefix: `${dir}/` });
  restoreRevisions(Pouch);
  const app = expressPouchDB(Pouch, { mode: 'fullCouchDB', configPath: join(dir, 'config.json'), logPath: join(dir, 'log.txt') });
  let url = '';
  const server: Server = createServer(guardAdminOnly(app, () => url));
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => ok());
  });
  const { port } = server.address() as AddressInfo;
  url = `http://${options.host ?? '127.0.0.1'}:${port}`;
  const stop = () =>
    new Promise<void>((ok) => {
      server.close(() => ok());
      server.closeAllConnections();
    });
  try {
    // With no admin yet, anyone is admin ("admin party"): the first call makes ours.
    const anonymous = await fetch(`${url}/_session`);
    const party = ((await anonymous.json()) as { userCtx?: { roles?: string[] } }).userCtx?.roles?.includes('_admin');
    if (party) {
      const made = await fetch(`${url}/_config/admins/${encodeURIComponent(options.admin.username)}`, { method: 'PUT', body: JSON.stringify(options.admin.password) });
      if (!made.ok) throw new Error(`Could not make the server admin: HTTP ${made.status} ${await made.text()}`);
    }
    const session = await fetch(`${url}/_session`, { headers: { authorization: basicAuth(options.admin) } });
    const ctx = ((await session.json()) as { userCtx?: { name: string | null; roles?: string[] } }).userCtx;
    if (session.status !== 200 || !ctx?.roles?.includes('_admin')) {
      throw new Error(`The folder ${dir} has another server admin than "${options.admin.username}" (or another password): use that one, or another folder.`);
    }
    return { url, admin: options.admin, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
