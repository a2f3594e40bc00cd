/**
 * The importer's input: a document as lines, each with its 1-based line number and the
 * page it sits on. Every reader feeds the structure parser this one shape: plain text
 * here (pages from form feeds or "Page N of M" footers), and later PDF (pdf.js text with
 * its page numbers) and Word (mammoth's paragraphs and table rows).
 *
 * Running headers and footers, which a PDF repeats on every page ("Level 2 Diploma in
 * Bricklaying  Page 3 of 12"), are found by repetition at the page edges and taken out
 * before the structure is read, so a table split across two pages joins up again.
 */

/** One line of a document: its text (cells separated by tabs), page and line number. */
export interface SourceLine {
  text: string;
  /** 1-based page; 1 when the document shows no page breaks. */
  page: number;
  /** 1-based line number in the file as the user sees it (for a PDF or Word file: in the text read from it). */
  line: number;
  /**
   * Set by readers that know where a line sits on its page (PDF): true when it lies in the
   * top or bottom margin, where running headers and footers are. When any line carries
   * it, only such lines can be taken for running headers or footers.
   */
  edge?: boolean;
}

/** A problem the importer met, with its place in the file. */
export interface ImportWarning {
  line: number;
  page?: number;
  code: string;
  message: string;
}

const PAGE_FOOTER = /^(?:page\s+)?(\d{1,4})(?:\s*(?:of|\/)\s*\d{1,4})?$/i;
/** A footer that ends a page: "Page 3", "Page 3 of 12", "Issue 2 · March 2024   Page 3 of 12". */
const PAGE_WORD = /(?:^|\s)page\s+(\d{1,4})(?:\s*(?:of|\/)\s*\d{1,4})?$/i;

/**
 * Splits a text into lines with page numbers. A form feed starts a new page; without
 * form feeds, a short line ending in "Page N" / "Page N of M" (a footer) ends page N.
 */
export function linesFromText(text: string): SourceLine[] {
  const raw = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const out: SourceLine[] = [];
  const hasFormFeeds = text.includes('\f');
  let page = 1;
  raw.forEach((t, i) => {
    if (hasFormFeeds) {
      const parts = t.split('\f');
      // Text before a form feed belongs to the page it ends; after it, to the next page.
      parts.forEach((p, k) => {
        if (k > 0) page++;
        if (p.length || parts.length === 1) out.push({ text: p, page, line: i + 1 });
      });
      return;
    }
    out.push({ text: t, page, line: i + 1 });
    if (t.length < 120 && PAGE_WORD.test(t.trim())) page++;
  });
  return out;
}

/** A line's shape for spotting repeats: trimmed, spaces collapsed, digits as '#'. */
function shape(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase().replace(/\d+/g, '#');
}

/**
 * Removes running headers and footers: lines whose shape (digits aside) recurs within the
 * first or last three non-blank lines of at least three pages and of half the pages, and
 * bare page numbers at a page's edge. Documents with fewer than three pages keep every
 * line, except a two-page PDF: there a line in the margin of both pages (by position, not
 * just by order) is a running header or footer, as a two-page unit specification prints
 * its title over each page. Returns the kept lines and one warning per header or footer removed.
 */
export function removeRunningLines(lines: SourceLine[]): { lines: SourceLine[]; warnings: ImportWarning[] } {
  const pages = new Map<number, SourceLine[]>();
  for (const l of lines) {
    if (!l.text.trim()) continue;
    const list = pages.get(l.page) ?? [];
    list.push(l);
    pages.set(l.page, list);
  }
  // A PDF says where its margins are: a unit's "Level 2" at the top of every unit page is
  // not a running header, and "Page 1 of 2" in a margin is a footer however few the pages.
  const placed = lines.some((l) => l.edge !== undefined);
  const pageNumberAtEdge = (l: SourceLine) => !!l.edge && l.text.length < 120 && (PAGE_FOOTER.test(l.text.trim()) || PAGE_WORD.test(l.text.trim()));
  if (pages.size < (placed ? 2 : 3)) return { lines: placed ? lines.filter((l) => !pageNumberAtEdge(l)) : lines, warnings: [] };
  const edges = new Map<SourceLine, string>();
  const pagesWith = new Map<string, Set<number>>();
  for (const [page, list] of pages) {
    const edge = [...list.slice(0, 3), ...list.slice(-3)];
    for (const l of edge) {
      if (placed && !l.edge) continue;
      const s = shape(l.text);
      edges.set(l, s);
      const set = pagesWith.get(s) ?? new Set<number>();
      set.add(page);
      pagesWith.set(s, set);
    }
  }
  const threshold = placed && pages.size === 2 ? 2 : Math.max(3, Math.ceil(pages.size / 2));
  const running = new Set([...pagesWith].filter(([, set]) => set.size >= threshold).map(([s]) => s));
  const drop = new Set<SourceLine>();
  const warnings: ImportWarning[] = [];
  const reported = new Set<string>();
  for (const [l, s] of edges) {
    const isPageNumber = PAGE_FOOTER.test(l.text.trim()) || pageNumberAtEdge(l);
    if (!running.has(s) && !isPageNumber) continue;
    drop.add(l);
    if (!isPageNumber && !reported.has(s)) {
      reported.add(s);
      warnings.push({
        line: l.line,
        page: l.page,
        code: 'running-header',
        message: `"${l.text.trim()}" repeats at the edge of ${pagesWith.get(s)?.size} pages: read as a running header or footer and left out`,
      });
    }
  }
  return { lines: lines.filter((l) => !drop.has(l)), warnings };
}
