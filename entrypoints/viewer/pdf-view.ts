/**
 * A PDF on the viewer page with pdf.js's display layer: per page a canvas (drawn when the
 * page comes near the window) and a text layer (every page's, at once, so the document's
 * whole text is there for anchoring: the overlay's selectors count positions over it, and
 * the browser's find searches it). Zoom rescales both, keeping the text layer's nodes (and
 * so the highlights' ranges). pdf.js runs on the page's thread with its worker code bundled,
 * as lib/catalogue/import does; nothing is fetched.
 */
type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
type PdfDocument = Awaited<ReturnType<PdfJs['getDocument']>['promise']>;
type PdfPage = Awaited<ReturnType<PdfDocument['getPage']>>;

let pdfjs: Promise<PdfJs> | null = null;
function loadPdfJs(): Promise<PdfJs> {
  pdfjs ??= (async () => {
    const g = globalThis as { pdfjsWorker?: unknown };
    g.pdfjsWorker ??= await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
    return import('pdfjs-dist/legacy/build/pdf.mjs');
  })();
  return pdfjs;
}

/** A PDF shown in `container`. */
export interface PdfView {
  pageCount: number;
  fingerprints: string[];
  title: string;
  /** Characters of text on each page (0: a scanned page). */
  textLengths: number[];
  /** The page elements, first to last (as far as rendered). */
  pages: HTMLElement[];
  /** True once every page's text layer is rendered. */
  complete: boolean;
  /**
   * Renders the other pages' text layers, in order (once; later calls get the same promise).
   * Called after the overlay's first pass on page 1: pdf.js runs on this page's thread, and
   * the overlay's messages would otherwise wait behind 99 pages.
   */
  renderRest(): Promise<void>;
  setScale(scale: number): void;
  destroy(): void;
}

/** Why a PDF could not be opened, in one sentence for the assessor. */
export function pdfErrorMessage(e: unknown): string {
  const name = (e as { name?: string } | null)?.name;
  if (name === 'PasswordException') return 'This PDF is protected by a password; Evidence Mapper cannot open it. Save a copy without the password and open that.';
  if (name === 'InvalidPDFException') return 'This file is damaged or is not a PDF.';
  return `This PDF could not be opened: ${e instanceof Error ? e.message : String(e)}`;
}

/**
 * Opens the PDF's bytes and shows its first page's text layer; the other pages' follow, in
 * order, when asked (`renderRest`), and canvases are drawn as pages come into view.
 */
export async function showPdf(bytes: Uint8Array, container: HTMLElement, scale: number): Promise<PdfView> {
  const lib = await loadPdfJs();
  const doc = await lib.getDocument({ data: bytes.slice(), isEvalSupported: false, stopAtErrors: false, verbosity: 0 }).promise;
  const meta = await doc.getMetadata().catch(() => null);
  const info = (meta?.info ?? {}) as { Title?: unknown };
  const title = typeof info.Title === 'string' ? info.Title.trim() : '';

  interface Shown { page: PdfPage; el: HTMLElement; canvas: HTMLCanvasElement | null; text: InstanceType<PdfJs['TextLayer']>; drawn: number; task: { cancel(): void } | null }
  const shown: Shown[] = [];
  const textLengths: number[] = [];
  let current = scale;

  const size = (el: HTMLElement, page: PdfPage) => {
    const vp = page.getViewport({ scale: current });
    el.style.width = `${Math.floor(vp.width)}px`;
    el.style.height = `${Math.floor(vp.height)}px`;
    el.style.setProperty('--scale-factor', String(current));
    el.style.setProperty('--total-scale-factor', String(current));
  };

  async function draw(s: Shown): Promise<void> {
    if (s.drawn === current) return;
    s.drawn = current;
    s.task?.cancel();
    const vp = s.page.getViewport({ scale: current });
    const ratio = window.devicePixelRatio || 1;
    const canvas = document.createElement('canvas');
    canvas.width = Math.floor(vp.width * ratio);
    canvas.height = Math.floor(vp.height * ratio);
    canvas.setAttribute('aria-hidden', 'true');
    const task = s.page.render({ canvas, viewport: vp, transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0] });
    s.task = task;
    try {
      await task.promise;
      // Swapped in once drawn, so a zoom never shows a blank page.
      if (s.canvas) s.canvas.replaceWith(canvas);
      else s.el.prepend(canvas);
      s.canvas = canvas;
    } catch {
      // Cancelled by a newer zoom.
    }
  }

  const near = new IntersectionObserver((entries) => {
    for (const e of entries) {
      const s = shown.find((x) => x.el === e.target);
      if (s && e.isIntersecting) void draw(s);
    }
  }, { rootMargin: '600px 0px' });

  async function renderPage(n: number): Promise<void> {
    const page = await doc.getPage(n);
    const el = document.createElement('div');
    el.className = 'page';
    el.dataset.pageNumber = String(n);
    el.setAttribute('role', 'region');
    el.setAttribute('aria-label', `Page ${n} of ${doc.numPages}`);
    size(el, page);
    const layer = document.createElement('div');
    layer.className = 'textLayer';
    el.append(layer);
    container.append(el);
    const content = await page.getTextContent();
    textLengths.push(content.items.reduce((sum, item) => sum + ('str' in item ? item.str.trim().length : 0), 0));
    const text = new lib.TextLayer({ textContentSource: content, container: layer, viewport: page.getViewport({ scale: current }) });
    await text.render();
    const s: Shown = { page, el, canvas: null, text, drawn: 0, task: null };
    shown.push(s);
    near.observe(el);
  }

  await renderPage(1);
  let rest: Promise<void> | null = null;
  const view: PdfView = {
    pageCount: doc.numPages,
    fingerprints: doc.fingerprints.filter((f): f is string => !!f),
    title,
    textLengths,
    pages: [],
    complete: false,
    renderRest: () => (rest ??= (async () => {
      for (let n = 2; n <= doc.numPages; n++) await renderPage(n);
      view.complete = true;
    })()),
    setScale(next: number) {
      current = next;
      for (const s of shown) {
        size(s.el, s.page);
        s.text.update({ viewport: s.page.getViewport({ scale: current }) });
        const r = s.el.getBoundingClientRect();
        if (r.bottom > -600 && r.top < innerHeight + 600) void draw(s);
        else s.drawn = 0;
      }
    },
    destroy() {
      near.disconnect();
      void doc.destroy();
    },
  };
  Object.defineProperty(view, 'pages', { get: () => shown.map((x) => x.el) });
  if (doc.numPages === 1) view.complete = true;
  return view;
}
