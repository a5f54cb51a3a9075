/**
 * Click → applied for a new site rule, as the options page makes one: from the "Add route" click (the
 * form's Save, which sends addRoute) to the moment Chrome's proxy setting holds the rule (the setting's
 * change event, with the PAC script read back naming the site), the same bound as the connect's click →
 * applied. At that moment one request to the routed site is sent: it must reach the gateway as the
 * rule's account, which proves the setting really applied, and times click → first response through
 * the rule. Each rule is deleted again (through the protocol, not timed), so every add is a new rule
 * for the same site, with the main connection off.
 */
import type { BrowserContext } from 'playwright-core';
import type { ProtocolClient } from '../../test/e2e/harness/protocol.ts';
import { sleep } from '../../test/e2e/harness/util.ts';
import { EXIT_ECHO_HOST, parseGatewayUsername, type Gateway } from '../../test/sandbox/gateway.ts';
import { installNewRouteProbe, type NewRouteRecord } from './in-page.ts';
import { rounded, summarize, type Summary } from './stats.ts';

export interface NewRouteFigures {
  adds: number;
  /** Click → the proxy setting holds the rule. */
  applied: Summary;
  /** Click → the answer drawn (the rule's row in the list). */
  listed: Summary;
  /** Click → the response to the request sent once applied. */
  firstResponse: Summary;
  /** Of those requests, how many reached the gateway as the rule's account. */
  asTheRulesAccount: number;
}

export async function measureNewRoute({ context, origin, protocol, gateway, account, adds }: { context: BrowserContext; origin: string; protocol: ProtocolClient; gateway: Gateway; account: string; adds: number }): Promise<NewRouteFigures> {
  const page = await context.newPage();
  await page.goto(`${origin}/options.html`);
  const section = page.locator('#routes');
  const form = section.getByRole('form', { name: 'Add route' });
  const records: NewRouteRecord[] = [];
  let asTheRulesAccount = 0;
  for (let add = 0; add < adds; add++) {
    const path = `/bench-new-route-${add}`;
    await form.getByLabel('Site').fill(EXIT_ECHO_HOST);
    await form.getByLabel('Exit', { exact: true }).selectOption({ label: account });
    await page.evaluate(installNewRouteProbe, { site: EXIT_ECHO_HOST, url: `http://${EXIT_ECHO_HOST}${path}` });
    await form.getByRole('button', { name: 'Add route' }).click();
    const record = await page.evaluate(() => (globalThis as unknown as { __benchRoute: Promise<NewRouteRecord> }).__benchRoute);
    if (record.applied === undefined || record.responded === undefined || record.listed === undefined) throw new Error(`new route ${add + 1}: not applied within 20 s (${JSON.stringify(record)})`);
    records.push(record);
    const users = gateway.log.filter((entry) => entry.status === 200 && entry.target.includes(path)).map((entry) => entry.user && parseGatewayUsername(entry.user)?.account);
    if (users.length === 1 && users[0] === account) asTheRulesAccount++;
    for (const route of await protocol.call<{ id: string }[]>('getRoutes')) await protocol.call('deleteRoute', { id: route.id });
    await section.getByText('No routes yet.').waitFor();
    await sleep(200);
  }
  await page.close();
  const since = (pick: (record: NewRouteRecord) => number) => rounded(summarize(records.map((record) => pick(record) - record.click!)));
  return { adds, applied: since((r) => r.applied!), listed: since((r) => r.listed!), firstResponse: since((r) => r.responded!), asTheRulesAccount };
}
