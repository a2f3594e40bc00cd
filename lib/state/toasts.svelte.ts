/**
 * Short messages shown for a while, optionally with one action (Undo): one queue class
 * for the overlay and the side panel, each with its own durations.
 */

/** A short message, optionally with one action (Undo). */
export interface Toast {
  id: number;
  message: string;
  action?: { label: string; run: () => void | Promise<void> };
}

/** How long a message stays, in ms: plain, and when it offers an action. */
export interface ToastDurations {
  plain: number;
  withAction: number;
}

/** A queue of toasts; each leaves by itself after its time, or when dismissed. */
export class Toasts {
  list = $state<Toast[]>([]);
  #id = 0;
  #timers = new Map<number, ReturnType<typeof setTimeout>>();
  readonly #durations: ToastDurations;

  constructor(durations: ToastDurations) {
    this.#durations = durations;
  }

  /** Shows a message; `ms` overrides the default duration. */
  show(message: string, action?: Toast['action'], ms?: number): void {
    const id = ++this.#id;
    this.list = [...this.list, { id, message, action }];
    const wait = ms ?? (action ? this.#durations.withAction : this.#durations.plain);
    this.#timers.set(id, setTimeout(() => this.dismiss(id), wait));
  }

  dismiss(id: number): void {
    clearTimeout(this.#timers.get(id));
    this.#timers.delete(id);
    this.list = this.list.filter((t) => t.id !== id);
  }

  /** Removes every message and its timer (when the UI goes away). */
  clear(): void {
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
    this.list = [];
  }
}
