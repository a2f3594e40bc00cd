import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Toasts } from './toasts.svelte';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('toasts', () => {
  it('a plain message leaves after its time, one with an action stays longer', () => {
    const t = new Toasts({ plain: 6000, withAction: 12000 });
    t.show('Saved.');
    t.show('Archived.', { label: 'Undo', run: () => {} });
    expect(t.list.map((x) => x.message)).toEqual(['Saved.', 'Archived.']);
    vi.advanceTimersByTime(6000);
    expect(t.list.map((x) => x.message)).toEqual(['Archived.']);
    vi.advanceTimersByTime(6000);
    expect(t.list).toEqual([]);
  });

  it('a duration given overrides the default; dismissing removes the message and its timer', () => {
    const t = new Toasts({ plain: 8000, withAction: 8000 });
    t.show('Tagged.', undefined, 4000);
    t.show('Deleted.');
    t.dismiss(t.list[1].id);
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(4000);
    expect(t.list).toEqual([]);
  });

  it('clear removes every message and leaves no timer behind', () => {
    const t = new Toasts({ plain: 8000, withAction: 8000 });
    t.show('One.');
    t.show('Two.', { label: 'Undo', run: () => {} });
    t.clear();
    expect(t.list).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });
});
