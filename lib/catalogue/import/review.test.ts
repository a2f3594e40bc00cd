import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Specification } from '../model';
import { diffIsEmpty, diffSpecifications, diffSummary } from './diff';
import { importFile } from './index';
import { locateRows, sourceLinesOf } from './locate';
import { allMandatoryRules, finishSpecification, matchExisting, proposeSpecId } from './review';
import { looksLikeSpecificationFile, readSpecificationJson, specificationCsvFile, specificationJsonFile } from './share';

const DIR = resolve(__dirname, '../../../test/fixtures/specs');
const CARE = 'care-l2-diploma-units.txt';
const bytes = (name: string) => new Uint8Array(readFileSync(resolve(DIR, name)));
const text = (name: string) => readFileSync(resolve(DIR, name), 'utf8');
const enc = (s: string) => new TextEncoder().encode(s);

const qual = (spec: Specification, number = '603/9999/1') => ({ title: spec.title, number, level: 2 as const, glh: null, rules: allMandatoryRules(spec) });
async function finished(b: Uint8Array, name: string, specId = 'care-l2'): Promise<Specification> {
  const { specification } = await importFile(b, name);
  return finishSpecification(specification, specId, qual(specification));
}
const ids = (s: Specification) => s.units.flatMap((u) => u.outcomes.flatMap((o) => o.criteria.map((c) => c.id)));

describe('criterion ids of an imported specification', () => {
  it('come from the spec id, unit ref and numbers, not from the file name, so a renamed file keeps them', async () => {
    const a = await finished(bytes(CARE), CARE);
    const b = await finished(bytes(CARE), 'Care handbook v4 (final).txt');
    expect(ids(a).length).toBeGreaterThan(5);
    expect(ids(b)).toEqual(ids(a));
    expect(ids(a)).toContain('care-l2:F6169831:1.1');
    expect(a.qualifications).toEqual([expect.objectContaining({ id: 'care-l2:603/9999/1', number: '603/9999/1' })]);
  });

  it('proposes an id from the qualification number, else the title, never one already taken', () => {
    expect(proposeSpecId('Level 2 Diploma in Care', '603/1234/5', [])).toBe('q-603-1234-5');
    expect(proposeSpecId('Level 2 Diploma in Care (England)', '', [])).toBe('level-2-diploma-in-care-england');
    expect(proposeSpecId('Care', '', ['care', 'care-2'])).toBe('care-3');
    expect(proposeSpecId('', '', ['edi-l2'])).toBe('imported');
  });

  it('matches a new version to the stored one by qualification number, else by title', async () => {
    const stored = await finished(bytes(CARE), CARE);
    const other: Specification = { ...stored, id: 'other', title: 'Something else', qualifications: [{ ...stored.qualifications[0], number: '600/0000/0', title: 'Else' }] };
    const { specification } = await importFile(bytes(CARE), 'renamed.txt');
    expect(matchExisting(specification, [other, stored])?.id).toBe('care-l2');
    expect(matchExisting({ ...specification, title: 'x', qualifications: [{ ...stored.qualifications[0], title: 'y' }] }, [other, stored])?.id).toBe('care-l2');
    expect(matchExisting({ ...specification, title: 'Unrelated' }, [other])).toBeUndefined();
  });
});

