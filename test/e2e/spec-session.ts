/**
 * What the Specifications tab's end-to-end tests share: the extension in Chromium with its
 * options page (wide enough for the review beside the source) and the demo portfolio open,
 * and the review's criterion text boxes.
 */
import { expect } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { join } from 'node:path';
import { launchWithExtension, ROOT, serveStatic, type StaticServer } from './harness';
import { extensionReady } from './overlay-helpers';

export interface SpecSession {
  server: StaticServer;
  context: BrowserContext;
  extensionId: string;
  options: Page;
  portfolio: Page;
}

export async function openSpecSession(): Promise<SpecSession> {
  const server = await serveStatic(join(ROOT, 'test', 'demo-portfolio'));
  const { context, extensionId } = await launchWithExtension();
  await extensionReady(context);
  const options = await context.newPage();
  await options.setViewportSize({ width: 1400, height: 1000 });
  const portfolio = await context.newPage();
  await portfolio.goto(`${server.url}/index.html`);
  return { server, context, extensionId, options, portfolio };
}

export async function closeSpecSession(s: SpecSession | undefined): Promise<void> {
  await s?.context.close();
  await s?.server.close();
}

/** The review's criterion text box for a criterion number of the unit shown. */
export const criterionText = (page: Page, number: string) => page.getByRole('textbox', { name: `Criterion ${number} text` });

/** A unit's coverage bar in the side panel for the demo portfolio: criteria evidenced, once it reaches `now`, and of how many. */
export async function panelCoverage(s: SpecSession, ref: RegExp, now: string): Promise<string | null> {
  const panel = await s.context.newPage();
  await panel.goto(`chrome-extension://${s.extensionId}/sidepanel.html?page=${encodeURIComponent(`${s.server.url}/index.html`)}`);
  await panel.getByRole('tab', { name: 'Coverage' }).click();
  const bar = panel.locator('article.unit', { has: panel.locator('.ref', { hasText: ref }) }).getByRole('progressbar');
  await expect.poll(() => bar.getAttribute('aria-valuenow'), { timeout: 10_000 }).toBe(now);
  const max = await bar.getAttribute('aria-valuemax');
  await panel.close();
  return max;
}
