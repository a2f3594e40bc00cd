/**
 * What the Specifications tab's end-to-end tests share: the extension in Chromium with its
 * options page (wide enough for the review beside the source) and the demo portfolio open,
 * and the review's criterion text boxes.
 */
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
