/**
 * Timers that end with the overlay. WXT's ctx.setTimeout adds an abort listener per call
 * and never removes it, which is fine once but not for timers restarted on every
 * mousemove or page mutation; these add one listener each, for their whole life.
 */

/** A timer that each `restart` pushes back; cleared for good when `signal` aborts. */
export function restartable(signal: AbortSignal, ms: number) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
  return {
    restart(run: () => void): void {
      clearTimeout(timer);
      if (!signal.aborted) timer = setTimeout(run, ms);
    },
    /** Drops the waiting run, if any. */
    cancel(): void {
      clearTimeout(timer);
    },
  };
}

/** Resolves after `ms`; never, once `signal` has aborted (the overlay is gone). */
export function sleep(signal: AbortSignal, ms: number): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return;
    const stop = () => clearTimeout(timer);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', stop);
      resolve();
    }, ms);
    signal.addEventListener('abort', stop, { once: true });
  });
}
