/**
 * The side panel's learner list with a centre team's learners (issue 15: a first sync brings
 * thousands at once, and the list is then made a slice at a time, components/panel/LearnerBar.svelte):
 * every active learner is listed once, by name, with the reference; the one assessed is
 * chosen; choosing another, far down the list, makes them the one assessed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { launchWithExtension } from './harness';
import { extensionReady } from './overlay-helpers';

const COUNT = 1200;
let context: BrowserContext;
let extensionId: string;
let panel: Page;

/** Stores `count` learners (one archived), straight into the extension's database; the last-chosen one is learner 7. */
async function seedLearners(count: number): Promise<void> {
  const sw = context.serviceWorkers()[0];
  await sw.evaluate(async (count) => {
    const db: IDBDatabase = await new Promise((ok, fail) => {
      const r = indexedDB.open('evidence-mapper');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    const at = new Date().toISOString();
    const tx = db.transaction(['learners', 'settings'], 'readwrite');
    for (let i = 0; i < count; i++) {
      const n = String(i).padStart(4, '0');
      tx.objectStore('learners').put({ id: `learner-${n}`, name: `Learner ${n}`, reference: i % 2 ? `ULN ${n}` : undefined, qualificationIds: ['edi-l2:500/9378/2'], unitChoices: {}, archived: i === 3, createdAt: at, updatedAt: at });
    }
    tx.objectStore('settings').put({ key: 'last-learner', value: 'learner-0007' });
    await new Promise((ok, fail) => {
      tx.oncomplete = ok;
      tx.onerror = () => fail(tx.error);
    });
    db.close();
  }, count);
}

beforeAll(async () => {
  ({ context, extensionId } = await launchWithExtension());
  await extensionReady(context);
  await seedLearners(COUNT);
  panel = await context.newPage();
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html?tab=coverage`);
});
afterAll(async () => {
  await context?.close();
});

describe("the side panel's learner list with many learners", () => {
  it('lists every active learner once, by name with the reference, the one assessed chosen', async () => {
    const learner = panel.getByRole('combobox', { name: 'Learner' });
    await expect.poll(() => learner.locator('option').count(), { timeout: 15_000 }).toBe(COUNT - 1);
    const labels = await learner.locator('option').allTextContents();
    const expected = Array.from({ length: COUNT }, (_, i) => i)
      .filter((i) => i !== 3)
      .map((i) => {
        const n = String(i).padStart(4, '0');
        return i % 2 ? `Learner ${n} (ULN ${n})` : `Learner ${n}`;
      });
    expect(labels).toEqual(expected);
    expect(await learner.locator('option:checked').textContent()).toBe('Learner 0007 (ULN 0007)');
  });

  it('choosing a learner far down the list makes them the one assessed', async () => {
    const learner = panel.getByRole('combobox', { name: 'Learner' });
    await learner.selectOption({ label: 'Learner 1198' });
    await expect.poll(() => learner.locator('option:checked').textContent()).toBe('Learner 1198');
    // Still chosen in a new panel: the choice was stored, not only shown.
    await panel.reload();
    await expect.poll(() => learner.locator('option').count(), { timeout: 15_000 }).toBe(COUNT - 1);
    expect(await learner.locator('option:checked').textContent()).toBe('Learner 1198');
    expect(await learner.inputValue()).toBe('learner-1198');
  });
});
