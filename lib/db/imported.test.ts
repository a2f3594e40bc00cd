import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { finishSpecification, allMandatoryRules } from '../catalogue/import/review';
import type { Specification } from '../catalogue/model';
import { createDb } from './schema';
import { createLearner } from './learners';
import { createPassage } from './evidence';
import { readEvidence } from '../../test/fixtures/db';
import { deleteImportedSpecification, mappingsOfSpecification, restoreSpecification, saveImportedSpecification } from './imported';

let name = '';
afterEach(async () => void (name && (await Dexie.delete(name))));

function spec(criteria: [string, string][]): Specification {
  const draft: Specification = {
    id: '', source: 'x.txt', title: 'Team leading', qualifications: [],
    units: [{ ref: 'T/100/0001', title: 'Lead a team', level: 2, credit: 4, glh: 20, outcomes: [{ number: '1', title: 'Lead', criteria: criteria.map(([number, text]) => ({ id: '', number, text })) }] }],
  };
  return finishSpecification(draft, 'team-l2', { title: 'Team Leading', number: '603/0000/1', level: 2, glh: null, rules: allMandatoryRules(draft) });
}

describe('imported specifications in the database', () => {
  it('a new version keeps every mapping; those to a removed criterion are listed with learner and passage, and quarantined', async () => {
    name = `imported-${Math.random()}`;
    const db = createDb(name);
    const v1 = spec([['1.1', 'Agree goals'], ['1.2', 'Give feedback'], ['1.3', 'Run a meeting']]);
    await saveImportedSpecification(db, v1);
    const learner = await createLearner(db, { name: 'Sam Reed', qualificationIds: [v1.qualifications[0].id] });
    const base = { learnerId: learner.id, url: 'http://127.0.0.1/p.html', title: 'Sam journal', selectors: [], createdBy: 'Ann' };
    await createPassage(db, { ...base, passageId: 'p1', quote: 'We agreed goals', mappings: [{ criterionId: 'team-l2:T1000001:1.1', method: 'Obs', note: '' }] });
    await createPassage(db, { ...base, passageId: 'p2', quote: 'I gave feedback', mappings: [{ criterionId: 'team-l2:T1000001:1.2', method: 'Obs', note: '' }] });
    expect((await mappingsOfSpecification(db, 'team-l2')).map((m) => m.criterionId).sort()).toEqual(['team-l2:T1000001:1.1', 'team-l2:T1000001:1.2']);

    const v2 = spec([['1.1', 'Agree goals with the team'], ['1.3', 'Run a meeting']]);
    const saved = await saveImportedSpecification(db, v2);
    expect(saved.previous?.units[0].outcomes[0].criteria).toHaveLength(3);
    expect(saved.orphaned.map((m) => [m.criterionId, m.learnerName, m.quote, m.pageTitle])).toEqual([['team-l2:T1000001:1.2', 'Sam Reed', 'I gave feedback', 'Sam journal']]);
    const { mappings } = await readEvidence(db);
    expect(mappings.map((m) => m.criterionId).sort()).toEqual(['team-l2:T1000001:1.1', 'team-l2:T1000001:1.2']);
    const q = await db.quarantine.toArray();
    const kept = mappings.find((m) => m.criterionId === 'team-l2:T1000001:1.2')!;
    expect(q.map((r) => [r.source, r.recordId])).toEqual([['re-import', kept.id]]);
    expect(q[0].what).toContain('Sam Reed');

    // The criterion comes back: its quarantine note goes.
    await saveImportedSpecification(db, v1);
    expect(await db.quarantine.count()).toBe(0);
    db.close();
  });

  it('refuses to overwrite a built-in specification; deletes an imported one with Undo', async () => {
    name = `imported-${Math.random()}`;
    const db = createDb(name);
    const v1 = spec([['1.1', 'Agree goals']]);
    await db.specifications.put({ ...v1, origin: 'built-in', contentHash: 'x', updatedAt: '2026-01-01T00:00:00Z' });
    await expect(saveImportedSpecification(db, v1)).rejects.toThrow(/built-in/);
    await expect(deleteImportedSpecification(db, v1.id)).rejects.toThrow(/built in/);
    await db.specifications.clear();
    await saveImportedSpecification(db, v1);
    const gone = await deleteImportedSpecification(db, v1.id);
    expect(await db.specifications.count()).toBe(0);
    await restoreSpecification(db, gone);
    expect(await db.specifications.get(v1.id)).toEqual(gone);
    db.close();
  });
});
