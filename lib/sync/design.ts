/**
 * The CouchDB design document and security object Evidence Mapper installs in a team's
 * database, and the HTTP calls that install them (plain `fetch`, so the same code runs from
 * `npm run server`, from tests and, later, from Settings).
 *
 * Who may write what is decided by the server, never by the extension: CouchDB runs
 * `validate_doc_update` on every write, replicated ones included, and refuses the document
 * (a replicating PouchDB sees a `denied` event and counts a `doc_write_failure`). The rules:
 * - only members (role `assessor` or `iv`, or a server admin) read or write the database;
 * - every document names its `author` (the CouchDB user name that wrote it), and only that
 *   user writes it, now and later (a deletion included); except a page: its id comes from its
 *   address (lib/db/evidence.ts pageIdOf), so everyone who tags that address writes the same
 *   page document, and it holds nothing but the address and a title;
 * - each type of document belongs to one role: an IV's decisions and sampling plans are
 *   written only by a user with role `iv`; an assessor's passages, sign-offs, responses and
 *   mapping removals only by role `assessor`; learners, pages and imported specifications by
 *   either. So an assessor's work and an IV's decisions never write the same document.
 * - a document's id is its type, a colon and its record's id (lib/sync/docs.ts), so no one
 *   files a decision under another type's name.
 */

/** The design document's id. */
export const DESIGN_ID = '_design/evidence-mapper';

/** The roles a team member holds (CouchDB `_users` roles). */
export const ROLES = { assessor: 'assessor', iv: 'iv' } as const;

/** Document types and the roles that may write them. */
export const WRITERS: Record<string, readonly string[]> = {
  passage: [ROLES.assessor],
  mapping: [ROLES.assessor],
  signoff: [ROLES.assessor],
  response: [ROLES.assessor],
  decision: [ROLES.iv],
  plan: [ROLES.iv],
  learner: [ROLES.assessor, ROLES.iv],
  page: [ROLES.assessor, ROLES.iv],
  spec: [ROLES.assessor, ROLES.iv],
};

/** Types of document any writer of the type may change, whoever wrote it first. */
export const OPEN_TYPES: readonly string[] = ['page'];

/**
 * The validate function as CouchDB stores it: source text of an ES5 function (CouchDB's
 * JavaScript engine, SpiderMonkey or QuickJS, runs ES5; so does express-pouchdb's). The
 * writers table is written into it so the two never disagree.
 */
export function validateSource(): string {
  return `function (newDoc, oldDoc, userCtx, secObj) {
  var WRITERS = ${JSON.stringify(WRITERS)};
  var OPEN = ${JSON.stringify(OPEN_TYPES)};
  var roles = userCtx.roles || [];
  if (roles.indexOf('_admin') !== -1) return;
  if (!userCtx.name) throw({ unauthorized: 'Sign in to write to this team\\'s database.' });
  var id = newDoc._id;
  var colon = id.indexOf(':');
  var type = colon > 0 ? id.slice(0, colon) : '';
  var writers = WRITERS.hasOwnProperty(type) ? WRITERS[type] : null;
  if (!writers) throw({ forbidden: 'Evidence Mapper does not know documents like ' + id + '.' });
  if (oldDoc && oldDoc.author !== userCtx.name && OPEN.indexOf(type) === -1) throw({ forbidden: 'Only ' + (oldDoc.author || 'its author') + ' may change ' + id + '.' });
  var deleting = newDoc._deleted === true;
  if (!(deleting && newDoc.author === undefined) && newDoc.author !== userCtx.name) throw({ forbidden: id + ' must name you (' + userCtx.name + ') as its author.' });
  if (!deleting && newDoc.type !== type) throw({ forbidden: id + ' says it is a ' + newDoc.type + ', not a ' + type + '.' });
  var allowed = false;
  for (var i = 0; i < writers.length; i++) if (roles.indexOf(writers[i]) !== -1) allowed = true;
  if (!allowed) throw({ forbidden: 'Only a user with role ' + writers.join(' or ') + ' may write ' + type + ' documents (' + id + ').' });
}`;
}

/** The design document Evidence Mapper installs (its `version` says which rules it holds). */
export function designDoc(): { _id: string; language: 'javascript'; version: number; validate_doc_update: string } {
  return { _id: DESIGN_ID, language: 'javascript', version: 2, validate_doc_update: validateSource() };
}

