/**
 * A PDF page without text (a scan): the viewer says so plainly, and gives the page a label
 * (part of the document's text, so the usual engine anchors a tag on it) and a button that
 * selects the label and opens the palette: a whole-page tag, with a note like any other. A
 * document with no text at all gets a label for the whole document too.
 */
import type { PdfView } from './pdf-view';

function labelled(text: string, className: string, tag = 'p'): HTMLElement {
  const el = document.createElement(tag);
  el.className = className;
  el.textContent = text;
  return el;
}

function tagButton(label: string, target: HTMLElement, open: (range: Range) => void): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = 'tag-page';
  // Drawn from the attribute (CSS ::before), so the button's words are not the document's text.
  b.dataset.label = label;
  b.setAttribute('aria-label', label);
  b.addEventListener('click', () => {
    const range = document.createRange();
    range.selectNodeContents(target);
    const sel = document.getSelection();
    sel?.removeAllRanges();
    sel?.addRange(range);
    open(range);
  });
  return b;
}

/** Labels the pages without text; `whole`: the document has none. */
export function markScanned(pdf: PdfView, root: HTMLElement, whole: boolean, open: (range: Range) => void): void {
  const scanned = pdf.textLengths.map((n, i) => (n === 0 ? i : -1)).filter((i) => i >= 0);
  const banner = document.getElementById('scan')!;
  banner.hidden = false;
  banner.textContent = whole
    ? `This PDF has no text layer: it looks scanned, so its words cannot be selected. Tag a whole page (the button on each page) or the whole document, with a note saying what it evidences.`
    : `Page${scanned.length === 1 ? '' : 's'} ${scanned.map((i) => i + 1).join(', ')} of this PDF ha${scanned.length === 1 ? 's' : 've'} no text (scanned): tag such a page as a whole with the button on it.`;
  for (const i of scanned) {
    const page = pdf.pages[i];
    const label = labelled(`Scanned page ${i + 1} of ${pdf.pageCount}`, 'scan-label');
    page.append(label, tagButton(`Tag page ${i + 1}`, label, open));
  }
  if (whole) {
    const label = labelled(`Whole document: ${pdf.pageCount} scanned page${pdf.pageCount === 1 ? '' : 's'}`, 'doc-label');
    root.prepend(label);
    const b = tagButton('Tag the whole document', label, open);
    b.style.position = 'static';
    banner.append(' ', b);
  }
}
