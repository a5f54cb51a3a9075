// Another extension, or a web page, cannot use the background: messages that do not come from this
// extension are ignored (no answer, no API call), whatever they ask, even in the protocol's format.
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { resetFakeExtension, setSandboxKey, startApiBackground } from '../../test/helpers/background.ts';
import { useSandbox } from '../../test/helpers/api.ts';
import { PROTOCOL } from '../shared/message-envelope.ts';
import { apiKeyItem } from './keys.ts';

const fx = useSandbox({ accounts: 2 });
beforeEach(() => {
  resetFakeExtension();
});

type Sender = Parameters<typeof fakeBrowser.runtime.onMessage.trigger>[1];
const STRANGERS: [string, Sender][] = [
  ['another extension', { id: 'abcdefghijklmnopabcdefghijklmnop' }],
  ['a web page (no extension id)', { url: 'https://evil.example/' }],
  ['a sender with no id at all', {}],
];

describe('messages from outside the extension', () => {
  it.each(STRANGERS)('from %s are ignored: no answer, no API call, nothing stored', async (_who, sender) => {
    startApiBackground();
    await setSandboxKey(fx.sb);
    const calls = fx.sb.requests.length;
    const stored = await apiKeyItem.getValue();
    for (const [name, input] of [
      ['getKeyStatus', {}],
      ['getAccounts', { refresh: true }],
      ['setKey', { key: 'attackerKey0123456789abcdefABCDEF', remember: true }],
      ['updateSettings', { apiBaseUrl: 'https://evil.example' }],
      ['deleteAccounts', { accounts: ['abc1'] }],
      ['forgetKey', {}],
    ] as const) {
      const answers: unknown[] = await fakeBrowser.runtime.onMessage.trigger({ protocol: PROTOCOL, name, input }, sender);
      expect(answers.filter((answer) => answer !== undefined), name).toEqual([]);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fx.sb.requests.length).toBe(calls);
    expect(await apiKeyItem.getValue()).toEqual(stored);
  });

  it('from this extension are answered (the same messages, the extension’s own id)', async () => {
    startApiBackground();
    await setSandboxKey(fx.sb);
    const answers: unknown[] = await fakeBrowser.runtime.onMessage.trigger({ protocol: PROTOCOL, name: 'getKeyStatus', input: {} }, { id: fakeBrowser.runtime.id });
    expect(answers).toContainEqual({ ok: true, value: expect.objectContaining({ set: true }) });
  });
});