/** The database's security object: members are the team's assessors and IVs; only server admins administer it. */
export function securityDoc(): { admins: { names: string[]; roles: string[] }; members: { names: string[]; roles: string[] } } {
  return { admins: { names: [], roles: [] }, members: { names: [], roles: [ROLES.assessor, ROLES.iv] } };
}

/** A user name and password for HTTP basic authentication. */
export interface Credentials {
  username: string;
  password: string;
}

/** The Authorization header for credentials. */
export function basicAuth({ username, password }: Credentials): string {
  const bytes = new TextEncoder().encode(`${username}:${password}`);
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  return `Basic ${btoa(text)}`;
}

/** A server's answer that was not what a step needed, in words a person can act on. */
export class CouchError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'CouchError';
  }
}

async function call(fetchFn: typeof fetch, method: string, url: string, auth: Credentials, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  let res: Response;
  try {
    res = await fetchFn(url, {
      method,
      headers: { authorization: basicAuth(auth), accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new CouchError(`The server at ${new URL(url).origin} did not answer (${(e as Error).message}). Is it running?`, 0);
  }
  const text = await res.text();
  let json: Record<string, unknown> = {};
  try {
    json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    // Not CouchDB (a proxy's HTML page, say): the status says enough.
  }
  return { status: res.status, json };
}

function refusal(step: string, r: { status: number; json: Record<string, unknown> }): CouchError {
  const reason = typeof r.json.reason === 'string' ? r.json.reason : `HTTP ${r.status}`;
  if (r.status === 401) return new CouchError(`${step}: the server did not accept the admin's name and password (${reason}).`, 401);
  if (r.status === 403) return new CouchError(`${step}: only a server admin may do this (${reason}).`, 403);
  return new CouchError(`${step}: ${reason}.`, r.status);
}

/** What installing did. */
export interface InstallResult {
  createdDatabase: boolean;
  /** The design document was written (it was missing or held other rules). */
  wroteDesign: boolean;
}

/**
 * Installs the team database's rules as a server admin: creates the database if missing,
 * sets its security object, and writes the design document unless the same one is there.
 * Running it again changes nothing.
 */
export async function installDesign(server: string, db: string, admin: Credentials, fetchFn: typeof fetch = fetch): Promise<InstallResult> {
  const base = `${server.replace(/\/+$/, '')}/${encodeURIComponent(db)}`;
  let createdDatabase = false;
  const head = await call(fetchFn, 'GET', base, admin);
  if (head.status === 404) {
    const made = await call(fetchFn, 'PUT', base, admin);
    if (made.status !== 201 && made.status !== 202 && made.status !== 412) throw refusal(`Creating the database "${db}"`, made);
    createdDatabase = made.status !== 412;
  } else if (head.status !== 200) throw refusal(`Opening the database "${db}"`, head);
  const sec = await call(fetchFn, 'PUT', `${base}/_security`, admin, securityDoc());
  if (sec.status !== 200) throw refusal('Setting who may use the database', sec);
  const want = designDoc();
  const had = await call(fetchFn, 'GET', `${base}/${DESIGN_ID}`, admin);
  if (had.status === 200 && had.json.validate_doc_update === want.validate_doc_update && had.json.version === want.version) return { createdDatabase, wroteDesign: false };
  const rev = had.status === 200 && typeof had.json._rev === 'string' ? { _rev: had.json._rev } : {};
  const put = await call(fetchFn, 'PUT', `${base}/${DESIGN_ID}`, admin, { ...want, ...rev });
  if (put.status !== 201 && put.status !== 202) throw refusal('Installing the design document', put);
  return { createdDatabase, wroteDesign: true };
}

/** Adds (or updates) a user with roles, as a server admin: for trials and tests. */
export async function putUser(server: string, admin: Credentials, user: Credentials, roles: string[], fetchFn: typeof fetch = fetch): Promise<void> {
  const url = `${server.replace(/\/+$/, '')}/_users/${encodeURIComponent(`org.couchdb.user:${user.username}`)}`;
  const had = await call(fetchFn, 'GET', url, admin);
  const rev = had.status === 200 && typeof had.json._rev === 'string' ? { _rev: had.json._rev } : {};
  const put = await call(fetchFn, 'PUT', url, admin, { _id: `org.couchdb.user:${user.username}`, name: user.username, password: user.password, roles, type: 'user', ...rev });
  if (put.status !== 201 && put.status !== 202) throw refusal(`Adding the user "${user.username}"`, put);
}
