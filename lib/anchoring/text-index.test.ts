// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { normalizeSpace, TextIndex, textIndexOf } from './text-index.ts';

describe('TextIndex', () => {
  it('reads what a reader sees: hidden elements skipped, whitespace collapsed, blocks separated', () => {
    document.body.innerHTML = '<h1>Title</h1><p>One\n   two <b>three</b><script>x()</script></p><style>p{}</style><div>four<br>five</div><template>t</template><noscript>n</noscript>';
    const index = new TextIndex(document.body);
    expect(index.text).toBe('Title One two three four five');
    expect(index.display(0, index.text.length)).toBe('Title\nOne two three\nfour\nfive');
  });

  it('leaves out what is not rendered: display:none (inline or from a style sheet), [hidden], visibility:hidden, a closed <details>', () => {
    document.body.innerHTML =
      '<style>.gone{display:none}</style><p>one</p><p style="display:none">x1</p><p class="gone">x2</p><p hidden>x3</p>' +
      '<div style="visibility:hidden">x4 <span style="visibility:visible">two</span></div>' +
      '<details><summary>three</summary>x5<p>x6</p></details><details open><summary>four</summary><p>five</p></details>';
    const index = new TextIndex(document.body);
    expect(index.text).toBe('one two three four five');
    expect(index.hides(document.querySelector('p[hidden]')!.firstChild!)).toBe(true);
    expect(index.hides(document.querySelector('p')!.firstChild!)).toBe(false);
  });

  it('is rebuilt when content is hidden by an attribute change', () => {
    document.body.innerHTML = '<p>shown</p><p>later hidden</p>';
    expect(textIndexOf(document.body).text).toBe('shown later hidden');
    (document.querySelectorAll('p')[1] as HTMLElement).style.display = 'none';
    expect(textIndexOf(document.body).text).toBe('shown');
  });

  it('maps offsets to DOM points and back, including points on elements', () => {
    document.body.innerHTML = '<p>alpha <em>beta</em></p><p>gamma</p>';
    const index = new TextIndex(document.body);
    const at = index.text.indexOf('beta');
    const [node, off] = index.startPoint(at);
    expect(node.data.slice(off)).toBe('beta');
    expect(index.offsetOf(node, off)).toBe(at);
    const second = document.querySelectorAll('p')[1];
    expect(index.elementStart(second)).toBe(index.text.indexOf('gamma'));
    expect(index.offsetOf(document.body, 0)).toBe(0);
    expect(index.toRange(at, at + 4)!.toString()).toBe('beta');
  });

  it('is reused while the DOM is unchanged and rebuilt after any change, even one just made', () => {
    document.body.innerHTML = '<p>first</p>';
    const a = textIndexOf(document.body);
    expect(textIndexOf(document.body)).toBe(a);
    document.querySelector('p')!.firstChild!.textContent = 'second';
    const b = textIndexOf(document.body);
    expect(b).not.toBe(a);
    expect(b.text).toBe('second');
  });

  it('remembers how elements show across text edits, and forgets it when an attribute or an element change can hide content', () => {
    document.body.innerHTML = '<style>.gone{display:none}</style><p id="a">one</p><p id="b">two</p><p id="c">three</p>';
    const root = document.body;
    expect(textIndexOf(root).text).toBe('one two three');
    const asked: Element[] = [];
    const real = window.getComputedStyle;
    window.getComputedStyle = ((el: Element, pseudo?: string | null) => (asked.push(el), real.call(window, el, pseudo))) as typeof window.getComputedStyle;
    try {
      // Text edited: rebuilt, and no element asked about again.
      document.getElementById('a')!.firstChild!.textContent = 'uno';
      expect(textIndexOf(root).text).toBe('uno two three');
      expect(asked).toEqual([]);
      // A class that hides an element: seen at once.
      document.getElementById('b')!.className = 'gone';
      expect(textIndexOf(root).text).toBe('uno three');
      expect(asked.length).toBeGreaterThan(0);
      // An element added (sibling and nth-child rules can change): every element asked again.
      asked.length = 0;
      const hidden = document.createElement('p');
      hidden.className = 'gone';
      hidden.textContent = 'four';
      root.appendChild(hidden);
      expect(textIndexOf(root).text).toBe('uno three');
      expect(asked).toContain(document.getElementById('c'));
    } finally {
      window.getComputedStyle = real;
    }
  });

  it('normalises quotes the same way as the page text', () => {
    expect(normalizeSpace(' a\n\t b\u00a0c ')).toBe(' a b c ');
  });
});
