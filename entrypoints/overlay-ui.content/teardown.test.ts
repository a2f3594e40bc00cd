// @vitest-environment jsdom
/**
 * The overlay's second part leaves nothing running once its content-script context is
 * invalidated (a newer injection, an extension reload): no page listener, no observer, no
 * timer. It runs the entry's `main` with a real ContentScriptContext, uses the overlay as
 * the first part does (start, hover, click, page changes, reveal, a toast), invalidates the
 * context, and counts what is left. The Svelte UI is not mounted (unit tests compile no
 * Svelte); its listeners live on elements inside the overlay's own shadow root.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { OverlayGlobal } from '../overlay/contract';

// Runes without the compiler: plain values are enough for the wiring under test.
vi.hoisted(() => {
  const g = globalThis as Record<string, unknown>;
  g.$state = Object.assign(<T>(v: T) => v, { raw: <T>(v: T) => v });
  g.$derived = <T>(v: T) => v;
});
// wxt/browser's test double imports all of wxt/testing, whose esbuild cannot load under
// jsdom; the fake browser alone is enough here.
vi.mock('wxt/browser', async () => ({ browser: (await import('wxt/testing/fake-browser')).fakeBrowser }));
// The keyboard's focus ring is a Svelte component mounted in the closed root; jsdom resolves
// svelte to its server build, where mount is unavailable. The ring's own listeners are
// Svelte's, removed with it; this test is about the features' page listeners.
vi.mock('svelte', async (original) => ({ ...(await original<typeof import('svelte')>()), mount: vi.fn(() => ({})), unmount: vi.fn() }));
vi.mock('../../components/overlay/PageFocus.svelte', () => ({ default: {} }));

interface Listener {
  target: EventTarget;
  type: string;
  listener: unknown;
  capture: boolean;
}

/** Listeners added to page targets (not to abort signals) and not yet removed. */
function trackListeners(): Set<Listener> {
  const live = new Set<Listener>();
  const captureOf = (o: unknown) => (typeof o === 'boolean' ? o : !!(o as AddEventListenerOptions | undefined)?.capture);
  const find = (target: EventTarget, type: string, listener: unknown, capture: boolean) =>
    [...live].find((l) => l.target === target && l.type === type && l.listener === listener && l.capture === capture);
  // Nodes use jsdom's EventTarget.prototype; the window (the global, under vitest) has its own pair.
  for (const holder of [EventTarget.prototype, globalThis] as EventTarget[]) {
    const add = holder.addEventListener;
    const remove = holder.removeEventListener;
    vi.spyOn(holder, 'addEventListener').mockImplementation(function (this: EventTarget | undefined, type, listener, options) {
      const target = this ?? (globalThis as EventTarget); // a bare addEventListener(...) call
      add.call(target, type, listener, options);
      const signal = typeof options === 'object' ? options.signal : undefined;
      if (!listener || target instanceof AbortSignal || signal?.aborted || find(target, type, listener, captureOf(options))) return;
      // jsdom's selector engine (nwsapi) tracks :hover with document listeners of its own the
      // first time a document's styles are matched (the page text reads computed styles): not ours.
      if (String(listener).includes('Snapshot.HOVER')) return;
      const entry = { target, type, listener, capture: captureOf(options) };
      live.add(entry);
      // The signal is not a page target (nor, under jsdom, of jsdom's EventTarget): its own method.
      signal?.addEventListener('abort', () => live.delete(entry), { once: true });
    });
    vi.spyOn(holder, 'removeEventListener').mockImplementation(function (this: EventTarget | undefined, type, listener, options) {
      const target = this ?? (globalThis as EventTarget);
      remove.call(target, type, listener, options);
      const entry = find(target, type, listener, captureOf(options));
      if (entry) live.delete(entry);
    });
  }
  return live;
}

/** MutationObservers observing and not yet disconnected. */
function trackObservers(): Set<MutationObserver> {
  const live = new Set<MutationObserver>();
  class Tracked extends MutationObserver {
    observe(target: Node, options?: MutationObserverInit) {
      live.add(this);
      super.observe(target, options);
    }
    disconnect() {
      live.delete(this);
      super.disconnect();
    }
  }
  vi.stubGlobal('MutationObserver', Tracked);
  return live;
}

const learner = { id: 'l1', name: 'Jordan Ellis', qualificationIds: ['edi-l2:500/9378/2'] };
const passage = {
  id: 'p1', quote: 'I watched her face', createdBy: 'Sam', createdAt: '2026-01-01T00:00:00.000Z',
  selectors: [{ type: 'TextQuoteSelector' as const, exact: 'I watched her face', prefix: '', suffix: '' }],
  mappings: [{ id: 'p1|edi-l2:CU795:1.8', criterionId: 'edi-l2:CU795:1.8', method: 'Obs' as const, note: '', createdBy: 'Sam', createdAt: '2026-01-01T00:00:00.000Z' }],
};
const answers: Record<string, unknown> = {
  'passages/for-page': { passages: [passage] },
  'passages/anchored': { changed: 1 },
  'catalogue/for-learner': { specifications: [], qualificationIds: learner.qualificationIds },
};

