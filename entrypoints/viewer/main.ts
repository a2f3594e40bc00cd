/**
 * The extension's document viewer: a PDF (pdf.js's canvas and text layer per page) or a
 * Word file (mammoth's HTML, sanitised) on an extension page, where the overlay works as on
 * a web page: the same second part (entrypoints/overlay-ui.content/overlay.ts: palette,
 * painter, highlights, card, IV mode, frames) with the first part's selection toolbar and
 * shortcut. The overlay is told the document's address (`urn:sha256:` of its bytes, see
 * lib/db/documents.ts) in place of the viewer's URL, the document's element as the root its
 * selectors describe, and the PDF page each passage starts on.
 *
 * Documents arrive as `viewer.html?url=...` (the "Open in Evidence Mapper" menus, a PDF tab's
 * "Tag selection with criteria") or as a file chosen or dropped here.
 */
import { browser } from 'wxt/browser';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { request } from '../../lib/messaging/client';
import { isOverlayCommand } from '../../lib/messaging/envelope';
import { getDb } from '../../lib/db/open';
import { recordOpenedDocument } from '../../lib/db/documents';
import { createOverlay } from '../overlay-ui.content/overlay';
import { setOverlayPage } from '../overlay-ui.content/page';
import { createSelectionToolbar } from '../overlay/toolbar';
import { listenForShortcut, selectedRange } from '../overlay/shortcut';
import type { OverlayUi } from '../overlay/contract';
import type { SelectorPayload } from '../../lib/messaging/protocol';
import { FetchError, fetchSource, kindOf, sha256Hex, type Source } from './source';
import { pdfErrorMessage, showPdf, type PdfView } from './pdf-view';
import { showDocx } from './docx-view';
import { markScanned } from './scanned';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const docEl = $('document');
const statusEl = $('status');
const sourceEl = $('source');
const zoomEl = $('zoom');
const pagesEl = $('pages');
const emptyEl = $('empty');
const fileInput = $<HTMLInputElement>('file');
const viewerEl = $('viewer');

const ZOOMS = [0.5, 0.67, 0.8, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3];
let zoom = 1.25;
let pdf: PdfView | null = null;
let opened = false;

function say(message: string, kind: 'info' | 'error' = 'info', action?: { label: string; run: () => void }): void {
  statusEl.replaceChildren(message);
  statusEl.classList.toggle('error', kind === 'error');
  if (action) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = action.label;
    b.addEventListener('click', action.run);
    statusEl.append(b);
  }
}

/** Shows where the document came from: its original URL stays visible (and a link), or its file name. */
function showSource(src: Source): void {
  sourceEl.replaceChildren();
  if (src.url) {
    const a = document.createElement('a');
    a.href = src.url;
    a.textContent = src.url;
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
    sourceEl.append('From ', a);
  } else sourceEl.append(`Local file: ${src.fileName ?? 'unnamed'}`);
  sourceEl.title = src.url ?? src.fileName ?? '';
}

/** The PDF page a range starts on, as Hypothesis's PageSelector writes it. */
function pageSelectors(range: Range): SelectorPayload[] {
  const start = range.startContainer;
  const el = (start.nodeType === 1 ? (start as Element) : start.parentElement)?.closest<HTMLElement>('.page[data-page-number]');
  const n = Number(el?.dataset.pageNumber);
  return Number.isInteger(n) && n > 0 ? [{ type: 'PageSelector', index: n - 1, label: String(n) }] : [];
}

/** Opens a document: shows it, records its identity, then runs the overlay over it. */
async function open(src: Source): Promise<void> {
  if (opened) {
    // One document per viewer page: the overlay and its highlights belong to it.
    const url = new URL(location.href);
    url.search = '';
    const next = window.open(url.toString(), '_blank');
    if (!next) say('Open another document in a new viewer tab.', 'error');
    return;
  }
  const kind = kindOf(src.bytes);
  if (!kind) return say(`${src.fileName || 'This file'} is neither a PDF nor a Word (.docx) file. Evidence Mapper shows PDF and Word documents.`, 'error');
  opened = true;
  emptyEl.hidden = true;
  showSource(src);
  say('Opening…');
  const sha256 = await sha256Hex(src.bytes);
  let title = '';
  let pageCount = 1;
  let fingerprints: string[] = [];
  let textLength = 0;
  try {
    if (kind === 'pdf') {
      pdf = await showPdf(src.bytes, docEl, zoom);
      ({ title, pageCount, fingerprints } = pdf);
      textLength = pdf.textLengths.reduce((a, b) => a + b, 0);
      pagesEl.textContent = `${pageCount} page${pageCount === 1 ? '' : 's'}`;
    } else {
      ({ title, textLength } = await showDocx(src.bytes, docEl));
      setZoomEnabled(false);
    }
  } catch (e) {
    docEl.replaceChildren();
    return say(kind === 'pdf' ? pdfErrorMessage(e) : `This Word document could not be opened: ${e instanceof Error ? e.message : String(e)}`, 'error');
  }
  title = title || src.fileName || (src.url ? new URL(src.url).pathname.split('/').pop() ?? '' : '') || 'Document';
  document.title = `${title} · Evidence Mapper`;
  const { address, versions } = await recordOpenedDocument(getDb(), { sha256, kind, title, fingerprints, url: src.url, fileName: src.fileName, pageCount });
  document.documentElement.dataset.address = address;
  const shown = pdf;
  setOverlayPage({ url: () => address, title: () => title, root: () => docEl, alsoUrls: () => versions, extraSelectors: pageSelectors, complete: () => !shown || shown.complete });
  say('');
  // The overlay starts on the first page: its highlights are painted while the other pages'
  // text layers are rendered (those wait for the whole text; see overlay-ui.content/page.ts).
  await startOverlay();
  if (shown) {
    await shown.renderRest();
    textLength = shown.textLengths.reduce((a, b) => a + b, 0);
    // Told to the overlay as a change of the document, which anchors what was waiting.
    docEl.append(document.createComment('all pages rendered'));
    if (shown.textLengths.some((n) => n === 0)) markScanned(shown, docEl, textLength === 0, (range) => void overlay?.openPalette(range));
  }
  else if (!textLength) say('This document has no text to tag.', 'error');
  // For tests and the bench: the overlay has anchored the whole document (it does so once
  // the page has settled after the last text layer).
  if (shown) await new Promise((r) => setTimeout(r, 600));
  document.documentElement.dataset.restored = 'true';
}

