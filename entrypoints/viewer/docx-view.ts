/**
 * A Word document on the viewer page: mammoth turns the .docx into HTML (headings,
 * paragraphs, lists and tables kept), and that HTML, which is the file's and so untrusted,
 * is never put into the page as markup: it is parsed into an inert document and rebuilt
 * here element by element from a short list of elements and attributes (no script, no
 * style, no event attribute, links only to http(s) and mailto, images only as data: images).
 */

/** Elements kept, each with the attributes it may keep. */
const ALLOWED: Record<string, readonly string[]> = {
  p: [], h1: [], h2: [], h3: [], h4: [], h5: [], h6: [], blockquote: [], pre: [],
  ul: [], ol: ['start'], li: [], table: [], thead: [], tbody: [], tfoot: [], tr: [], td: ['colspan', 'rowspan'], th: ['colspan', 'rowspan'],
  strong: [], b: [], em: [], i: [], u: [], s: [], sub: [], sup: [], br: [], a: ['href'], img: ['src', 'alt'], span: [], div: [], code: [],
};
/** Elements dropped with everything in them. */
const DROPPED = new Set(['script', 'style', 'template', 'iframe', 'object', 'embed', 'noscript', 'svg', 'math', 'form', 'input', 'button', 'textarea', 'select', 'link', 'meta', 'base']);

function safeUrl(name: string, value: string): boolean {
  const v = value.trim();
  if (name === 'href') return /^(https?:|mailto:|#)/i.test(v);
  if (name === 'src') return /^data:image\/(png|jpe?g|gif|webp|bmp);base64,/i.test(v);
  return true;
}

/** Rebuilds `from`'s children under `to` with only what is allowed. */
function copyChildren(from: Node, to: Node, doc: Document): void {
  for (const child of from.childNodes) {
    if (child.nodeType === 3) {
      to.appendChild(doc.createTextNode((child as Text).data));
      continue;
    }
    if (child.nodeType !== 1) continue;
    const el = child as Element;
    const name = el.localName;
    if (DROPPED.has(name)) continue;
    const allowed = ALLOWED[name];
    if (!allowed) {
      // Unknown element: its text is kept, in its place.
      copyChildren(el, to, doc);
      continue;
    }
    const out = doc.createElement(name);
    for (const attr of allowed) {
      const v = el.getAttribute(attr);
      if (v !== null && safeUrl(attr, v)) out.setAttribute(attr, v);
    }
    if (name === 'a' && out.hasAttribute('href') && !out.getAttribute('href')!.startsWith('#')) {
      out.setAttribute('target', '_blank');
      out.setAttribute('rel', 'noopener noreferrer');
    }
    copyChildren(el, out, doc);
    to.appendChild(out);
  }
}

/** Untrusted HTML as DOM nodes of `doc`, sanitised (see above). */
export function sanitisedFragment(html: string, doc: Document = document): DocumentFragment {
  const parsed = new DOMParser().parseFromString(`<!doctype html><body>${html}`, 'text/html');
  const frag = doc.createDocumentFragment();
  copyChildren(parsed.body, frag, doc);
  return frag;
}

/** A Word document shown in `container`; returns its title (the first heading) and whether it holds any text. */
export async function showDocx(bytes: Uint8Array, container: HTMLElement): Promise<{ title: string; textLength: number }> {
  const mammoth = (await import('mammoth')).default;
  const buffer = bytes.slice().buffer as ArrayBuffer;
  const { value } = await mammoth.convertToHtml({ arrayBuffer: buffer });
  const page = document.createElement('article');
  page.className = 'word';
  page.append(sanitisedFragment(value));
  container.append(page);
  const heading = page.querySelector('h1, h2, p');
  return { title: heading?.textContent?.trim().slice(0, 200) ?? '', textLength: (page.textContent ?? '').trim().length };
}
