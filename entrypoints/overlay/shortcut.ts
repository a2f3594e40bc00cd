/** The palette's keyboard shortcut, shared with the manifest's command (Alt+Shift+T). */
export const SHORTCUT = 'Alt+Shift+T';

/** True for the palette's shortcut. */
export function isShortcut(e: KeyboardEvent): boolean {
  return e.altKey && e.shiftKey && !e.ctrlKey && !e.metaKey && (e.code === 'KeyT' || e.key.toLowerCase() === 't');
}
