/**
 * The team database's rules, enforced by the server over replication: the express-pouchdb
 * server `npm run server` starts, or with COUCH_URL the CouchDB it names.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodePouch, startTestCouch, type TestCouch } from '../sync/couch';
import { basicAuth, DESIGN_ID, installDesign } from '../../lib/sync/design';

let couch: TestCouch;
beforeAll(async () => {
  couch = await startTestCouch();
});
afterAll(() => couch?.stop());

let local = 0;
/** A PouchDB in memory holding these documents, as a client's copy would. */
async function clientWith(docs: object[]) {
  const db = new NodePouch(`client-${++local}`, { adapter: 'memory' });
  await db.bulkDocs(docs);
  return db;
}

/** One-shot push, as the product syncs; what the server refused comes back in `denied`. */
async function push(from: any, to: any) {
  const denied: { id: string; error: string; reason: string }[] = [];
  const result = await from.replicate.to(to, { retry: false }).on('denied', (e: { id: string; name: string; message: string }) => denied.push({ id: e.id, error: e.name, reason: e.message }));
  return { result, denied };
}

describe('the team database over replication', () => {
  it("takes an assessor's passages and refuses her decision and a passage in another's name, telling the replicating client why", async () => {
    const team = await couch.teamDatabase();
    const ann = await couch.user(['assessor']);
    const client = await clientWith([
      { _id: 'passage:p1', type: 'passage', author: ann.username },
      { _id: 'decision:d1', type: 'decision', author: ann.username },
      { _id: 'passage:p2', type: 'passage', author: 'someone-else' },
    ]);
    const { result, denied } = await push(client, couch.remote(team, ann));
    expect(result.docs_written).toBe(1);
    expect(result.doc_write_failures).toBe(2);
    expect(denied.sort((a, b) => a.id.localeCompare(b.id))).toEqual([
      { id: 'decision:d1', error: 'forbidden', reason: 'Only a user with role iv may write decision documents (decision:d1).' },
      { id: 'passage:p2', error: 'forbidden', reason: `passage:p2 must name you (${ann.username}) as its author.` },
    ]);
    const onServer = await couch.remote(team, couch.admin).allDocs();
    expect(onServer.rows.map((r: { id: string }) => r.id).filter((id: string) => !id.startsWith('_design/'))).toEqual(['passage:p1']);
  });

  it('takes a later revision and a deletion over replication, and lets no other user overwrite them', async () => {
    const team = await couch.teamDatabase();
    const ann = await couch.user(['assessor']);
    const client = await clientWith([]);
    const first = await client.put({ _id: 'passage:p1', type: 'passage', author: ann.username, record: { v: 1 } });
    await push(client, couch.remote(team, ann));
    await client.put({ _id: 'passage:p1', _rev: first.rev, type: 'passage', author: ann.username, record: { v: 2 } });
    const second = await push(client, couch.remote(team, ann));
    expect(second.result.docs_written).toBe(1);
    const admin = couch.remote(team, couch.admin);
    // The whole document as stored: nothing of the server's own added.
    const stored = await admin.get('passage:p1');
    expect({ ...stored, _rev: undefined }).toEqual({ _id: 'passage:p1', _rev: undefined, type: 'passage', author: ann.username, record: { v: 2 } });
    await client.remove('passage:p1', (await client.get('passage:p1'))._rev);
    await push(client, couch.remote(team, ann));
    await expect(admin.get('passage:p1')).rejects.toMatchObject({ status: 404 });
  });

  it("takes an IV's decision, and refuses an assessor's change to it", async () => {
    const team = await couch.teamDatabase();
    const ann = await couch.user(['assessor']);
    const ivy = await couch.user(['iv']);
    const ivClient = await clientWith([{ _id: 'decision:d1', type: 'decision', author: ivy.username, decision: 'refer' }]);
    expect((await push(ivClient, couch.remote(team, ivy))).result.docs_written).toBe(1);
    // The assessor pulls it, changes her copy (as a bug or a hand edit might) and pushes it back.
    const annClient = await clientWith([]);
    await annClient.replicate.from(couch.remote(team, ann), { retry: false });
    const copy = await annClient.get('decision:d1');
    await annClient.put({ ...copy, author: ann.username, decision: 'agree' });
    const { result, denied } = await push(annClient, couch.remote(team, ann));
    expect(result.doc_write_failures).toBe(1);
    expect(denied.map((d) => d.id)).toEqual(['decision:d1']);
    expect((await couch.remote(team, couch.admin).get('decision:d1')).decision).toBe('refer');
  });

  it('refuses a wrong password, and a signed-in user who is not in the team, before anything moves', async () => {
    const team = await couch.teamDatabase();
    const ann = await couch.user(['assessor']);
    const stranger = await couch.user([]);
    const client = await clientWith([{ _id: 'passage:p1', type: 'passage', author: ann.username }]);
    const wrong = await client.replicate.to(couch.remote(team, { ...ann, password: 'not-it' }), { retry: false }).then(
      () => null,
      (e: { status: number }) => e,
    );
    expect(wrong?.status).toBe(401);
    const outsider = await client.replicate.to(couch.remote(team, stranger), { retry: false }).then(
      () => null,
      (e: { status: number }) => e,
    );
    // Apache CouchDB 3.x answers 403 (forbidden); express-pouchdb 401 (docs/sync.md).
    expect([401, 403]).toContain(outsider?.status);
    expect((await couch.remote(team, couch.admin).allDocs()).rows.filter((r: { id: string }) => !r.id.startsWith('_design/'))).toEqual([]);
  });

  it("keeps the rules out of members' hands: no member replaces the design document or the security object, or gives herself the role iv", async () => {
    const team = await couch.teamDatabase();
    const ann = await couch.user(['assessor']);
    const as = (who: typeof ann, method: string, path: string, body: unknown) =>
      fetch(`${couch.url}/${path}`, { method, headers: { authorization: basicAuth(who), 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.status);
    const design = await couch.remote(team, couch.admin).get(DESIGN_ID);
    // Apache CouchDB answers 403 to each; express-pouchdb 401 to the first two (docs/sync.md).
    expect([401, 403]).toContain(await as(ann, 'PUT', `${team}/${DESIGN_ID}`, { ...design, validate_doc_update: 'function () {}' }));
    expect([401, 403]).toContain(await as(ann, 'PUT', `${team}/_security`, { members: { names: [ann.username], roles: [] } }));
    const self = await (await fetch(`${couch.url}/_users/org.couchdb.user:${ann.username}`, { headers: { authorization: basicAuth(ann) } })).json();
    expect(await as(ann, 'PUT', `_users/org.couchdb.user:${ann.username}`, { ...self, roles: ['assessor', 'iv'] })).toBe(403);
    expect((await couch.remote(team, couch.admin).get(DESIGN_ID)).validate_doc_update).toBe(design.validate_doc_update);
    const session = await (await fetch(`${couch.url}/_session`, { headers: { authorization: basicAuth(ann) } })).json();
    expect(session.userCtx.roles).toEqual(['assessor']);
  });

  it('installs the rules once: a second install changes nothing', async () => {
    const team = await couch.teamDatabase();
    expect(await installDesign(couch.url, team, couch.admin)).toEqual({ createdDatabase: false, wroteDesign: false });
  });

  it('says so when the admin password is wrong', async () => {
    await expect(installDesign(couch.url, 'team-x', { ...couch.admin, password: 'nope' })).rejects.toThrow(/did not accept the admin's name and password/);
  });
});
