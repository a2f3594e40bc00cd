/**
 * The one way a long loop here (a reader validating a large file, an export being
 * collected into a Blob) gives the page a turn: to handle input, paint, move a progress
 * bar and deliver database results. A chain of resolved promises never does, so an
 * export whose next read is already in hand would otherwise run as one long task and
 * freeze the page for its whole length.
 */

/** Lets the page (or Node's event loop) run whatever is waiting, then resumes. */
export function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  // A message, unlike setTimeout, is not clamped to 4 ms when nested.
  return new Promise((ok) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      ok();
    };
    channel.port2.postMessage(null);
  });
}
