/**
 * axe-core run on an extension page (evaluated rather than added as a <script>: the
 * extension page's CSP refuses inline scripts). Returns the serious and critical
 * violations, one line each, so a test can expect none.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { ROOT } from './harness';

const AXE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

export async function axeViolations(page: Page | Frame): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  const { passes, violations } = await page.evaluate(async () => {
    type Rule = { id: string; impact: string; nodes: { target: string[] }[] };
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ passes: Rule[]; violations: Rule[] }> } }).axe;
    const result = await axe.run(document, {});
    return { passes: result.passes.length, violations: result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')) })) };
  });
  // An audit that checked nothing would pass anything.
  expect(passes).toBeGreaterThan(10);
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.impact} ${v.id}: ${v.targets.join(', ')}`);
}
