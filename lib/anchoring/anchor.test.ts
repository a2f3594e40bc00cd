// @vitest-environment jsdom
import { describe as suite, expect, it } from 'vitest';
import { anchor, anchorAtPosition, describe } from './index.ts';
import type { Selector, TextQuoteSelector } from './types.ts';

function page(html: string): HTMLElement {
  document.body.innerHTML = html;
  return document.body;
}

/** A Range over the first occurrence of `words` inside the element matching `selector` (one text node). */
function rangeOf(selector: string, words: string, nth = 0): Range {
  const el = document.querySelectorAll(selector)[nth];
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let t = walker.nextNode() as Text | null; t; t = walker.nextNode() as Text | null) {
    const at = t.data.indexOf(words);
    if (at >= 0) {
      const r = document.createRange();
      r.setStart(t, at);
      r.setEnd(t, at + words.length);
      return r;
    }
  }
  throw new Error(`no "${words}" in ${selector}`);
}

const quoteOf = (sels: Selector[]) => sels.find((s): s is TextQuoteSelector => s.type === 'TextQuoteSelector')!;
const flat = (s: string) => s.replace(/\s+/g, ' ').trim();

suite('describe', () => {
  it('writes all three selectors, with context, for a range across elements', () => {
    const root = page('<p>Alpha beta <b>gamma</b> delta.</p><p>Epsilon zeta eta.</p>');
    const r = document.createRange();
    r.setStart(root.querySelector('b')!.firstChild!, 2);
    r.setEnd(root.querySelectorAll('p')[1].firstChild!, 7);
    const sels = describe(root, r);
    expect(sels.map((s) => s.type).sort()).toEqual(['RangeSelector', 'TextPositionSelector', 'TextQuoteSelector']);
    expect(quoteOf(sels)).toEqual({ type: 'TextQuoteSelector', exact: 'mma delta.\nEpsilon', prefix: 'Alpha beta ga', suffix: ' zeta eta.' });
  });

  it('ignores script, style, template and noscript text and trims a selection that starts or ends in them', () => {
    const root = page('<div>One <script>var x = 1;</script>two <style>p{}</style>three<template>hidden</template><noscript>no</noscript> four</div>');
    const r = document.createRange();
    r.setStart(root.querySelector('script')!.firstChild!, 2);
    r.setEnd(root.querySelector('noscript')!.firstChild!, 1);
    expect(quoteOf(describe(root, r)).exact).toBe('two three');
  });

  it('trims a selection made between elements to the words inside it', () => {
    const root = page('<ul>\n  <li>First item</li>\n  <li>Second item</li>\n</ul>');
    const ul = root.querySelector('ul')!;
    const r = document.createRange();
    r.setStart(ul, 0);
    r.setEnd(ul, 2);
    expect(quoteOf(describe(root, r)).exact).toBe('First item');
  });

  it('returns nothing for a selection of hidden or blank content', () => {
    const root = page('<p>Words</p><script>code()</script>   <p>More</p>');
    const r = document.createRange();
    r.selectNode(root.querySelector('script')!);
    expect(describe(root, r)).toEqual([]);
  });
});

