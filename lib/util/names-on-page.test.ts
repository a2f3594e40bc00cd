import { describe, expect, it } from 'vitest';
import { otherLearnersNamed } from './names-on-page';

const jordan = { id: 'l1', name: 'Jordan Ellis', reference: '4821039576' };
const casey = { id: 'l2', name: 'Casey Morgan', reference: 'CM-0042' };
const jo = { id: 'l3', name: 'Jo' };
const all = [jordan, casey, jo];

describe('otherLearnersNamed', () => {
  it('names the other learner when the page names them and not the current one', () => {
    expect(otherLearnersNamed('Evidence library of JORDAN  ELLIS\u00a0(learner)', 'l2', all)).toEqual([jordan]);
    expect(otherLearnersNamed('Learner: Ellis, Jordan', 'l2', all)).toEqual([jordan]);
    expect(otherLearnersNamed('ULN 4821039576', 'l2', all)).toEqual([jordan]);
    expect(otherLearnersNamed('Ref: cm 0042', 'l1', all)).toEqual([casey]);
  });

  it('says nothing when the page names the current learner too, or no one known', () => {
    expect(otherLearnersNamed('Jordan Ellis and Casey Morgan, group work', 'l2', all)).toEqual([]);
    expect(otherLearnersNamed('A page about customer service', 'l2', all)).toEqual([]);
  });

  it('matches whole words only, and ignores names too short to mean anything', () => {
    expect(otherLearnersNamed('Jordan Ellison wrote this', 'l2', all)).toEqual([]);
    expect(otherLearnersNamed('48210395761 is another number', 'l2', all)).toEqual([]);
    expect(otherLearnersNamed('Jo said hello', 'l1', all)).toEqual([]);
  });

  it('ignores accents and case', () => {
    const zoe = { id: 'l4', name: 'Zoë Brontë' };
    expect(otherLearnersNamed('zoe bronte', 'l1', [jordan, zoe])).toEqual([zoe]);
  });
});
