import { describe, expect, it } from 'vitest';
import { smallCatalogue } from '../../test/fixtures/search';
import { createCriteriaIndex, flattenCatalogue } from './index';

const criteria = flattenCatalogue(smallCatalogue());
const index = createCriteriaIndex(criteria);
const ids = (hits: { id: string }[]) => hits.map((h) => h.id);

describe('flattenCatalogue', () => {
  it('carries unit, outcome and the qualifications that list the unit', () => {
    const c = criteria.find((x) => x.id === 'habc-l3:L5062150:1.4')!;
    expect(c).toMatchObject({
      specId: 'habc-l3',
      unitRef: 'L/506/2150',
      unitTitle: 'Organise and deliver customer service',
      outcomeTitle: 'Understand how to organise customer service delivery',
      number: '1.4',
      qualificationIds: ['habc-l3:601/4027/6'],
    });
    expect(criteria).toHaveLength(18);
  });
});

describe('search by code', () => {
  it.each([
    ['CU795 2.3', 'edi-l2:CU795:2.3'],
    ['cu795 2.3', 'edi-l2:CU795:2.3'],
    ['L/506/2150 1.4', 'habc-l3:L5062150:1.4'],
    ['l5062150 1.4', 'habc-l3:L5062150:1.4'],
    ['CS 27 1.4', 'skills-cfa-l3:CS27:1.4'],
    ['cs27 1.1', 'skills-cfa-l3:CS27:1.1'],
  ])('%s finds its criterion first', (q, id) => {
    expect(index.search(q)[0].id).toBe(id);
  });

  it('a unit code alone lists that unit in document order', () => {
    expect(ids(index.search('L5062150'))).toEqual(['habc-l3:L5062150:1.3', 'habc-l3:L5062150:1.4', 'habc-l3:L5062150:2.3']);
    expect(index.search('CS 27').map((h) => h.criterion.unitRef)).toEqual(['CS 27', 'CS 27']);
  });

  it('a bare number is read within the scope', () => {
    expect(index.search('2.3', { scope: { unit: 'CU795' } })[0].id).toBe('edi-l2:CU795:2.3');
    expect(index.search('2.3', { scope: { unit: 'R/506/2151' } })[0].id).toBe('habc-l3:R5062151:2.3');
    expect(index.search('2.3', { scope: { qualification: '601/4027/6' } }).slice(0, 2).every((h) => h.inScope)).toBe(true);
  });

  it('a unit code still being typed offers that unit', () => {
    expect(index.search('cu79')[0].criterion.unitRef).toBe('CU795');
    expect(index.search('L/506/215').every((h) => h.criterion.specId === 'habc-l3')).toBe(true);
  });

  it('code and words together narrow within the unit', () => {
    expect(index.search('cu795 body language use')[0].id).toBe('edi-l2:CU795:2.4');
  });
});

describe('search by words', () => {
  it.each([
    ['body lang', ['edi-l2:CU795:2.3', 'edi-l2:CU795:2.4']],
    ['language body', ['edi-l2:CU795:2.3', 'edi-l2:CU795:2.4']],
    ['data protection', ['edi-l2:CU824:2.1']],
    ['complaynt', ['edi-l2:CU824:1.1', 'edi-l2:CU824:1.2', 'habc-l3:R5062151:2.3', 'habc-l3:R5062151:2.4', 'edi-l2:CU824:2.1', 'edi-l2:CU824:2.3']],
    ['confidentality', ['edi-l2:CU824:2.3']],
    ['escalte', ['edi-l2:CU824:1.2', 'habc-l3:R5062151:2.4']],
    ['segmenting customer', ['habc-l3:L5062150:1.4']],
    ['customer journ', ['skills-cfa-l3:CS27:1.4']],
  ])('%s finds an expected criterion in the top 3', (q, expected) => {
    const top = ids(index.search(q, { limit: 3 }));
    expect(top.some((id) => expected.includes(id))).toBe(true);
  });

  it('reports the criterion words that matched', () => {
    const hit = index.search('body lang')[0];
    expect(hit.matched).toEqual(expect.arrayContaining(['body', 'language']));
    expect(hit.because).toEqual(['body', 'lang']);
    expect(index.search('complaynt')[0].matched.some((w) => w.startsWith('complaint'))).toBe(true);
  });

  it('ranks in-scope criteria first, then the rest', () => {
    const hits = index.search('escalate complaints', { scope: { qualification: 'habc-l3:601/4027/6' } });
    expect(hits[0].id).toBe('habc-l3:R5062151:2.4');
    const firstOut = hits.findIndex((h) => !h.inScope);
    expect(firstOut).toBeGreaterThan(0);
    expect(hits.slice(firstOut).every((h) => !h.inScope)).toBe(true);
    expect(hits.some((h) => h.id === 'edi-l2:CU824:1.2')).toBe(true);
  });

  it('honours the limit and scores in (0, 1], best first', () => {
    const hits = index.search('customer', { limit: 4 });
    expect(hits).toHaveLength(4);
    for (const h of hits) expect(h.score).toBeGreaterThan(0);
    for (let i = 1; i < hits.length; i++) expect(hits[i].score).toBeLessThanOrEqual(hits[i - 1].score);
  });
});

