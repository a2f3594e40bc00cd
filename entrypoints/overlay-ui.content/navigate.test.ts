import { describe, expect, it } from 'vitest';
import { navigationStep, nextIndex } from './navigate';

const key = (code: string, mods: Partial<Record<'altKey' | 'shiftKey' | 'ctrlKey' | 'metaKey', boolean>> = {}) =>
  ({ altKey: false, shiftKey: false, ctrlKey: false, metaKey: false, code, ...mods });

describe('keyboard navigation between highlights', () => {
  it('Alt+Shift+N is next and Alt+Shift+P previous; the palette\'s Alt+Shift+T and plain letters are not', () => {
    expect(navigationStep(key('KeyN', { altKey: true, shiftKey: true }))).toBe(1);
    expect(navigationStep(key('KeyP', { altKey: true, shiftKey: true }))).toBe(-1);
    expect(navigationStep(key('KeyT', { altKey: true, shiftKey: true }))).toBe(0);
    expect(navigationStep(key('KeyN', { altKey: true }))).toBe(0);
    expect(navigationStep(key('KeyN', { altKey: true, shiftKey: true, ctrlKey: true }))).toBe(0);
    expect(navigationStep(key('KeyN'))).toBe(0);
  });

  it('steps in reading order and wraps round; from none, starts at what is in view', () => {
    const tops = [-400, -20, 120, 900, 2000];
    expect(nextIndex(tops, 2, 1, 800)).toBe(3);
    expect(nextIndex(tops, 4, 1, 800)).toBe(0);
    expect(nextIndex(tops, 0, -1, 800)).toBe(4);
    expect(nextIndex(tops, -1, 1, 800)).toBe(2);
    expect(nextIndex(tops, -1, -1, 800)).toBe(2);
    expect(nextIndex([-900, -500], -1, 1, 800)).toBe(0);
    expect(nextIndex([900, 1500], -1, -1, 800)).toBe(1);
    expect(nextIndex([], -1, 1, 800)).toBe(-1);
  });
});
