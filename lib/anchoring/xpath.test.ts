// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { nodeFromXPath, xpathFromNode } from './xpath.ts';

describe('xpath', () => {
  it('round-trips elements and text nodes relative to a root', () => {
    document.body.innerHTML = '<div><p>a</p><p>b<b>c</b>d</p></div><div><P>e</P></div>';
    const root = document.body;
    const all = [...root.querySelectorAll('*')];
    for (const el of all) expect(nodeFromXPath(xpathFromNode(el, root)!, root)).toBe(el);
    const d = root.querySelectorAll('p')[1].lastChild!;
    expect(xpathFromNode(d, root)).toBe('/div[1]/p[2]/text()[2]');
    expect(nodeFromXPath('/div[1]/p[2]/text()[2]', root)).toBe(d);
  });

  it('reads the Hypothesis form (case-insensitive, index optional) and rejects what it cannot', () => {
    document.body.innerHTML = '<div><ul><li>x</li><li>y</li></ul></div>';
    const root = document.body;
    expect(nodeFromXPath('/DIV[1]/ul/li[2]', root)).toBe(root.querySelectorAll('li')[1]);
    expect(nodeFromXPath('', root)).toBe(root);
    expect(nodeFromXPath('/div[1]/ul[1]/li[3]', root)).toBeNull();
    expect(nodeFromXPath("//li[@class='x']", root)).toBeNull();
    expect(xpathFromNode(document.head, root)).toBeNull();
  });
});
