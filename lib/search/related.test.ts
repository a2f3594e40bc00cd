import { describe, expect, it } from 'vitest';
import { criterion } from '../../test/fixtures/search-criteria';
import { createCriteriaIndex } from './index';
import { relatedWords } from './related-table';

// Written for this test: no word of the passages below is printed here.
const criteria = [
  criterion('U1', 'Handling calls', '1.1', 'Answer the telephone promptly'),
  criterion('U1', 'Handling calls', '1.2', 'Take a message for an absent colleague'),
  criterion('U2', 'Working with others', '2.1', 'Report a problem to your supervisor'),
  criterion('U2', 'Working with others', '2.2', 'Keep the work area tidy'),
];

describe('related words (WordNet, general English)', () => {
  it('gives a word its synonyms and broader words, for its inflected forms too', () => {
    expect(relatedWords('phone')).toContainEqual({ word: 'telephone', weight: 1 });
    expect(relatedWords('phones')).toEqual(relatedWords('phone'));
    expect(relatedWords('boss')).toContainEqual({ word: 'supervisor', weight: 0.5 });
    expect(relatedWords('xyzzy')).toEqual([]);
  });

  it("lets a learner's word that the specification never prints find the criterion, and says through which word", () => {
    const index = createCriteriaIndex(criteria, {}, { related: relatedWords });
    const phone = index.suggest('When it rang I picked the phone up straight away.', { limit: 2 });
    expect(phone[0]?.id).toBe('x:U1:1.1');
    expect(phone[0].because).toContain('phone (as telephone)');
    const boss = index.suggest('The printer jammed again so I told my boss about it.', { limit: 2 });
    expect(boss[0]?.id).toBe('x:U2:2.1');
    expect(boss[0].because).toContain('boss (as supervisor)');
  });

  it('is not used by an index given no lookup (the table is loaded apart, by whoever needs it)', () => {
    const index = createCriteriaIndex(criteria);
    expect(index.suggest('When it rang I picked the phone up straight away.', { limit: 2 }).map((h) => h.id)).not.toContain('x:U1:1.1');
  });

  it('is not used when switched off (the bench measures it that way)', () => {
    const index = createCriteriaIndex(criteria, { relatedWeight: 0 }, { related: relatedWords });
    expect(index.suggest('When it rang I picked the phone up straight away.', { limit: 2 }).map((h) => h.id)).not.toContain('x:U1:1.1');
  });
});
