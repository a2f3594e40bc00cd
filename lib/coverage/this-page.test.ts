import { describe, expect, it } from 'vitest';
import { pagePassages } from './this-page';
import { FX, mapping, passage } from '../../test/fixtures/coverage';

describe('"this page"', () => {
  it('lists the page\'s passages oldest first, each with its criteria in catalogue order', () => {
    const passages = [passage('p2', 'L', 'pg', 'second passage', 5), passage('p1', 'L', 'pg', 'first passage', 1), passage('p3', 'L', 'pg', 'not tagged yet', 9)];
    const mappings = [
      mapping('L', 'p1', 'fx:O1000003:1.2', 'Obs', { note: 'agreed a refund' }),
      mapping('L', 'p1', 'fx:M1000001:1.1', 'Wt'),
      mapping('L', 'p2', 'fx:M1000002:1.3', 'D'),
      mapping('L', 'elsewhere', 'fx:M1000002:1.1', 'D'), // another page's passage
    ];
    const result = pagePassages(passages, mappings, [FX], new Set(['p2']));
    expect(result.map((p) => [p.passageId, p.quote, p.orphan])).toEqual([
      ['p1', 'first passage', false],
      ['p2', 'second passage', true],
      ['p3', 'not tagged yet', false],
    ]);
    expect(result[0].criteria.map((c) => [c.criterionId, c.number, c.unitRef, c.method])).toEqual([
      ['fx:M1000001:1.1', '1.1', 'M/100/0001', 'Wt'],
      ['fx:O1000003:1.2', '1.2', 'O/100/0003', 'Obs'],
    ]);
    expect(result[0].criteria[1]).toMatchObject({ text: 'Agree a remedy', unitTitle: 'Handle complaints', unitId: 'fx:O1000003', specId: 'fx', note: 'agreed a refund' });
    expect(result[1].criteria.map((c) => c.text)).toEqual(['Apply them']);
    expect(result[2].criteria).toEqual([]);
  });

  it('keeps a mapping to a criterion the catalogue no longer has, without catalogue words', () => {
    const [p] = pagePassages([passage('p1', 'L', 'pg', 'q')], [mapping('L', 'p1', 'gone:X1:1.1')], [FX]);
    expect(p.criteria).toHaveLength(1);
    expect(p.criteria[0]).toMatchObject({ criterionId: 'gone:X1:1.1', number: null, unitRef: null, text: '' });
  });
});
