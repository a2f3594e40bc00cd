/**
 * The overlay's frames on the page: iframes of the extension's own page (overlay-frame.html)
 * in the overlay's closed shadow root, where everything the overlay says in words is shown.
 * The dialog frame shows the learner prompt, the palette and the card; the status frame, in
 * the page's corner, the toasts and the highlights not found. The page cannot read, search
 * (window.find) or script those documents, and keys typed there never reach it. This side
 * sends each frame what to show (only what it shows: no selectors, no other passages) and
 * answers its calls; both by runtime messaging through the background's relay
 * (lib/messaging/frame.ts), which a page can neither send nor see. Placement and size are set here, on the iframes.
 */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { OverlayState } from '../../lib/state/overlay.svelte';
import type { OverlayActions } from '../../components/overlay/actions';
import type { Requester } from '../../lib/messaging/envelope';
import {
  FRAME_CHANNEL, isFrameCall, partOf, plain, type FrameCallName, type FramePart, type FrameReply, type FrameView, type StatusView,
} from '../../lib/messaging/frame';
import { frameIv, type PageTextOf } from './iv-status';

interface FrameDeps {
  shadow: ShadowRoot;
  overlay: OverlayState;
  actions: OverlayActions;
  request: Requester;
  /** The words a passage's highlight covers now (for the card's "changed since verified"). */
  pageText: PageTextOf;
}

