/**
 * The browser's storage as the Settings tab shows it: whether the extension's storage is
 * persistent (kept when the browser runs short of space) or may be cleared, and how much
 * is used of what the browser allows. `persist()` exists on extension pages, not in the
 * background's service worker.
 */

/** Whether the storage is persistent, and its usage and quota in bytes where the browser says. */
export interface StorageState {
  persisted: boolean;
  usage?: number;
  quota?: number;
}

/** Asks the browser to keep this extension's storage (granted or not, the answer is returned). */
export async function askPersistence(): Promise<boolean> {
  if (!navigator.storage?.persist) return false;
  if (await navigator.storage.persisted()) return true;
  return navigator.storage.persist();
}

/** The storage's state now. */
export async function storageState(): Promise<StorageState> {
  const persisted = (await navigator.storage?.persisted?.()) ?? false;
  const estimate = await navigator.storage?.estimate?.().catch(() => undefined);
  return { persisted, usage: estimate?.usage, quota: estimate?.quota };
}

/** A size in bytes as people read it (1 decimal above a kilobyte). */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let n = bytes;
  let u = 0;
  while (n >= 1024 && u < units.length - 1) {
    n /= 1024;
    u++;
  }
  return u === 0 ? `${n} ${n === 1 ? 'byte' : 'bytes'}` : `${n.toFixed(1)} ${units[u]}`;
}
