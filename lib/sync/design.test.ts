import { describe, expect, it } from 'vitest';
import { designDoc, securityDoc, validateSource, WRITERS } from './design';

type Ctx = { name: string | null; roles: string[] };
// CouchDB calls the stored source as a function; so does this, with the same arguments.
const validate = new Function(`return (${validateSource()});`)() as (n: object, o: object | null, u: Ctx, s: object) => void;
const refusal = (newDoc: object, oldDoc: object | null, ctx: Ctx): string | null => {
  try {
    validate(newDoc, oldDoc, ctx, securityDoc());
    return null;
  } catch (e) {
    const thrown = e as { forbidden?: string; unauthorized?: string };
    return thrown.forbidden ? `forbidden: ${thrown.forbidden}` : `unauthorized: ${thrown.unauthorized}`;
  }
};
const ann: Ctx = { name: 'ann', roles: ['assessor'] };
const ivy: Ctx = { name: 'ivy', roles: ['iv'] };

describe('the validate_doc_update Evidence Mapper installs', () => {
  it('lets an assessor write her own passage and an IV his own decision', () => {
    expect(refusal({ _id: 'passage:p1', type: 'passage', author: 'ann' }, null, ann)).toBeNull();
    expect(refusal({ _id: 'decision:d1', type: 'decision', author: 'ivy' }, null, ivy)).toBeNull();
    expect(refusal({ _id: 'learner:l1', type: 'learner', author: 'ivy' }, null, ivy)).toBeNull();
  });

  it('refuses a decision or a sampling plan from an assessor, and a passage from an IV', () => {
    expect(refusal({ _id: 'decision:d1', type: 'decision', author: 'ann' }, null, ann)).toMatch(/^forbidden: Only a user with role iv/);
    expect(refusal({ _id: 'plan:s1', type: 'plan', author: 'ann' }, null, ann)).toMatch(/^forbidden: Only a user with role iv/);
    expect(refusal({ _id: 'passage:p1', type: 'passage', author: 'ivy' }, null, ivy)).toMatch(/^forbidden: Only a user with role assessor/);
  });

  it("refuses changing or deleting another person's document, and writing in another's name", () => {
    const annsPassage = { _id: 'passage:p1', _rev: '1-a', type: 'passage', author: 'ann' };
    const bob: Ctx = { name: 'bob', roles: ['assessor'] };
    expect(refusal({ ...annsPassage, author: 'bob' }, annsPassage, bob)).toBe('forbidden: Only ann may change passage:p1.');
    expect(refusal({ _id: 'passage:p1', _deleted: true }, annsPassage, bob)).toBe('forbidden: Only ann may change passage:p1.');
    expect(refusal({ _id: 'passage:p2', type: 'passage', author: 'ann' }, null, bob)).toBe('forbidden: passage:p2 must name you (bob) as its author.');
    // Her own deletion, with or without her name on it, is hers to make.
    expect(refusal({ _id: 'passage:p1', _deleted: true }, annsPassage, ann)).toBeNull();
    expect(refusal({ _id: 'passage:p1', _deleted: true, author: 'ann' }, annsPassage, ann)).toBeNull();
  });

  it('refuses a document filed under another type, an unknown type, or from someone signed out or with no team role', () => {
    expect(refusal({ _id: 'passage:d1', type: 'decision', author: 'ann' }, null, ann)).toBe('forbidden: passage:d1 says it is a decision, not a passage.');
    expect(refusal({ _id: 'note:1', type: 'note', author: 'ann' }, null, ann)).toMatch(/does not know documents like note:1/);
    expect(refusal({ _id: 'passage:p1', type: 'passage', author: 'eve' }, null, { name: 'eve', roles: [] })).toMatch(/^forbidden: Only a user with role assessor/);
    expect(refusal({ _id: 'passage:p1', type: 'passage' }, null, { name: null, roles: [] })).toMatch(/^unauthorized/);
  });

  it('lets a server admin write anything (to repair or restore a database)', () => {
    expect(refusal({ _id: 'decision:d1', type: 'decision', author: 'ivy' }, { _id: 'decision:d1', author: 'ivy' }, { name: 'admin', roles: ['_admin'] })).toBeNull();
  });

  it('holds the writers table in the stored source, and each type belongs to assessors, IVs or both', () => {
    expect(designDoc().validate_doc_update).toContain(JSON.stringify(WRITERS));
    expect(WRITERS.decision).toEqual(['iv']);
    expect(WRITERS.passage).toEqual(['assessor']);
    expect(securityDoc().members.roles).toEqual(['assessor', 'iv']);
  });
});
