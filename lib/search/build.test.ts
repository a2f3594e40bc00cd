import { describe, expect, it } from 'vitest';
import { smallCatalogue } from '../../test/fixtures/search';
import { buildIndexData, buildSuggestData, createScratch, type Pass } from './build';
import { flattenCatalogue } from './flatten';
import { createCriteriaIndex } from './index';
import { lastScopeMask } from './scope';
import { search } from './search';
import { suggest } from './suggest';
import { tuningOf } from './weights';
import { relatedWords } from './related-table';

const criteria = flattenCatalogue(smallCatalogue());

describe('buildIndexData', () => {
  const data = buildIndexData(criteria);

  it('lists each unit under its key and its id, and each criterion under its number', () => {
    expect(data.unitDocs.get('CS27')!.map((d) => criteria[d].id)).toEqual(['skills-cfa-l3:CS27:1.1', 'skills-cfa-l3:CS27:1.4']);
    expect(data.unitDocs.get('skills-cfa-l3:CS27')).toEqual(data.unitDocs.get('CS27'));
    expect(data.unitKeys.sorted).toEqual(['CS27', 'CU795', 'CU824', 'L5062150', 'R5062151']);
    expect(data.numberDocs.get('2.3')!.map((d) => criteria[d].unitRef)).toEqual(['CU795', 'CU824', 'L/506/2150', 'R/506/2151']);
    expect(data.byId.get('edi-l2:CU795:2.3')).toBe(criteria.findIndex((c) => c.id === 'edi-l2:CU795:2.3'));
  });

  it('weighs a word by the field it is in: text 1, outcome title 0.6, unit title 0.5', () => {
    const weightsOf = (w: string) => {
      const t = data.words.ids.get(w)!;
      return [...data.words.postWeights.subarray(data.words.offsets[t], data.words.offsets[t + 1])];
    };
    expect(weightsOf('journey')).toEqual([1]);
    expect(weightsOf('process')).toEqual([0.5, 0.5, 0.5, 0.5]); // CU824's title only
    expect(weightsOf('plan')).toEqual([Math.fround(0.6)]); // one outcome title
  });
});

describe('buildSuggestData', () => {
  it('scores units as documents and marks knowledge criteria', () => {
    const data = buildIndexData(criteria);
    const sp = buildSuggestData(data);
    expect(sp.knowledge[data.byId.get('edi-l2:CU795:2.2')!]).toBe(1);
    expect(sp.knowledge[data.byId.get('edi-l2:CU795:1.1')!]).toBe(0);
    expect(sp.unitOf[data.byId.get('edi-l2:CU795:1.1')!]).toBe(sp.unitOf[data.byId.get('edi-l2:CU795:2.4')!]);
    expect(sp.avgLen).toBeGreaterThan(0);
  });
});

describe('Scratch', () => {
  it('has its scores left zero by every search and suggestion', () => {
    const data = buildIndexData(criteria);
    const scratch = createScratch(criteria.length);
    const learning = { model: null, crit: new Float32Array(criteria.length), unit: new Float32Array(0), near: new Float32Array(criteria.length), seen: new Uint8Array(criteria.length) };
    const pass: Pass = { data, scratch, masks: lastScopeMask(criteria, data.unitDocs), tuning: tuningOf({}), learning, related: relatedWords };
    const parts = buildSuggestData(data);
    expect(search(pass, 'CU795 2.3 body lang').length).toBeGreaterThan(0);
    expect(search(pass, 'complaynt', { scope: { unit: 'CU824' } }).length).toBeGreaterThan(0);
    expect(suggest(pass, () => parts, 'I said sorry to the customer and listened to her complaint.').length).toBeGreaterThan(0);
    for (const a of [scratch.acc, scratch.best, scratch.codeScore]) expect(a.every((x) => x === 0)).toBe(true);
  });
});

describe('createCriteriaIndex', () => {
  it('builds what suggest needs on the first suggestion only', () => {
    const index = createCriteriaIndex(criteria);
    index.search('complaint');
    expect(index.stats.suggestBuildMs).toBeNull();
    expect(index.stats.stems).toBe(0);
    index.suggest('I listened to the customer.');
    expect(index.stats.suggestBuildMs).not.toBeNull();
    expect(index.stats.stems).toBeGreaterThan(0);
  });
});
