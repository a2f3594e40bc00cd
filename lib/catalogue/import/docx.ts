/**
 * Word (.docx) to the importer's lines: mammoth turns the document into plain HTML
 * (paragraphs, headings, tables with their merged cells as rowspan/colspan, lists), and
 * the HTML reader (html.ts) turns that into lines, so a Word table reads as the text
 * specifications' tab-separated rows. Two things HTML loses are put back first:
 *
 * - a cell merged down over several rows (an outcome beside its criteria) leaves an empty
 *   cell in each row below it, so the columns stay in place;
 * - Word's automatic list numbers, which mammoth drops: items of a numbered list get
 *   "1", "2"..., items of a list inside them "1.1", "1.2"..., and a numbered list in a
 *   table cell beside an outcome numbered N gets "N.1", "N.2"... (bulleted lists keep a
 *   bullet). Numbers typed in the text are kept as typed.
 *
 * Lines are numbered in reading order (Word has no fixed pages: all on page 1). mammoth is
 * loaded on the first Word file only, by dynamic import; it runs in Node and in the
 * browser (its package maps its zip reader for browsers).
 */
import { htmlToLines } from './html';
import type { SourceLine } from './lines';
import { ImportError } from './structure';

/** An element of mammoth's HTML (which is always well formed), or a run of text. */
type Node = { tag: string; attrs: string; children: Node[] } | string;

const VOID = new Set(['br', 'img', 'hr']);

/** Parses mammoth's HTML into a tree. */
function parse(html: string): Node[] {
  const root: { tag: string; attrs: string; children: Node[] } = { tag: '', attrs: '', children: [] };
  const stack = [root];
  const re = /<(\/?)([a-z0-9]+)([^>]*)>|([^<]+)/gi;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    const top = stack[stack.length - 1];
    if (m[4] !== undefined) top.children.push(m[4]);
    else if (m[1]) {
      const tag = m[2].toLowerCase();
      const at = stack.map((n) => n.tag).lastIndexOf(tag);
      if (at > 0) stack.length = at;
    } else {
      const node = { tag: m[2].toLowerCase(), attrs: m[3], children: [] as Node[] };
      top.children.push(node);
      if (!VOID.has(node.tag) && !m[3].endsWith('/')) stack.push(node);
    }
  }
  return root.children;
}

function serialise(nodes: Node[]): string {
  return nodes
    .map((n) => {
      if (typeof n === 'string') return n;
      if (VOID.has(n.tag)) return `<${n.tag}>`;
      // Each block on its own source line, so html.ts numbers lines in reading order.
      const nl = /^(?:p|h[1-6]|li|tr|table|ul|ol)$/.test(n.tag) ? '\n' : '';
      return `<${n.tag}>${serialise(n.children)}</${n.tag}>${nl}`;
    })
    .join('');
}

const span = (attrs: string, name: string) => Math.max(1, Number(new RegExp(`${name}="(\\d+)"`).exec(attrs)?.[1] ?? 1));
const element = (n: Node, tag?: string): n is Exclude<Node, string> => typeof n !== 'string' && (!tag || n.tag === tag);
const textOf = (n: Node): string => (typeof n === 'string' ? n : n.children.map(textOf).join(''));

/** Puts an empty cell where a cell above, merged down, covers the column. */
function fillMergedCells(table: Exclude<Node, string>): void {
  const rows: Exclude<Node, string>[] = [];
  const collect = (n: Exclude<Node, string>) => {
    for (const c of n.children) if (element(c, 'tr')) rows.push(c);
    else if (element(c) && /^(?:thead|tbody|tfoot)$/.test(c.tag)) collect(c);
  };
  collect(table);
  let covered: number[] = [];
  for (const row of rows) {
    const cells = row.children.filter((c): c is Exclude<Node, string> => element(c) && (c.tag === 'td' || c.tag === 'th'));
    const out: Node[] = [];
    const next: number[] = [];
    let col = 0;
    const skipCovered = () => {
      while ((covered[col] ?? 0) > 0) {
        out.push({ tag: 'td', attrs: '', children: [] });
        next[col] = covered[col] - 1;
        col++;
      }
    };
    for (const cell of cells) {
      skipCovered();
      out.push(cell);
      const cs = span(cell.attrs, 'colspan');
      const rs = span(cell.attrs, 'rowspan');
      for (let k = 0; k < cs; k++) next[col + k] = rs - 1;
      col += cs;
    }
    skipCovered();
    row.children = out;
    covered = next.map((v) => v ?? 0);
  }
}

