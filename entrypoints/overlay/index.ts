/**
 * The overlay's first part: runs on enabled sites (and on a tab where the assessor
 * invoked Evidence Mapper), and costs next to nothing until used. It asks the background
 * whether this page has highlights, shows a small toolbar by a selection, and listens
 * for the palette command; the second part (palette, painter, anchoring, search) is
 * injected on first need.
 */
import { createRequester, isOverlayCommand } from '../../lib/messaging/envelope';
import type { Responses } from '../../lib/messaging/protocol';
import { createSelectionToolbar } from './toolbar';
import { listenForShortcut, selectedRange } from './shortcut';
import type { OverlayGlobal, OverlayUi } from './contract';

type Api = { runtime: { sendMessage(m: unknown): Promise<unknown>; onMessage: { addListener(f: (m: unknown) => Promise<unknown> | undefined): void } } };

// An unlisted script rather than a WXT content script entry: it is injected by the
// background (site registration or explicit invocation), and skipping WXT's content-script
// context keeps webextension-polyfill out of this first part.
export default defineUnlistedScript({
  main() {
    const g = globalThis as OverlayGlobal & { __evidenceMapper?: boolean; browser?: Api; chrome?: Api };
    if (g.__evidenceMapper) return; // injected twice (site registration and an explicit invocation)
    g.__evidenceMapper = true;
    // The native API object: the polyfill is left to the second part, to keep this one small.
    const api = (g.browser ?? g.chrome) as Api;

    const send = createRequester((m) => api.runtime.sendMessage(m));

    let hello: Responses['overlay/hello'] | null = null;
    let ui: Promise<OverlayUi> | null = null;

    function loadUi(): Promise<OverlayUi> {
      ui ??= (async () => {
        if (!g.__evidenceMapperUi) await send('overlay/load-ui', {});
        for (let i = 0; i < 200 && !g.__evidenceMapperUi; i++) await new Promise((r) => setTimeout(r, 10));
        if (!g.__evidenceMapperUi) throw new Error('The Evidence Mapper palette did not load.');
        hello ??= await send('overlay/hello', { url: location.href, title: document.title });
        await g.__evidenceMapperUi.start(hello);
        return g.__evidenceMapperUi;
      })();
      ui.catch(() => (ui = null));
      return ui;
    }

    async function openPalette(range: Range | null) {
      toolbar.hide();
      try {
        await (await loadUi()).openPalette(range);
      } catch (e) {
        console.error('Evidence Mapper:', e);
      }
    }

    const toolbar = createSelectionToolbar({
      onTag: (range) => void openPalette(range),
    });

    listenForShortcut((range) => void openPalette(range));

    api.runtime.onMessage.addListener((m: unknown) => {
      if (!isOverlayCommand(m)) return;
      if (m.command === 'open-palette' && document.hasFocus()) void openPalette(selectedRange());
      if (m.command === 'refresh' && ui) void ui.then((u) => u.refresh());
      // Only frames that hold the passage answer; the others stay silent.
      if (m.command === 'reveal') return loadUi().then((u) => u.reveal(m.passageId)).then((found) => (found ? true : undefined));
    });

    // Highlights stored for this page (or for the page a single-page app moves to) load the rest.
    let lastUrl = '';
    async function checkPage() {
      if (location.href === lastUrl || ui) return;
      lastUrl = location.href;
      try {
        hello = await send('overlay/hello', { url: location.href, title: document.title });
        if (hello.passageCount > 0) await loadUi();
      } catch (e) {
        console.debug('Evidence Mapper: not available on this page', e);
      }
    }
    void checkPage();
    window.addEventListener('popstate', () => void checkPage());
    const poll = setInterval(() => (ui ? clearInterval(poll) : void checkPage()), 1000);
  },
});
