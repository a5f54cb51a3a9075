/** What another client of the provider does meanwhile (its dashboard, a script): changes made over the API, not by the extension. */
import type { Sandbox } from '../../sandbox/server.ts';

/** Changes a proxy account's password through the sandbox API with the demo key; rejects unless the API accepted it. */
export async function changePasswordElsewhere(sandbox: Sandbox, account: string, password: string): Promise<void> {
  const response = await fetch(`${sandbox.url}/api-gate-way/whitelist-account/change-password`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ app_key: sandbox.demoKey, account, password }),
  });
  const answer = (await response.json()) as { code?: number; msg?: string };
  if (answer.code !== 200) throw new Error(`change-password for ${account} was refused: ${answer.code} ${answer.msg ?? ''}`);
}
