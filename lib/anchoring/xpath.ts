/**
 * Simple XPaths (`/div[2]/p[3]`, optionally ending in `text()[n]`) relative to a root, as
 * the W3C XPathSelector and the Hypothesis RangeSelector use them. We evaluate them by
 * walking children ourselves: it works the same in HTML, XHTML, detached trees and
 * environments without `document.evaluate`, and it is case-insensitive like HTML tags.
 */

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

function segment(node: Node): string {
  if (node.nodeType === TEXT_NODE) {
    let pos = 1;
    for (let s = node.previousSibling; s; s = s.previousSibling) if (s.nodeType === TEXT_NODE) pos++;
    return `text()[${pos}]`;
  }
  const name = (node as Element).localName.toLowerCase();
  let pos = 1;
  for (let s = node.previousSibling; s; s = s.previousSibling) {
    if (s.nodeType === ELEMENT_NODE && (s as Element).localName.toLowerCase() === name) pos++;
  }
  return `${name}[${pos}]`;
}

/** The path from `root` down to `node` (an element or text node); '' for the root itself, null if outside. */
export function xpathFromNode(node: Node, root: Node): string | null {
  const parts: string[] = [];
  for (let n: Node | null = node; n !== root; n = n.parentNode) {
    if (!n || (n.nodeType !== ELEMENT_NODE && n.nodeType !== TEXT_NODE)) return null;
    parts.push(segment(n));
  }
  return parts.length ? '/' + parts.reverse().join('/') : '';
}

const STEP = /^([A-Za-z_][\w.-]*(?::[\w.-]+)?|text\(\))(?:\[(\d+)\])?$/;

/** The node a simple XPath names under `root`, or null if the path is not simple or names nothing. */
export function nodeFromXPath(xpath: string, root: Node): Node | null {
  const path = xpath.trim().replace(/^\.?\/?/, '');
  if (path === '') return root;
  let node: Node = root;
  for (const step of path.split('/')) {
    const m = STEP.exec(step);
    if (!m) return null;
    const want = m[1].toLowerCase();
    let index = m[2] ? parseInt(m[2], 10) : 1;
    if (index < 1) return null;
    let found: Node | null = null;
    for (let c = node.firstChild; c; c = c.nextSibling) {
      const ok =
        want === 'text()'
          ? c.nodeType === TEXT_NODE
          : c.nodeType === ELEMENT_NODE && (c as Element).localName.toLowerCase() === want.replace(/^.*:/, '');
      if (ok && --index === 0) {
        found = c;
        break;
      }
    }
    if (!found) return null;
    node = found;
  }
  return node;
}
