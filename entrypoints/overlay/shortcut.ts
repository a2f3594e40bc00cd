/** The palette's keyboard shortcut, shared with the manifest's command (Alt+Shift+T). */
export const SHORTCUT = 'Alt+Shift+T';

/** True for the palette's shortcut. */
export function isShortcut(e: KeyboardEvent): boolean {
  return e.altKey && e.shiftKey && !e.ctrlKey && !e.metaKey && (e.code === 'KeyT' || e.key.toLowerCase() === 't');
}

/** The page's selection as a range, when it holds words (else null). */
export function selectedRange(): Range | null {
  const sel = document.getSelection();
  return sel && sel.rangeCount && !sel.isCollapsed && sel.toString().trim() ? sel.getRangeAt(0).cloneRange() : null;
}

/**
 * Opens the palette on the selection when the shortcut is pressed on the page, for when the
 * browser does not route the command (the command, when routed, never reaches the page).
 * Only real key presses: a page script can dispatch a keydown of its own (isTrusted false).
 */
export function listenForShortcut(open: (range: Range | null) => void): void {
  document.addEventListener('keydown', (e) => {
    if (e.isTrusted && isShortcut(e)) {
      e.preventDefault();
      open(selectedRange());
    }
  }, true);
}
