/**
 * Documents to the viewer (entrypoints/viewer): "Open in Evidence Mapper" on links to PDF
 * and Word files and on a PDF's own tab, and the palette's command on a tab where Chrome's
 * PDF viewer shows a PDF (its selection is in the PDF plugin, out of any script's reach, so
 * the overlay would see none): the document opens in the viewer beside it, to be tagged there.
 */
import { VIEWER_PAGE } from '../../lib/messaging/server';

const DOCUMENT_PATTERNS = ['*://*/*.pdf', '*://*/*.pdf?*', '*://*/*.PDF', '*://*/*.docx', '*://*/*.docx?*', 'file:///*.pdf', 'file:///*.docx'];

/** The menu items: on a link to a document, and on a document's own page. */
export function createViewerMenus(): void {
  browser.contextMenus.create({ id: 'open-document-link', title: 'Open in Evidence Mapper', contexts: ['link'], targetUrlPatterns: DOCUMENT_PATTERNS });
  browser.contextMenus.create({ id: 'open-document-page', title: 'Open in Evidence Mapper', contexts: ['page'], documentUrlPatterns: DOCUMENT_PATTERNS });
}

/** The viewer's address for a document URL. */
export function viewerUrlFor(url: string): string {
  return `${browser.runtime.getURL(VIEWER_PAGE)}?url=${encodeURIComponent(url)}`;
}

/** Opens a document in the viewer, in a new tab beside `tab`. */
export async function openInViewer(url: string, tab?: { index?: number; windowId?: number }): Promise<void> {
  await browser.tabs.create({ url: viewerUrlFor(url), ...(tab?.index !== undefined ? { index: tab.index + 1 } : {}), ...(tab?.windowId !== undefined ? { windowId: tab.windowId } : {}) });
}

/** Handles the viewer's menu items; false for another item. */
export function onViewerMenu(info: { menuItemId: string | number; linkUrl?: string; pageUrl?: string; frameUrl?: string }, tab?: { index?: number; windowId?: number }): boolean {
  const url = info.menuItemId === 'open-document-link' ? info.linkUrl : info.menuItemId === 'open-document-page' ? (info.frameUrl ?? info.pageUrl) : undefined;
  if (!url) return false;
  void openInViewer(url, tab).catch((e: unknown) => console.error('Evidence Mapper: could not open the viewer', e));
  return true;
}

/**
 * The URL of the PDF a tab shows in the browser's own PDF viewer, or null. Asked of the
 * tab's document (its content type), which the command or menu's activeTab grant allows;
 * where it may not be asked (a file URL without file access), a URL ending in .pdf will do.
 */
export async function pdfShownIn(tab: { id?: number; url?: string }): Promise<string | null> {
  if (tab.id === undefined) return null;
  try {
    const [probe] = await browser.scripting.executeScript({
      target: { tabId: tab.id },
      func: () => (document.contentType === 'application/pdf' ? location.href : null),
    });
    return typeof probe?.result === 'string' ? probe.result : null;
  } catch {
    return tab.url && /^(https?|file):[^?#]*\.pdf([?#]|$)/i.test(tab.url) ? tab.url : null;
  }
}
