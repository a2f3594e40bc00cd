import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { newId } from './id';

afterEach(() => void vi.unstubAllGlobals());

describe('newId', () => {
  it('makes version 4 UUIDs the protocol accepts, all different', () => {
    const ids = Array.from({ length: 2000 }, newId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(z.string().uuid().safeParse(id).success).toBe(true);
    }
  });

  it('works where crypto.randomUUID does not exist (a page that is not a secure context)', () => {
    const { getRandomValues } = crypto;
    vi.stubGlobal('crypto', { getRandomValues: getRandomValues.bind(crypto) });
    expect(typeof (crypto as Partial<Crypto>).randomUUID).toBe('undefined');
    expect(newId()).toMatch(/^[0-9a-f-]{36}$/);
  });
});
