import { describe, expect, it } from 'vitest';
import { cleanText, parseLevel, splitCriteria } from './text';

describe('cleanText', () => {
  it('drops tags and markdown, decodes entities, collapses whitespace', () => {
    expect(cleanText('<p>1.1 Listen &amp; <b>respond</b></p>  <p>**now**</p>')).toBe('1.1 Listen & respond now');
  });
  it('drops emphasis inside brackets and quotes but keeps asterisks and underscores within words', () => {
    expect(cleanText('permissible. (*Guidelines can be found in the Strategy – February 2010*)')).toBe(
      'permissible. (Guidelines can be found in the Strategy – February 2010)',
    );
    expect(cleanText('the "*service offer*" and _this_')).toBe('the "service offer" and this');
    expect(cleanText('file_name and 2*3')).toBe('file_name and 2*3');
  });
});

describe('splitCriteria', () => {
  it('splits criteria glued to the previous word', () => {
    const { pieces } = splitCriteria(
      '<ul style="list-style-type: none">1.1 Use all appropriate customer information to plan their call1.2 Anticipate their customer\'s expectations',
      '1',
    );
    expect(pieces).toEqual([
      { number: '1.1', text: 'Use all appropriate customer information to plan their call' },
      { number: '1.2', text: "Anticipate their customer's expectations" },
    ]);
  });
  it('reads numbers printed as "2.3." and keeps a number printed twice', () => {
    const { pieces } = splitCriteria('<p>2.2 Explain how</p> <p>2.3. Describe how</p> <p>2.3 Describe again</p>', '2');
    expect(pieces.map((p) => p.number)).toEqual(['2.2', '2.3', '2.3']);
    expect(pieces[1].text).toBe('Describe how');
  });
  it('leaves numbers of other outcomes inside the text alone and returns leading text', () => {
    const { lead, pieces } = splitCriteria('wrapped words 2.1 Follow the steps in 1.4 of the guide', '2');
    expect(lead).toBe('wrapped words');
    expect(pieces).toEqual([{ number: '2.1', text: 'Follow the steps in 1.4 of the guide' }]);
  });
});

describe('parseLevel', () => {
  it('reads digits, words and entry levels', () => {
    expect(parseLevel('Level 2')).toBe(2);
    expect(parseLevel('Level two')).toBe(2);
    expect(parseLevel('Entry 3')).toBe('Entry 3');
    expect(parseLevel('E3')).toBe('Entry 3');
    expect(parseLevel('none')).toBeNull();
  });
});
