/** Runs axe-core in a page (injected from node_modules) and returns the serious and critical violations. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from '../harness/util.ts';

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/** "id (impact): help — targets", one line per serious or critical violation; [] when there are none. */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  // Not page.addScriptTag: it inserts an inline <script>, which the extension pages' CSP (script-src
  // 'self') blocks. Code evaluated over the DevTools protocol is not subject to the page's CSP.
  await page.evaluate(await readFile(path.join(REPO_ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8'));
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(context: Document): Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run(document)).violations;
  });
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.map((node) => JSON.stringify(node.target)).join(', ')}`);
}
