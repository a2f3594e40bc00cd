import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isAlive, mergeReplicas, visible, type Replica, type Tombstone } from './liveness';

interface Rec {
  id: string;
  updatedAt: string;
  text: string;
}

const at = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 1000).toISOString();
const tomb = (id: string, deleted: boolean, n: number, by = 'Jane'): Tombstone => ({ id, kind: 'mapping', learnerId: 'L1', deleted, at: at(n), by });

describe('deletions that travel', () => {
  it('keeps a record deleted when the other machine still has the older copy', () => {
    const assessor: Replica<Rec> = { records: new Map([['m1', { id: 'm1', updatedAt: at(1), text: 'a' }]]), tombstones: new Map([['m1', tomb('m1', true, 5)]]) };
    const iv: Replica<Rec> = { records: new Map([['m1', { id: 'm1', updatedAt: at(1), text: 'a' }]]), tombstones: new Map() };
    expect(visible(mergeReplicas(iv, assessor))).toEqual([]);
    expect(visible(mergeReplicas(assessor, iv))).toEqual([]);
  });

  it('brings back a record whose deletion was undone, though the other machine holds the deletion', () => {
    const rec = { id: 'm1', updatedAt: at(1), text: 'a' };
    const assessor: Replica<Rec> = { records: new Map([['m1', rec]]), tombstones: new Map([['m1', tomb('m1', false, 9)]]) };
    const iv: Replica<Rec> = { records: new Map([['m1', rec]]), tombstones: new Map([['m1', tomb('m1', true, 5)]]) };
    expect(visible(mergeReplicas(iv, assessor))).toEqual([rec]);
  });

  it('keeps an edit made after the deletion on a machine that had not heard of it', () => {
    expect(isAlive({ updatedAt: at(6) }, tomb('m1', true, 5))).toBe(true);
    expect(isAlive({ updatedAt: at(5) }, tomb('m1', true, 5))).toBe(false);
  });

  // Two machines make random changes and now and then exchange files, one way or both.
  type Op =
    | { kind: 'edit'; who: 0 | 1; id: number; text: string }
    | { kind: 'delete'; who: 0 | 1; id: number }
    | { kind: 'undo'; who: 0 | 1; id: number }
    | { kind: 'send'; from: 0 | 1 };
  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ kind: fc.constant('edit' as const), who: fc.constantFrom(0 as const, 1 as const), id: fc.integer({ min: 0, max: 4 }), text: fc.string({ maxLength: 3 }) }),
    fc.record({ kind: fc.constant('delete' as const), who: fc.constantFrom(0 as const, 1 as const), id: fc.integer({ min: 0, max: 4 }) }),
    fc.record({ kind: fc.constant('undo' as const), who: fc.constantFrom(0 as const, 1 as const), id: fc.integer({ min: 0, max: 4 }) }),
    fc.record({ kind: fc.constant('send' as const), from: fc.constantFrom(0 as const, 1 as const) }),
  );

  it('loses and resurrects nothing: after a full exchange both machines show what the last change to each record said (property)', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const machines: Replica<Rec>[] = [{ records: new Map(), tombstones: new Map() }, { records: new Map(), tombstones: new Map() }];
        // The truth: per record, the last event by time, whoever made it, seen or not.
        const truth = new Map<string, { alive: boolean; text: string; at: number }>();
        let clock = 0;
        for (const o of ops) {
          clock++;
          if (o.kind === 'send') {
            const to = o.from === 0 ? 1 : 0;
            machines[to] = mergeReplicas(machines[to], machines[o.from]);
            continue;
          }
          const m = machines[o.who];
          const id = `m${o.id}`;
          const records = new Map(m.records);
          const tombstones = new Map(m.tombstones);
          const known = records.get(id);
          if (o.kind === 'edit') {
            // A machine edits only what it shows (or creates it).
            if (known && !isAlive(known, tombstones.get(id))) continue;
            records.set(id, { id, updatedAt: at(clock), text: o.text });
            truth.set(id, { alive: true, text: o.text, at: clock });
          } else if (o.kind === 'delete') {
            if (!known || !isAlive(known, tombstones.get(id))) continue;
            tombstones.set(id, tomb(id, true, clock));
            truth.set(id, { ...truth.get(id)!, alive: false, at: clock });
          } else {
            // Undo: only of a deletion this machine shows as deleted.
            if (!known || isAlive(known, tombstones.get(id))) continue;
            tombstones.set(id, tomb(id, false, clock));
            truth.set(id, { ...truth.get(id)!, alive: true, at: clock });
          }
          machines[o.who] = { records, tombstones };
        }
        const a = mergeReplicas(machines[0], machines[1]);
        const b = mergeReplicas(machines[1], machines[0]);
        const shown = (r: Replica<Rec>) => visible(r).map((x) => `${x.id}=${x.text}`).sort();
        expect(shown(a)).toEqual(shown(b));
        // Idempotent: importing the same file again changes nothing.
        expect(shown(mergeReplicas(a, machines[1]))).toEqual(shown(a));
        const expected = [...truth].filter(([, t]) => t.alive).map(([id, t]) => `${id}=${t.text}`).sort();
        expect(shown(a)).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });
});
