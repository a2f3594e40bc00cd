// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { sanitisedFragment } from './docx-view';

const html = (frag: DocumentFragment) => {
  const div = document.createElement('div');
  div.append(frag);
  return div.innerHTML;
};

describe("a Word file's HTML in the viewer", () => {
  it('keeps headings, lists and tables (with merged cells) as they are', () => {
    const src = '<h1>Account</h1><ul><li>One</li><li>Two</li></ul><table><tr><td colspan="2">Time</td></tr><tr><td rowspan="2">07:30</td><td>Helped</td></tr></table>';
    expect(html(sanitisedFragment(src))).toBe(src.replace('<table><tr>', '<table><tbody><tr>').replace('</table>', '</tbody></table>'));
  });

  it('drops scripts, styles, frames and event attributes, and links that are not http(s) or mailto', () => {
    const src = '<p onclick="alert(1)" style="color:red">Hi <script>alert(2)</script><img src="x" onerror="alert(3)"><a href="javascript:alert(4)">link</a>'
      + '<a href=" JaVaScRiPt:alert(5)">two</a><iframe src="https://evil.test"></iframe><style>p{}</style><svg><script>alert(6)</script></svg>'
      + '<a href="https://example.org/x">ok</a><img src="data:image/png;base64,AAAA" alt="photo"></p>';
    const out = html(sanitisedFragment(src));
    expect(out).toBe('<p>Hi <img><a>link</a><a>two</a><a href="https://example.org/x" target="_blank" rel="noopener noreferrer">ok</a><img src="data:image/png;base64,AAAA" alt="photo"></p>');
    expect(out).not.toMatch(/script|on\w+=|javascript|iframe|style/i);
  });

  it('keeps the text of elements it does not know, without the elements', () => {
    expect(html(sanitisedFragment('<p><custom-el data-x="1">inside</custom-el> <font color="red">old</font></p>'))).toBe('<p>inside old</p>');
  });
});