describe('awkward queries return nothing or little, without error', () => {
  it.each([
    ['empty', ''],
    ['whitespace', '   \t\n '],
    ['punctuation', '?!.,;:-()[]{}/\\\'"'],
    ['10,000 characters', 'complaint '.repeat(1000)],
    ['10,000 letters in one word', 'x'.repeat(10_000)],
  ])('%s', (_, q) => {
    const hits = index.search(q);
    expect(Array.isArray(hits)).toBe(true);
    if (!q.trim() || !/[a-z0-9]/i.test(q)) expect(hits).toEqual([]);
    expect(Array.isArray(index.suggest(q))).toBe(true);
  });
});

describe('suggest', () => {
  it('maps a learner-voice passage to the criteria it evidences', () => {
    const hits = index.suggest(
      'The customer was really upset about her order so I listened carefully to what she was saying without interrupting, ' +
        'then I said sorry for the problem and explained what I could do.',
      { limit: 5 },
    );
    expect(ids(hits)).toContain('edi-l2:CU795:1.1');
    const listen = hits.find((h) => h.id === 'edi-l2:CU795:1.1')!;
    expect(listen.because).toContain('listened');
  });

  it('learns from a confirmed mapping: a similar passage then finds its criterion, and says why; forgetting removes it', () => {
    const ix = createCriteriaIndex(criteria);
    const passage = 'I said sorry to the lady and told her it was our fault, she was fuming about the broken kettle.';
    const rank = () => ids(ix.suggest(passage, { limit: 18 })).indexOf('habc-l3:R5062151:2.3');
    const cold = rank();
    expect(ix.learn([{ criterionId: 'habc-l3:R5062151:2.3', text: 'The man was fuming so I said sorry straight away and owned up that it was our fault.' }])).toBe(1);
    expect(rank()).toBe(0);
    expect(rank()).toBeLessThan(cold < 0 ? Infinity : cold);
    const hit = ix.suggest(passage, { limit: 3 }).find((h) => h.id === 'habc-l3:R5062151:2.3')!;
    expect(hit.learned).toEqual(expect.arrayContaining(['sorry', 'fuming']));
    expect(ix.learn([])).toBe(0);
    expect(rank()).toBe(cold);
  });

  it('ignores learned mappings to criteria it does not hold', () => {
    const ix = createCriteriaIndex(criteria);
    expect(ix.learn([{ criterionId: 'nowhere:X1:1.1', text: 'anything at all' }])).toBe(0);
  });

  it('ranks in scope first', () => {
    const hits = index.suggest('I passed the complaint to my manager because it was outside my authority to refund.', {
      scope: { units: ['R/506/2151'] },
    });
    expect(hits[0].id).toBe('habc-l3:R5062151:2.4');
    expect(hits.filter((h) => h.inScope).length).toBe(2);
  });

  it('ranks the learner\'s chosen units, then the rest of the qualification, and hides others unless widened', () => {
    const passage = 'I listened to the customer, kept eye contact and said sorry about the complaint, then passed it to my manager.';
    const scope = { qualification: 'edi-l2:500/9378/2', chosenUnits: ['CU824'] };
    const hits = index.suggest(passage, { limit: 18, scope: { ...scope, outside: 'hide' } });
    expect(hits.length).toBeGreaterThan(1);
    expect(hits[0].group).toBe('chosen');
    expect(hits[0].id).toMatch(/^edi-l2:CU824:/);
    expect(hits.every((h) => h.criterion.specId === 'edi-l2')).toBe(true);
    expect(hits.filter((h) => h.group === 'chosen').every((h) => h.criterion.unitRef === 'CU824')).toBe(true);
    const widened = index.suggest(passage, { limit: 18, scope });
    expect(widened.some((h) => h.group === 'other' && h.criterion.specId !== 'edi-l2')).toBe(true);
  });

  it('does not put a weak match in the learner\'s units above a strong one in the rest of the qualification', () => {
    const passage = 'I listened actively to what the customer was telling me and did not interrupt.';
    const scope = { qualification: 'edi-l2:500/9378/2', chosenUnits: ['CU824'], outside: 'hide' as const };
    const hits = index.suggest(passage, { limit: 18, scope });
    expect(hits[0]).toMatchObject({ id: 'edi-l2:CU795:1.1', group: 'scope' });
    const strong = index.suggest('I escalated the complaint outside my authority to the appropriate person.', { limit: 18, scope });
    expect(strong[0]).toMatchObject({ id: 'edi-l2:CU824:1.2', group: 'chosen' });
  });
});

describe('index stats', () => {
  it('reports its size', () => {
    expect(index.size).toBe(18);
    expect(index.stats.words).toBeGreaterThan(20);
    expect(index.stats.bytes).toBeGreaterThan(0);
    expect(index.get('edi-l2:CU795:2.3')?.number).toBe('2.3');
  });
});
