import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_ECHO_HOST, parseGatewayUsername, startGateway, type Gateway } from './gateway.ts';
import { startSandbox, type Sandbox } from './server.ts';

let sandbox: Sandbox;
let gateway: Gateway;

beforeAll(async () => {
  sandbox = await startSandbox({ accounts: 3 });
  const accounts = sandbox.state.getKey(sandbox.demoKey)!;
  accounts.addAccount({ username: 'demo1', password: 'pw1', remark: '', product_type: 9, usage_flow: 0, limit_flow: 0, status: 1 }, Date.now());
  accounts.addAccount({ username: 'off1', password: 'pw1', remark: '', product_type: 9, usage_flow: 0, limit_flow: 0, status: 0 }, Date.now());
  accounts.addAccount({ username: 'full1', password: 'pw1', remark: '', product_type: 9, usage_flow: 3 * 1024 * 1024, limit_flow: 2, status: 1 }, Date.now());
  gateway = await startGateway(accounts);
});
afterAll(async () => {
  await gateway.close();
  await sandbox.close();
});

/** A GET for the exit echo through the gateway with a login. */
function echo(user: string, password: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const auth = Buffer.from(`${user}:${password}`).toString('base64');
    request({ host: gateway.host, port: gateway.port, path: `http://${EXIT_ECHO_HOST}/`, headers: { 'Proxy-Authorization': `Basic ${auth}` } }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    })
      .on('error', reject)
      .end();
  });
}

describe('the sandbox gateway', () => {
  it('admits an account under the gateway syntax and echoes an exit in the asked country', async () => {
    const answer = await echo('demo1_area-DE_life-10_session-abc', 'pw1');
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ country: 'DE', ip: expect.stringMatching(/^203\.0\.113\.\d+$/) });
    expect(gateway.log.at(-1)).toMatchObject({ user: 'demo1_area-DE_life-10_session-abc', status: 200 });
  });

  it('gives another session another exit IP', async () => {
    const first = JSON.parse((await echo('demo1_area-US_life-10_session-aaa', 'pw1')).body) as { ip: string };
    const second = JSON.parse((await echo('demo1_area-US_life-10_session-zzz', 'pw1')).body) as { ip: string };
    expect(first.ip).not.toBe(second.ip);
  });

  it.each([
    ['a wrong password', 'demo1_area-US', 'nope'],
    ['a disabled account', 'off1', 'pw1'],
    ['an account over its limit', 'full1', 'pw1'],
    ['an unknown account', 'ghost1', 'pw1'],
    ['a broken username', 'demo1_area', 'pw1'],
  ])('refuses %s with 407', async (_, user, password) => {
    expect((await echo(user, password)).status).toBe(407);
  });

  it.each([
    ['demo1', { account: 'demo1' }],
    ['demo1_area-us_state-California_city-LosAngeles', { account: 'demo1', country: 'US' }],
    ['demo1_area-JP_life-30_session-x1', { account: 'demo1', country: 'JP', session: 'x1' }],
  ])('parses %s', (username, expected) => {
    expect(parseGatewayUsername(username)).toMatchObject(expected);
  });
});
