import { describe, expect, it } from 'vitest';
import { filterCoverage } from './filter';
import { gapsOnly, unitCoverage } from './unit-coverage';
import { FX, mapping } from '../../test/fixtures/coverage';

const units = FX.units.slice(0, 3).map((u) => unitCoverage('fx', u, [mapping('L', 'p1', 'fx:M1000001:1.1')]));

describe('search within the panel', () => {
  it('keeps only criteria holding every word, in their units and outcomes', () => {
    const r = filterCoverage(units, 'summarise agreed');
    expect(r.map((u) => [u.ref, u.outcomes.map((o) => [o.number, o.criteria.map((c) => c.number)])])).toEqual([['M/100/0001', [['2', ['2.1']]]]]);
    // The unit's own figures are unchanged by the search.
    expect(r[0]).toMatchObject({ evidenced: 1, total: 3 });
  });

  it('finds by unit ref and by criterion number', () => {
    expect(filterCoverage(units, 'O/100/0003').map((u) => u.ref)).toEqual(['O/100/0003']);
    expect(filterCoverage(units, 'M/100/0002 1.3').flatMap((u) => u.outcomes.flatMap((o) => o.criteria.map((c) => c.text)))).toEqual(['Apply them']);
  });

  it('keeps everything for an empty query and nothing for words found nowhere', () => {
    expect(filterCoverage(units, '  ')).toEqual(units);
    expect(filterCoverage(units, 'zebra')).toEqual([]);
  });

  it('matches a criterion by its outcome\'s words too, as the catalogue browser does', () => {
    const ids = (r: ReturnType<typeof filterCoverage>) => r.flatMap((u) => u.outcomes.flatMap((o) => o.criteria.map((c) => c.id)));
    expect(ids(filterCoverage(units, 'greet'))).toEqual(['fx:M1000001:1.1', 'fx:M1000001:1.2']);
    // With "gaps only", the evidenced 1.1 is gone.
    expect(ids(filterCoverage(units.map(gapsOnly), 'greet'))).toEqual(['fx:M1000001:1.2']);
  });
});