beforeEach(() => {
  document.body.innerHTML = '<main><p>On Tuesday I watched her face as the news was read.</p><p>Later notes.</p></main>';
  // jsdom's selector engine puts its own listeners on the document on first use: not ours.
  document.querySelector('main');
  // jsdom lays nothing out.
  Range.prototype.getClientRects = () => [] as unknown as DOMRectList;
  Range.prototype.getBoundingClientRect = () => new DOMRect(0, 0, 0, 0);
  vi.stubGlobal('scrollBy', () => undefined);
  fakeBrowser.runtime.onMessage.addListener(async (m: unknown) => {
    const { type } = m as { type: string };
    return type in answers ? { ok: true, data: answers[type] } : { ok: false, error: `no answer for ${type}` };
  });
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  fakeBrowser.reset();
  delete (globalThis as OverlayGlobal).__evidenceMapperUi;
  document.querySelectorAll('evidence-mapper-ui').forEach((e) => e.remove());
});

describe('the overlay ends with its content-script context', () => {
  it('leaves no listener, observer or timer once the context is invalidated', async () => {
    const listeners = trackListeners();
    const observers = trackObservers();
    vi.useFakeTimers();

    const ctx = new ContentScriptContext('overlay-ui');
    const { default: entry } = await import('./index');
    await entry.main(ctx);
    const ui = (globalThis as OverlayGlobal).__evidenceMapperUi!;
    const started = ui.start({ learner, learnerCount: 1, passageCount: 1, assessor: 'Sam', askAssessorName: false });
    await vi.advanceTimersByTimeAsync(50);
    await started;

    // Use it as a page would: pointer, late content, a route change, a reveal, a toast.
    document.dispatchEvent(new MouseEvent('mousemove', { clientX: 5, clientY: 5 }));
    document.dispatchEvent(new MouseEvent('click', { clientX: 5, clientY: 5 }));
    document.body.append(Object.assign(document.createElement('p'), { textContent: 'Loaded late.' }));
    history.pushState({}, '', '#next');
    dispatchEvent(new PopStateEvent('popstate'));
    await vi.advanceTimersByTimeAsync(100);
    expect(await ui.reveal('p1')).toBe(true);
    await ui.openPalette(null); // no selection: a toast, with its timer
    document.dispatchEvent(new MouseEvent('mousemove', { clientX: 6, clientY: 6 }));
    await vi.advanceTimersByTimeAsync(10);

    expect(listeners.size, 'the overlay listens to the page while it runs').toBeGreaterThan(0);
    expect(observers.size, 'and observes it').toBeGreaterThan(0);
    expect(vi.getTimerCount(), 'and has timers running').toBeGreaterThan(0);

    ctx.notifyInvalidated();

    // Soft: a failure lists every kind of thing left running, not just the first.
    expect.soft([...listeners].map((l) => `${l.type} on ${l.target === globalThis ? 'window' : l.target.constructor.name}`)).toEqual([]);
    expect.soft(observers.size, 'observers still observing').toBe(0);
    expect.soft(vi.getTimerCount(), 'timers still pending').toBe(0);
    expect.soft(document.querySelector('evidence-mapper-ui'), 'the overlay element').toBeNull();
  });

  it('a newer injection into the same frame takes over from the older one', async () => {
    const listeners = trackListeners();
    const { default: entry } = await import('./index');
    const g = globalThis as OverlayGlobal;

    const older = new ContentScriptContext('overlay-ui');
    await entry.main(older);
    const first = g.__evidenceMapperUi!;
    await first.start({ learner, learnerCount: 1, passageCount: 1, assessor: 'Sam', askAssessorName: false });

    // WXT's context tells older copies of the same script to stop when a newer one starts.
    const newer = new ContentScriptContext('overlay-ui');
    expect(older.isInvalid).toBe(true);
    expect([...listeners].filter((l) => l.type === 'click' || l.type === 'mousemove')).toEqual([]);
    await entry.main(newer);
    const second = g.__evidenceMapperUi!;
    expect(second).not.toBe(first);
    await second.start({ learner, learnerCount: 1, passageCount: 1, assessor: 'Sam', askAssessorName: false });
    expect(document.querySelectorAll('evidence-mapper-ui')).toHaveLength(1);
    newer.notifyInvalidated();
  });
});
