/**
 * The overlay's frame on the page: an iframe of the extension's own page (overlay-frame.html)
 * in the overlay's closed shadow root, where the learner prompt, the palette and the card are
 * shown. The page cannot read or script that document, and keys typed there never reach it.
 * This side sends the frame what to show (only what it shows: no selectors, no other
 * passages) and answers the frame's calls; both by runtime messaging (lib/messaging/frame.ts),
 * which a page can neither send nor see. Placement and size are set here, on the iframe.
 */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { OverlayState } from '../../lib/state/overlay.svelte';
import type { OverlayActions } from '../../components/overlay/actions';
import type { Requester } from '../../lib/messaging/envelope';
import { FRAME_CHANNEL, isFrameCall, type FrameCallName, type FrameReply, type FrameView } from '../../lib/messaging/frame';

interface FrameDeps {
  shadow: ShadowRoot;
  overlay: OverlayState;
  actions: OverlayActions;
  request: Requester;
}

/** A session id that works in every page context (crypto.randomUUID needs a secure one). */
function sessionId(): string {
  return [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Shows the overlay's dialogs in the frame for as long as `ctx` lives. */
export function createFrame(ctx: ContentScriptContext, { shadow, overlay, actions, request }: FrameDeps) {
  const session = sessionId();
  let iframe: HTMLIFrameElement | null = null;
  let loaded: Promise<void> = Promise.resolve();
  let height = 0;
  let shown: FrameView | null = null;

  function ensureFrame(): HTMLIFrameElement {
    if (iframe) return iframe;
    const el = document.createElement('iframe');
    el.title = 'Evidence Mapper';
    el.setAttribute('allowtransparency', 'true');
    el.style.cssText = 'position: fixed; display: none; border: 0; margin: 0; padding: 0; background: transparent; color-scheme: light; ' +
      'border-radius: 12px; box-shadow: 0 12px 40px rgba(15, 23, 42, .28); z-index: 2147483647;';
    loaded = new Promise((ok) => el.addEventListener('load', () => ok(), { once: true, signal: ctx.signal }));
    el.src = `${browser.runtime.getURL('/overlay-frame.html')}#${session}`;
    shadow.append(el);
    return (iframe = el);
  }

  /**
   * Places the iframe where the dialog it shows belongs. `pending` lays it out unseen (its
   * content can then take focus) until the frame has shown the view and said how tall it is.
   */
  function place(view = shown, pending = false): void {
    if (!iframe) return;
    if (!view || (!view.palette && !view.card)) {
      iframe.style.display = 'none';
      return;
    }
    const s = iframe.style;
    s.display = 'block';
    s.opacity = pending || height === 0 ? '0' : '1';
    if (view.palette) {
      s.left = '';
      s.right = '24px';
      s.top = '8vh';
      s.width = 'min(440px, calc(100vw - 48px))';
      s.height = `min(${height}px, 84vh)`;
    } else if (view.card) {
      const h = Math.min(height, innerHeight * 0.6);
      const { x, y } = view.card;
      const below = y + 14 + h <= innerHeight - 8;
      s.right = '';
      s.left = `${Math.max(8, Math.min(x, innerWidth - 380))}px`;
      s.top = `${below ? y + 14 : Math.max(8, y - 14 - h)}px`;
      s.width = '360px';
      s.height = `${h}px`;
    }
  }

  function viewOf(): FrameView {
    const palette = overlay.palette;
    const card = overlay.card;
    const ids = new Set([...(card?.passageIds ?? []), ...(palette?.mode === 'add' ? [palette.passageId] : [])]);
    return $state.snapshot({
      learner: overlay.learner,
      assessor: overlay.assessor,
      lastMethod: overlay.lastMethod,
      palette: !palette ? null : palette.mode === 'new' ? { mode: 'new' as const, quote: palette.quote } : palette,
      card,
      passages: overlay.passages.filter((p) => ids.has(p.id)),
    }) as FrameView;
  }

  // One render at a time, in order.
  let queue: Promise<void> = Promise.resolve();
  function render(view: FrameView): void {
    queue = queue.then(async () => {
      if (ctx.isInvalid) return;
      const opening = !!view.palette && !shown?.palette;
      if (!view.palette && !view.card) {
        shown = view;
        place();
        if (!iframe) return;
      } else {
        ensureFrame();
        await loaded;
        if (opening) place(view, true);
      }
      await browser.runtime.sendMessage({ channel: FRAME_CHANNEL, session, view });
      shown = view;
      place();
      if (opening && iframe) {
        // The palette takes the keyboard, as it did in the page.
        iframe.focus();
      }
    }).catch((e: unknown) => console.error('Evidence Mapper: the palette could not be shown', e));
  }

  const stop = $effect.root(() => {
    $effect(() => render(viewOf()));
  });

  async function answer(name: FrameCallName, args: unknown[]): Promise<unknown> {
    switch (name) {
      case 'size':
        height = Number(args[0]) || 0;
        place();
        return null;
      case 'catalogue': {
        if (!overlay.learner) return [];
        return (await request('catalogue/for-learner', { learnerId: overlay.learner.id })).specifications;
      }
      default: {
        const action = actions[name] as (...a: unknown[]) => unknown;
        return (await action(...args)) ?? null;
      }
    }
  }

  const listener = (m: unknown, sender: { id?: string }): Promise<FrameReply> | undefined => {
    if (!isFrameCall(m, session) || sender.id !== browser.runtime.id) return undefined;
    return answer(m.name, m.args).then(
      (value) => ({ ok: true as const, value }),
      (e: unknown) => ({ ok: false as const, error: e instanceof Error ? e.message : String(e) }),
    );
  };
  browser.runtime.onMessage.addListener(listener);
  ctx.onInvalidated(() => {
    browser.runtime.onMessage.removeListener(listener);
    stop();
    iframe?.remove();
  });
}