/** A cell's paragraphs (list items count as paragraphs), each as its inline content. */
function paragraphsOf(cell: Exclude<Node, string>): Node[][] {
  const out: Node[][] = [];
  let loose: Node[] = [];
  const flush = () => {
    if (loose.length) out.push(loose);
    loose = [];
  };
  for (const c of cell.children) {
    if (element(c) && /^(?:p|h[1-6]|li)$/.test(c.tag)) {
      flush();
      const nested = c.children.filter((k) => element(k) && (k.tag === 'ul' || k.tag === 'ol'));
      out.push(c.children.filter((k) => !nested.includes(k)));
      for (const list of nested) out.push(...paragraphsOf(list as Exclude<Node, string>));
    } else if (element(c) && /^(?:ul|ol|div|table|tbody|tr|td)$/.test(c.tag)) {
      flush();
      out.push(...paragraphsOf(c));
    } else loose.push(c);
  }
  flush();
  return out.filter((p) => textOf({ tag: '', attrs: '', children: p }).trim());
}

/**
 * One table row per line as the text specifications print them: each cell's first
 * paragraph on the row's line, cells apart by tabs; a cell's further paragraphs (one
 * criterion each) on lines of their own, in their column (empty cells before them).
 */
function rowsToLines(table: Exclude<Node, string>): void {
  const expand = (n: Exclude<Node, string>) => {
    const out: Node[] = [];
    for (const row of n.children) {
      if (!element(row, 'tr')) {
        if (element(row) && /^(?:thead|tbody|tfoot)$/.test(row.tag)) expand(row);
        out.push(row);
        continue;
      }
      const cells = row.children.filter((c): c is Exclude<Node, string> => element(c) && (c.tag === 'td' || c.tag === 'th'));
      const paras = cells.map(paragraphsOf);
      const td = (children: Node[]): Node => ({ tag: 'td', attrs: '', children });
      out.push({ tag: 'tr', attrs: '', children: paras.map((p) => td(p[0] ?? [])) });
      paras.forEach((p, col) => {
        for (const more of p.slice(1)) out.push({ tag: 'tr', attrs: '', children: [...Array.from({ length: col }, () => td([])), td(more)] });
      });
    }
    n.children = out;
  };
  expand(table);
}

/** Gives the items of numbered lists the numbers Word shows. */
function numberLists(nodes: Node[], prefix: string | null, rowNumber: string | null): void {
  let lastLead: string | null = null;
  for (const n of nodes) {
    if (!element(n)) continue;
    if (n.tag === 'tr') {
      // An outcome number printed in the row's first cell (or in the cell merged down over
      // this row): a numbered list beside it counts from it.
      const first = n.children.find((c) => element(c));
      const firstText = first ? textOf(first).trim() : '';
      const lead: string | null = firstText ? /^(?:LO\s?)?(\d{1,2})(?:\.|\s|$)/i.exec(firstText)?.[1] ?? null : lastLead;
      lastLead = lead;
      numberLists(n.children, null, lead);
      continue;
    }
    if (n.tag === 'ol') {
      let k = 0;
      for (const li of n.children) {
        if (!element(li, 'li')) continue;
        k++;
        const own = prefix ? `${prefix}.${k}` : rowNumber ? `${rowNumber}.${k}` : `${k}`;
        const typed = /^\s*(?:\d{1,2}(?:\.\d{1,2})*\.?|\(?[a-z][.)]|\(?[ivx]{1,4}[.)])\s/i.test(textOf(li));
        if (!typed) li.children.unshift(`${own} `);
        numberLists(li.children, own, null);
      }
      continue;
    }
    if (n.tag === 'table') fillMergedCells(n);
    numberLists(n.children, n.tag === 'ul' ? null : prefix, rowNumber);
  }
}

/** "PK" zip bytes that hold a Word document's main part. */
export function isWordZip(bytes: Uint8Array): boolean {
  const needle = 'word/document.xml';
  const text = new TextDecoder('latin1').decode(bytes);
  return text.includes(needle);
}

/** Reads a .docx file's text into lines. Throws ImportError for a damaged or empty document. */
export async function docxToLines(bytes: Uint8Array, name: string): Promise<SourceLine[]> {
  const mammoth = (await import('mammoth')).default;
  // A plain Uint8Array of its own (not a view into a Node Buffer's shared pool).
  const copy = new Uint8Array(bytes);
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      // Node's mammoth reads `buffer` (a Uint8Array will do), the browser build `arrayBuffer`.
      { buffer: copy, arrayBuffer: copy.buffer } as unknown as { arrayBuffer: ArrayBuffer },
      // Images are not text: leave them out rather than inline them as data URLs.
      { convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })) },
    );
    html = result.value;
  } catch (e) {
    throw new ImportError(`${name} is not a readable Word document (the file is damaged or incomplete: ${(e as Error).message}): open it in Word, save it again as .docx, and import that`);
  }
  const tree = parse(html);
  numberLists(tree, null, null);
  const tables = (nodes: Node[]): void => {
    for (const n of nodes) {
      if (!element(n)) continue;
      if (n.tag === 'table') rowsToLines(n);
      else tables(n.children);
    }
  };
  tables(tree);
  const lines = htmlToLines(serialise(tree)).map((l, i) => ({ ...l, line: i + 1 }));
  if (!lines.length) throw new ImportError(`${name} is an empty Word document (it holds no text)`);
  return lines;
}