/** Random hex that works in every page context (crypto.randomUUID needs a secure one). */
function randomHex(): string {
  return [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Where the palette and the learner prompt are: sized from the page's viewport alone, like
 * Hypothesis's sidebar frame, never from what they show, so the frame is never shorter than
 * its dialog (the palette scrolls its results inside and keeps its Save row in view).
 */
const PALETTE_BOX = { top: '8vh', right: '24px', width: 'min(440px, calc(100vw - 48px))', height: 'min(84vh, 760px)' };
/** The status frame's room for its toasts' shadow, on each side of what it reports. */
const STATUS_MARGIN = 12;

/** One iframe of the overlay frame page in the closed root, with its session and render queue. */
function framePart(ctx: ContentScriptContext, shadow: ShadowRoot, part: FramePart) {
  const session = `${part}.${randomHex()}`;
  let el: HTMLIFrameElement | null = null;
  let loaded: Promise<void> = Promise.resolve();
  let queue: Promise<void> = Promise.resolve();

  /** Creates the iframe (hidden) the first time it is needed; resolves once its page has loaded. */
  function ensure(): Promise<void> {
    if (!el) {
      el = document.createElement('iframe');
      el.title = part === 'dialog' ? 'Evidence Mapper' : 'Evidence Mapper messages';
      el.setAttribute('allowtransparency', 'true');
      // The dialog frame is above the status frame: a toast (a tag's “Tagged with…” stays 4 s)
      // in the corner would otherwise cover the next palette's Save button and take its click.
      el.style.cssText = `position: fixed; display: none; border: 0; margin: 0; padding: 0; background: transparent; color-scheme: light; z-index: ${part === 'dialog' ? 2147483647 : 2147483646};`;
      const frame = el;
      loaded = new Promise((ok) => frame.addEventListener('load', () => ok(), { once: true, signal: ctx.signal }));
      el.src = `${browser.runtime.getURL('/overlay-frame.html')}#${session}`;
      shadow.append(el);
      // A press that starts on the page ends on the page: while it lasts the frame lets the
      // pointer through, or a selection dragged to end over a toast would lose its mouseup
      // (events in a frame never reach the page) and the selection toolbar would not show.
      const through = (on: boolean) => (e: PointerEvent) => {
        if (e.isTrusted) frame.style.pointerEvents = on ? 'none' : '';
      };
      const opts = { capture: true, signal: ctx.signal };
      document.addEventListener('pointerdown', through(true), opts);
      document.addEventListener('pointerup', through(false), opts);
      document.addEventListener('pointercancel', through(false), opts);
    }
    return loaded;
  }

  return {
    session,
    ensure,
    get iframe() {
      return el;
    },
    /**
     * Sends the frame a view, after every earlier one (creating the frame first if the view
     * shows something); `before` runs just before the message, `then` once the frame has shown it.
     */
    send(view: FrameView | StatusView, visible: boolean, { before, then }: { before?: () => void; then: () => void }): void {
      queue = queue.then(async () => {
        if (ctx.isInvalid) return;
        if (!visible && !el) return then();
        if (visible) await ensure();
        before?.();
        await browser.runtime.sendMessage({ channel: FRAME_CHANNEL, session, view: plain(view) });
        then();
      }).catch((e: unknown) => console.error(`Evidence Mapper: the ${part} frame could not be shown`, e));
    },
  };
}

/** Shows the overlay's dialogs and messages in its frames for as long as `ctx` lives. */
export function createFrame(ctx: ContentScriptContext, { shadow, overlay, actions, request, pageText }: FrameDeps) {
  const dialog = framePart(ctx, shadow, 'dialog');
  const status = framePart(ctx, shadow, 'status');
  /** How tall the dialog frame's card or prompt says it is. */
  let contentHeight = 0;
  let statusSize = { width: 0, height: 0 };
  let shownDialog: FrameView | null = null;
  let shownStatus: StatusView | null = null;

  /**
   * Places the dialog frame where the dialog it shows belongs. `pending` lays it out unseen
   * (its content can then take focus) until the frame has shown the view.
   */
  function placeDialog(view = shownDialog, pending = false): void {
    const iframe = dialog.iframe;
    if (!iframe) return;
    if (!view || (!view.palette && !view.card)) {
      iframe.style.display = 'none';
      return;
    }
    const s = iframe.style;
    s.display = 'block';
    s.borderRadius = '12px';
    s.boxShadow = '0 12px 40px rgba(15, 23, 42, .28)';
    if (view.palette) {
      s.left = '';
      Object.assign(s, PALETTE_BOX);
      if (view.palette.mode === 'setup') {
        // The prompt needs less than the palette: as tall as the frame says, up to the same box
        // (it scrolls inside, buttons in view, while the frame's next size is on its way).
        s.opacity = pending || contentHeight === 0 ? '0' : '1';
        // Until the frame says its size (its content just changed, e.g. from the palette to the
        // learner chooser with Alt+L), the frame keeps the whole box, unseen: never 0 px tall,
        // where what is in it could take focus but not a click.
        s.height = contentHeight ? `min(${contentHeight}px, ${PALETTE_BOX.height})` : PALETTE_BOX.height;
      } else s.opacity = pending ? '0' : '1';
    } else if (view.card) {
      // A card is as tall as what it says (up to 60% of the window), so the size comes from the frame.
      s.opacity = pending || contentHeight === 0 ? '0' : '1';
      const h = Math.min(contentHeight || innerHeight, innerHeight * 0.6);
      const { x, y } = view.card;
      const below = y + 14 + h <= innerHeight - 8;
      s.right = '';
      s.left = `${Math.max(8, Math.min(x, innerWidth - 380))}px`;
      s.top = `${below ? y + 14 : Math.max(8, y - 14 - h)}px`;
      s.width = '360px';
      s.height = `${h}px`;
    }
  }

  /** The status frame sits in the corner, as big as its toasts and list (which it measures). */
  function placeStatus(): void {
    const iframe = status.iframe;
    if (!iframe) return;
    const view = shownStatus;
    const s = iframe.style;
    if (!view || (!view.toasts.length && !view.orphans.length)) {
      s.display = 'none';
      return;
    }
    s.display = 'block';
    s.opacity = statusSize.height && statusSize.width ? '1' : '0';
    s.right = `${16 - STATUS_MARGIN}px`;
    s.bottom = `${16 - STATUS_MARGIN}px`;
    s.width = `${Math.min(statusSize.width, innerWidth - 16)}px`;
    s.height = `${Math.min(statusSize.height, innerHeight - 16)}px`;
  }

  function dialogView(): FrameView {
    const palette = overlay.palette;
    const card = overlay.card;
    const ids = new Set([...(card?.passageIds ?? []), ...(palette?.mode === 'add' ? [palette.passageId] : [])]);
    const passages = overlay.passages.filter((p) => ids.has(p.id));
    // Read for its changes: a highlight anchored again (its words changed) is told to the card.
    void overlay.anchors;
    return $state.snapshot({
      learner: overlay.learner,
      assessor: overlay.assessor,
      askAssessorName: overlay.askAssessorName,
      lastMethod: overlay.lastMethod,
      palette: !palette ? null : palette.mode === 'new' ? { mode: 'new' as const, quote: palette.quote } : palette,
      card,
      passages,
      iv: card ? frameIv(overlay, passages, pageText) : null,
    }) as FrameView;
  }

  function statusView(): StatusView {
    return {
      toasts: overlay.toasts.map((t) => ({ id: t.id, message: t.message, action: t.action?.label ?? null })),
      orphans: $state.snapshot(overlay.orphans) as StatusView['orphans'],
      showOrphans: overlay.showOrphans,
      iv: overlay.orphans.length ? frameIv(overlay, overlay.orphans, pageText) : null,
    };
  }

  const kind = (v: FrameView | null) => (v?.palette ? v.palette.mode : v?.card ? 'card' : null);

  function renderDialog(view: FrameView): void {
    const visible = !!(view.palette || view.card);
    // Closing gives the keyboard back to the page now, not when the hidden frame is blurred
    // later: the palette's close has already focused where focus was, if it could.
    const frame = dialog.iframe;
    if (!visible && frame && shadow.activeElement === frame) frame.blur();
    let opening = false;
    dialog.send(view, visible, {
      before: () => {
        // A palette opening, or a card opened from the keyboard, takes the keyboard.
        opening = (!!view.palette && !shownDialog?.palette) || (!!view.card?.keyboard && !view.palette && !shownDialog?.card?.keyboard);
        // A different dialog: the size the frame said is no longer its size.
        if (kind(view) !== kind(shownDialog)) contentHeight = 0;
        if (!visible) {
          // Hidden at once; the frame is told after.
          shownDialog = view;
          placeDialog();
        } else if (opening) placeDialog(view, true);
      },
      then: () => {
        shownDialog = view;
        placeDialog();
        // The palette takes the keyboard, as it did in the page: the frame has focused its
        // first field already, so keys go there from the moment the frame is focused.
        // Not if it has closed meanwhile (a palette saved before the frame said it had shown
        // it): the frame would be hidden next with the keyboard still in it, and keys lost.
        if (opening && (overlay.palette || overlay.card)) dialog.iframe?.focus();
      },
    });
  }

  function renderStatus(view: StatusView): void {
    const visible = view.toasts.length > 0 || view.orphans.length > 0;
    status.send(view, visible, {
      before: () => {
        if (!visible) {
          shownStatus = view;
          placeStatus();
        }
      },
      then: () => {
        shownStatus = view;
        placeStatus();
        // Said once: the frame opens the list, and the assessor may close it again.
        if (view.showOrphans) overlay.showOrphans = false;
      },
    });
  }

  const stop = $effect.root(() => {
    $effect(() => renderDialog(dialogView()));
    $effect(() => renderStatus(statusView()));
  });

  async function answer(session: string, name: FrameCallName, args: unknown[]): Promise<unknown> {
    if (partOf(session) === 'status') {
      if (name === 'size') {
        statusSize = { height: Number(args[0]) || 0, width: Number(args[1]) || 0 };
        placeStatus();
      } else if (name === 'toastAction') {
        const toast = overlay.toasts.find((t) => t.id === Number(args[0]));
        if (toast?.action) {
          overlay.dismiss(toast.id);
          await toast.action.run();
        }
      }
      return null;
    }
    switch (name) {
      case 'size':
        contentHeight = Number(args[0]) || 0;
        placeDialog();
        return null;
      case 'learned':
        return request('suggest/learned', { have: typeof args[0] === 'string' ? args[0] : undefined });
      case 'catalogue': {
        if (!overlay.learner) return { specifications: [], chosenUnits: [] };
        const { specifications, chosenUnits } = await request('catalogue/for-learner', { learnerId: overlay.learner.id });
        return { specifications, chosenUnits };
      }
      default: {
        const action = actions[name as keyof OverlayActions] as (...a: unknown[]) => unknown;
        return (await action(...args)) ?? null;
      }
    }
  }

  const listener = (m: unknown, sender: { id?: string; tab?: unknown }): Promise<FrameReply> | undefined => {
    // Calls come relayed by the background (no tab). In the extension's document viewer the
    // frame's own message reaches this page directly too (sender.tab set): left to the relay,
    // so that each call runs once.
    if (sender.id !== browser.runtime.id || sender.tab !== undefined) return undefined;
    const session = [dialog.session, status.session].find((s) => isFrameCall(m, s));
    if (!session || !isFrameCall(m, session)) return undefined;
    return answer(session, m.name, m.args).then(
      (value) => ({ ok: true as const, value: plain(value) }),
      (e: unknown) => ({ ok: false as const, error: e instanceof Error ? e.message : String(e) }),
    );
  };
  browser.runtime.onMessage.addListener(listener);
  ctx.onInvalidated(() => {
    browser.runtime.onMessage.removeListener(listener);
    stop();
    dialog.iframe?.remove();
    status.iframe?.remove();
  });

  return {
    /**
     * Starts loading the dialog frame, hidden: the overlay's first palette or card would
     * otherwise wait for an extension page to load, and keys typed meanwhile reach the page.
     */
    preload(): void {
      void dialog.ensure();
    },
  };
}