suite('anchor', () => {
  it('anchors freshly described passages exactly, via each selector alone', async () => {
    const root = page('<h1>Title</h1><p>The learner <em>completed</em> the risk assessment form.</p><p>Then signed it.</p>');
    const p = root.querySelector('p')!;
    const r = document.createRange();
    r.setStart(p.firstChild!, 4);
    r.setEnd(p.lastChild!, 9);
    const sels = describe(root, r);
    const want = flat(r.toString());
    const all = await anchor(root, sels);
    expect(all.status).toBe('exact');
    expect(flat(all.range!.toString())).toBe(want);
    for (const s of sels) {
      const one = await anchor(root, [s]);
      expect(flat(one.range!.toString()), s.type).toBe(want);
    }
  });

  it('finds the right occurrence of repeated words by their context', async () => {
    const root = page('<p>Check the tap is off.</p><p>Then check the tap is off again.</p><p>Finally check the tap is off.</p>');
    const r = rangeOf('p', 'the tap is off', 1);
    const sels = describe(root, r);
    // Drop the cheap selectors so only the quote and its context can decide.
    const res = await anchor(root, [quoteOf(sels)]);
    expect(res.status).toBe('exact');
    expect(res.range!.startContainer.parentNode).toBe(root.querySelectorAll('p')[1]);
  });

  it('still finds a passage exactly after content is inserted before it and whitespace re-flows', async () => {
    const root = page('<p>Intro.</p><p>The candidate explained the procedure clearly.</p>');
    const sels = describe(root, rangeOf('p', 'explained the procedure', 1));
    root.insertAdjacentHTML('afterbegin', '<div><p>New banner</p><p>Another</p></div>');
    const p = root.querySelectorAll('p')[3];
    p.innerHTML = '\n   The candidate\n      explained   the\tprocedure clearly.\n';
    const res = await anchor(root, sels);
    expect(res.status).toBe('exact');
    expect(flat(res.range!.toString())).toBe('explained the procedure');
  });

  it('sees a change made just before the call (the cached index is mutation-safe)', async () => {
    const root = page('<p>First version of the sentence here.</p>');
    const sels = describe(root, rangeOf('p', 'sentence here'));
    await anchor(root, sels);
    root.querySelector('p')!.firstChild!.textContent = 'A prologue. First version of the sentence here.';
    const res = await anchor(root, sels);
    expect(res.status).toBe('exact');
    expect(res.range!.toString()).toBe('sentence here');
  });

  it('anchors an edited passage fuzzily, on the edited words, within the edit budget', async () => {
    const root = page('<p>Before text that stays. The apprentice demonstrated safe lifting technique today. After text that stays.</p>');
    const sels = describe(root, rangeOf('p', 'The apprentice demonstrated safe lifting technique today.'));
    root.querySelector('p')!.firstChild!.textContent = 'Before text that stays. The apprentice demonstrated a safe lifting technic today. After text that stays.';
    const res = await anchor(root, sels);
    expect(res.status).toBe('fuzzy');
    expect(res.range!.toString()).toBe('The apprentice demonstrated a safe lifting technic today.');
  });

  it('prefers the edited passage in place over an unedited copy elsewhere', async () => {
    const root = page('<p>Quoted in the summary: safe lifting technique observed.</p><p>On the day the learner showed safe lifting technique observed by me.</p>');
    const sels = describe(root, rangeOf('p', 'safe lifting technique observed', 1));
    root.querySelectorAll('p')[1].firstChild!.textContent = 'On the day the learner showed safe lifting technicue observed by me.';
    const res = await anchor(root, sels);
    expect(res.status).toBe('fuzzy');
    expect(res.range!.startContainer.parentNode).toBe(root.querySelectorAll('p')[1]);
  });

  it('orphans a passage whose words are gone rather than highlight other words', async () => {
    const root = page('<p>Keep this line. The learner wrote a reflective account of the visit. Keep that line.</p>');
    const sels = describe(root, rangeOf('p', 'The learner wrote a reflective account of the visit.'));
    root.querySelector('p')!.firstChild!.textContent = 'Keep this line. Something else entirely now sits in this place instead. Keep that line.';
    expect(await anchor(root, sels)).toEqual({ range: null, status: 'orphan' });
  });

  it('orphans a passage rewritten in place rather than jump to a copy of its old words', async () => {
    const root = page('<p>Menu: the Mozilla Foundation and friends.</p><p>Funded since 2003 by the Mozilla Foundation and partners today.</p>');
    const sels = describe(root, rangeOf('p', 'the Mozilla Foundation', 1));
    root.querySelectorAll('p')[1].firstChild!.textContent = 'Funded since 2003 by tpe Mozulla Fxundatiqn and partners today.';
    expect((await anchor(root, sels)).status).toBe('orphan');
  });

  it('orphans a short passage whose only copy has different words on both sides', async () => {
    const root = page('<p>Alpha said the word yes to Bravo.</p><p>Charlie never says yes lightly.</p>');
    const sels = describe(root, rangeOf('p', 'yes'));
    root.querySelector('p')!.remove();
    expect((await anchor(root, sels)).status).toBe('orphan');
  });

  it('accepts the Hypothesis API RangeSelector form (textContent offsets)', async () => {
    const root = page('<div>One Two Three</div>\n');
    const res = await anchor(root, [
      { type: 'RangeSelector', startContainer: '/div[1]', endContainer: '/div[1]', startOffset: 4, endOffset: 7 } as unknown as Selector,
    ]);
    expect(res.range!.toString()).toBe('Two');
    const full = await anchor(root, [
      { type: 'RangeSelector', startContainer: '/div[1]', endContainer: '/div[1]', startOffset: 4, endOffset: 7 } as unknown as Selector,
      { type: 'TextQuoteSelector', exact: 'Two', prefix: 'One ', suffix: ' Three\n' },
    ]);
    expect(full.status).toBe('exact');
  });

  it('rejects a cheap selector whose text is not the quote and searches instead', async () => {
    const root = page('<p>Aaa bbb ccc ddd eee.</p>');
    const res = await anchor(root, [
      { type: 'TextPositionSelector', start: 0, end: 3 },
      { type: 'TextQuoteSelector', exact: 'ddd', prefix: 'ccc ', suffix: ' eee' },
    ]);
    expect(res.status).toBe('exact');
    expect(res.range!.toString()).toBe('ddd');
  });

  // Issue 13: hidden content is never a candidate, for the quote search or the cheap selectors.
  const S = 'The learner checked the isolation of the supply before starting work.';
  const twoCopies = (p2Attrs = '') =>
    page(`<p>On Monday the team rewired the kitchen. ${S} The client was informed.</p><p ${p2Attrs}>On Tuesday we moved to the bathroom. ${S} Tools were put away after.</p><p>Reflection: next time I will label the circuits first.</p>`);

  it('orphans the second of two identical sentences when its paragraph is deleted, rather than paint the first', async () => {
    const root = twoCopies();
    const sels = describe(root, rangeOf('p', S, 1));
    root.querySelectorAll('p')[1].remove();
    expect(await anchor(root, sels)).toEqual({ range: null, status: 'orphan' });
  });

  it('orphans the second of two identical sentences when its paragraph is hidden (display:none, [hidden], visibility:hidden)', async () => {
    for (const hide of [(p: HTMLElement) => (p.style.display = 'none'), (p: HTMLElement) => (p.hidden = true), (p: HTMLElement) => (p.style.visibility = 'hidden')]) {
      const root = twoCopies();
      const sels = describe(root, rangeOf('p', S, 1));
      hide(root.querySelectorAll('p')[1] as HTMLElement);
      expect(await anchor(root, sels)).toEqual({ range: null, status: 'orphan' });
    }
  });

  it('never anchors on a hidden copy left behind, even one with the same context', async () => {
    const p2 = `On Tuesday we moved to the bathroom. ${S} Tools were put away after.`;
    const hiders = [
      `<div style="display:none"><p>${p2}</p></div>`,
      `<div class="gone"><p>${p2}</p></div>`,
      `<p hidden>${p2}</p>`,
      `<p style="visibility:hidden">${p2}</p>`,
      `<details><summary>Print version</summary><p>${p2}</p></details>`,
      `<template><p>${p2}</p></template>`,
    ];
    for (const hidden of hiders) {
      const root = twoCopies();
      root.insertAdjacentHTML('afterbegin', '<style>.gone { display: none }</style>');
      const sels = describe(root, rangeOf('p', S, 1));
      root.querySelectorAll('p')[1].remove();
      root.insertAdjacentHTML('beforeend', hidden);
      expect(await anchor(root, sels), hidden).toEqual({ range: null, status: 'orphan' });
    }
  });

  it('rejects a range selector that lands on hidden text', async () => {
    const root = page('<div>One</div><div style="display:none">Two</div><div>Three</div>');
    const res = await anchor(root, [{ type: 'RangeSelector', startContainer: '/div[2]', endContainer: '/div[3]', startOffset: 0, endOffset: 3 } as unknown as Selector]);
    expect(res).toEqual({ range: null, status: 'orphan' });
  });
});

suite('anchorAtPosition (a document whose text is still arriving)', () => {
  it('places a passage only where its position finds its words and context, and never searches', () => {
    const root = page('<div id="p1"><p>Jordan greeted Mrs Patel by name and asked how she had slept.</p></div>');
    const sels = describe(root, rangeOf('p', 'asked how she had slept'));
    expect(anchorAtPosition(root, sels)?.toString()).toBe('asked how she had slept');
    // The same words elsewhere (a later page not yet rendered moved them): not placed, left for the whole text.
    page('<div id="p1"><p>Cover page.</p><p>Jordan greeted Mrs Patel by name and asked how she had slept.</p></div>');
    expect(anchorAtPosition(document.body, sels)).toBeNull();
    // A quote without a position: nothing to check, so nothing placed.
    expect(anchorAtPosition(document.body, sels.filter((s) => s.type !== 'TextPositionSelector'))).toBeNull();
  });
});