let overlay: OverlayUi | null = null;

/** Runs the overlay over the document, as the first part does on a web page. */
async function startOverlay(): Promise<void> {
  const ctx = new ContentScriptContext('viewer');
  const ui = createOverlay(ctx);
  overlay = ui;
  const hello = await request('overlay/hello', { url: document.documentElement.dataset.address!, title: document.title });
  const toolbar = createSelectionToolbar({ onTag: (range) => void openPalette(range) });
  async function openPalette(range: Range | null) {
    toolbar.hide();
    await ui.openPalette(range).catch((e: unknown) => console.error('Evidence Mapper:', e));
  }
  listenForShortcut((range) => void openPalette(range));
  // The browser command, the context menu and the side panel reach this page as they reach
  // a web page's overlay (tabs.sendMessage, from the background alone).
  browser.runtime.onMessage.addListener((m: unknown, sender) => {
    if (!isOverlayCommand(m) || sender.tab !== undefined) return undefined;
    if (m.command === 'open-palette' && document.hasFocus()) void openPalette(selectedRange());
    if (m.command === 'refresh') void ui.refresh();
    if (m.command === 'reveal') return ui.reveal(m.passageId).then((found) => (found ? true : undefined));
    return undefined;
  });
  await ui.start(hello);
}

function setZoomEnabled(on: boolean): void {
  for (const id of ['zoom-in', 'zoom-out']) ($<HTMLButtonElement>(id)).disabled = !on;
  zoomEl.hidden = !on;
}

function setZoom(next: number): void {
  zoom = next;
  zoomEl.textContent = `${Math.round(zoom * 100)}%`;
  pdf?.setScale(zoom);
}
const step = (dir: 1 | -1) => {
  const i = ZOOMS.findIndex((z) => z >= zoom - 1e-6);
  setZoom(ZOOMS[Math.max(0, Math.min(ZOOMS.length - 1, (i < 0 ? ZOOMS.length - 1 : i) + dir))]);
};
$('zoom-in').addEventListener('click', () => step(1));
$('zoom-out').addEventListener('click', () => step(-1));
document.addEventListener('keydown', (e) => {
  if (!(e.ctrlKey || e.metaKey) || e.altKey || !pdf) return;
  if (e.key === '=' || e.key === '+') (e.preventDefault(), step(1));
  else if (e.key === '-') (e.preventDefault(), step(-1));
});
setZoom(zoom);

async function openFile(file: File): Promise<void> {
  await open({ bytes: new Uint8Array(await file.arrayBuffer()), fileName: file.name });
}
$('open-file').addEventListener('click', () => fileInput.click());
fileInput.addEventListener('change', () => {
  const file = fileInput.files?.[0];
  if (file) void openFile(file).catch(failed);
  fileInput.value = '';
});
viewerEl.addEventListener('dragover', (e) => {
  if (!e.dataTransfer?.types.includes('Files')) return;
  e.preventDefault();
  viewerEl.classList.add('dragging');
});
viewerEl.addEventListener('dragleave', () => viewerEl.classList.remove('dragging'));
viewerEl.addEventListener('drop', (e) => {
  viewerEl.classList.remove('dragging');
  const file = e.dataTransfer?.files[0];
  if (!file) return;
  e.preventDefault();
  void openFile(file).catch(failed);
});

function failed(e: unknown): void {
  console.error('Evidence Mapper:', e);
  say(e instanceof Error ? e.message : String(e), 'error');
}

/** Opens the URL the viewer was given; if the site may not be read, offers to ask for it. */
async function openUrl(url: string): Promise<void> {
  sourceEl.replaceChildren(`From ${url}`);
  say('Reading the document…');
  try {
    await open(await fetchSource(url));
  } catch (e) {
    if (e instanceof FetchError && e.origin) {
      const origin = e.origin;
      say(`${e.message} Allow Evidence Mapper to read ${new URL(origin).host}, or download the file and open it here.`, 'error', {
        label: `Allow ${new URL(origin).host}`,
        run: () => void browser.permissions.request({ origins: [`${origin}/*`] }).then((ok) => (ok ? openUrl(url) : undefined), failed),
      });
    } else failed(e);
  }
}

const params = new URLSearchParams(location.search);
const given = params.get('url');
const wanted = params.get('file');
if (given) void openUrl(given);
// "Go to evidence" on a document opened only from disk: the viewer asks for the file.
else if (wanted !== null) say(`This evidence is in a file opened from disk${wanted ? `, “${wanted}”` : ''}: open it here (Open file…, or drop it) to see its highlights.`);