describe('diff between two versions', () => {
  it('finds one criterion removed, one reworded, one added; the rest unchanged', async () => {
    const before = await finished(bytes(CARE), CARE);
    const changed = text(CARE)
      .replace(/\t1\.2 Explain how communication affects relationships in the work setting\n/, '')
      .replace('1.3 Explain why it is important to observe', '1.3 Explain why it matters to observe')
      .replace('2.2 Demonstrate communication methods', '2.9 Use aids to communicate\n\t2.2 Demonstrate communication methods');
    const after = await finished(enc(changed), 'care v2.txt');
    const d = diffSpecifications(before, after);
    expect(d.criteriaRemoved.map((c) => c.id)).toEqual(['care-l2:F6169831:1.2']);
    expect(d.criteriaReworded.map((c) => [c.id, c.before?.slice(0, 24), c.text.slice(0, 24)])).toEqual([['care-l2:F6169831:1.3', 'Explain why it is import', 'Explain why it matters t']]);
    expect(d.criteriaAdded.map((c) => c.id)).toEqual(['care-l2:F6169831:2.9']);
    expect(d.criteriaSame).toBe(ids(before).length - 2);
    expect(diffSummary(d)).toMatch(/^criteria: 1 added, 1 removed, 1 reworded\./);
    expect(diffIsEmpty(diffSpecifications(before, before))).toBe(true);
  });

  it('lists every criterion of a removed unit as removed, and unit field changes', async () => {
    const before = await finished(bytes(CARE), CARE);
    const after = structuredClone(before);
    const gone = after.units.pop()!;
    after.units[0].credit = 99;
    const d = diffSpecifications(before, after);
    expect(d.unitsRemoved).toEqual([{ ref: gone.ref, title: gone.title }]);
    expect(d.criteriaRemoved.length).toBe(gone.outcomes.reduce((n, o) => n + o.criteria.length, 0));
    expect(d.unitsChanged).toEqual([{ unitRef: after.units[0].ref, field: 'credit', before: String(before.units[0].credit), after: '99' }]);
  });
});

describe('sharing an imported specification', () => {
  it('JSON reads back as the same specification, qualification and rules included', async () => {
    const spec = await finished(bytes(CARE), CARE);
    const file = specificationJsonFile(spec);
    expect(readSpecificationJson(file.text, file.filename)).toEqual([spec]);
    expect(looksLikeSpecificationFile(file.filename, file.text.slice(0, 4096))).toBe(true);
    expect(() => readSpecificationJson('{"format":"evidence-mapper-backup"}', 'b.json')).toThrow(/not a specification exported/);
  });

  it('CSV in the template columns imports back to the same units, outcomes and criteria', async () => {
    const spec = await finished(bytes(CARE), CARE);
    const file = specificationCsvFile(spec);
    expect(file.text.split('\r\n')[0]).toBe('unit ref,unit title,level,credit,GLH,outcome number,outcome title,criterion number,criterion text');
    const again = finishSpecification((await importFile(enc(file.text), file.filename)).specification, spec.id, qual(spec));
    expect(again.units).toEqual(spec.units.map(({ notes: _n, ...u }) => u));
    expect(looksLikeSpecificationFile(file.filename, file.text)).toBe(true);
  });

  it('tells a specification from a backup or tag set', () => {
    expect(looksLikeSpecificationFile('units.txt', 'anything')).toBe(true);
    expect(looksLikeSpecificationFile('backup.json', '{"format":"evidence-mapper-backup"')).toBe(false);
    expect(looksLikeSpecificationFile('tags.csv', 'learner,page,quote,criterion\r\n')).toBe(false);
    expect(looksLikeSpecificationFile('catalogue.json', '{\n  "formatVersion": 1,\n  "specifications": [')).toBe(true);
    expect(looksLikeSpecificationFile('backup.jsonld', '{"@context": {"formatVersion": 1}, "specifications": [')).toBe(false);
  });
});

describe('source lines beside the review', () => {
  it('places each unit and criterion on the line it was read from', async () => {
    const { specification } = await importFile(bytes(CARE), CARE);
    const lines = sourceLinesOf(bytes(CARE), CARE);
    const at = locateRows(specification, lines);
    const raw = text(CARE).split('\n');
    const first = specification.units[0];
    expect(raw[at.get(`unit:${first.ref}`)! - 1]).toContain(first.ref);
    for (const u of specification.units) {
      for (const o of u.outcomes) {
        for (const c of o.criteria) {
          expect(at.has(c.id), c.id).toBe(true);
          expect(raw[at.get(c.id)! - 1]).toContain(c.text.slice(0, 20));
        }
      }
    }
  });
});
