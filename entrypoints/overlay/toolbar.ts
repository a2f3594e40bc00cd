/**
 * The small toolbar shown by a selection. Plain DOM in a closed shadow root, so no page CSS
 * reaches it, no page script can read or press it, and it reaches no page element; it
 * answers only real (isTrusted) input. It names no learner: whatever is drawn in the page's
 * document, even in a closed root, window.find can still guess (the palette, in the
 * extension's frame, says who is assessed). Kept free of libraries because it is part of
 * what every enabled page loads.
 */
import { SHORTCUT } from './shortcut';

interface ToolbarOptions {
  onTag(range: Range): void;
}

const STYLE = `
:host { all: initial; position: absolute; z-index: 2147483646; }
.bar { display: flex; align-items: center; gap: 6px; padding: 4px; background: #1e293b; color: #fff; border-radius: 8px;
  box-shadow: 0 4px 14px rgba(0,0,0,.25); font: 13px/1.2 system-ui, sans-serif; }
button { all: unset; cursor: pointer; padding: 5px 10px; border-radius: 6px; background: #2563eb; color: #fff; font-weight: 600; }
button:hover { background: #1d4ed8; }
button:focus-visible { outline: 2px solid #fff; outline-offset: 1px; }
`;

/** Creates the toolbar; it shows itself after a mouse or keyboard selection. */
export function createSelectionToolbar(opts: ToolbarOptions) {
  let host: HTMLElement | null = null;
  let range: Range | null = null;

  function build(): HTMLElement {
    const el = document.createElement('evidence-mapper-toolbar');
    const root = el.attachShadow({ mode: 'closed' });
    const style = document.createElement('style');
    style.textContent = STYLE;
    const bar = document.createElement('div');
    bar.className = 'bar';
    bar.setAttribute('role', 'toolbar');
    bar.setAttribute('aria-label', 'Evidence Mapper');
    const tag = document.createElement('button');
    tag.type = 'button';
    tag.textContent = 'Tag';
    tag.title = `Tag selection with criteria (${SHORTCUT})`;
    tag.setAttribute('aria-label', `Tag selection with criteria (${SHORTCUT})`);
    // Keep the page's selection when the toolbar is pressed.
    bar.addEventListener('mousedown', (e) => e.preventDefault());
    tag.addEventListener('click', (e) => {
      if (e.isTrusted && range) opts.onTag(range);
    });
    bar.append(tag);
    root.append(style, bar);
    return el;
  }

  function show(r: Range) {
    range = r;
    host ??= build();
    const rects = r.getClientRects();
    const last = rects[rects.length - 1] ?? r.getBoundingClientRect();
    host.style.left = `${Math.max(4, window.scrollX + last.right - 40)}px`;
    host.style.top = `${window.scrollY + last.bottom + 6}px`;
    if (!host.isConnected) document.documentElement.append(host);
  }

  function hide() {
    host?.remove();
    range = null;
  }

  function update(e: Event) {
    if (!e.isTrusted || (host && e.composedPath().includes(host))) return;
    // Let the selection settle (a click inside a selection clears it after mouseup).
    setTimeout(() => {
      const sel = document.getSelection();
      const text = sel?.toString().trim();
      if (!sel || sel.isCollapsed || !text || sel.rangeCount === 0) return hide();
      const r = sel.getRangeAt(0);
      const inOwnUi = (n: Node | null) => !!n && n.nodeType === 1 && (n as Element).closest?.('evidence-mapper-toolbar, evidence-mapper-ui');
      if (inOwnUi(r.commonAncestorContainer)) return;
      show(r.cloneRange());
    }, 0);
  }

  document.addEventListener('mouseup', update);
  document.addEventListener('keyup', (e) => {
    // Keyboard selections: Shift with a movement key, or select-all. Not the palette's shortcut.
    const moves = /^(Arrow|Home|End|Page)/.test(e.key);
    if ((e.shiftKey && moves && !e.altKey) || (e.key === 'a' && (e.ctrlKey || e.metaKey))) update(e);
    if (e.key === 'Escape' && e.isTrusted) hide();
  });
  document.addEventListener('mousedown', (e) => {
    if (e.isTrusted && host && !e.composedPath().includes(host)) hide();
  });

  return { hide };
}
