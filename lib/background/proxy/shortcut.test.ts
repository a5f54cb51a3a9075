import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { installEnglishMessages } from '../../../test/helpers/i18n.ts';
import { ProxyError } from './proxy-service.ts';
import { listenForToggleShortcut, SHORTCUT_NOTIFICATION, TOGGLE_COMMAND, toggleFromShortcut } from './shortcut.ts';
import { DIRECT_STATUS } from './status.ts';

beforeEach(() => {
  fakeBrowser.reset();
  installEnglishMessages();
});

describe('the toggle shortcut', () => {
  it('notifies a refusal, worded as the pages word it, under the shortcut’s name', async () => {
    await toggleFromShortcut(async () => Promise.reject(new ProxyError('no-last-endpoint', 'proxyError_noLastEndpoint')));
    expect(await fakeBrowser.notifications.getAll()).toEqual({
      [SHORTCUT_NOTIFICATION]: expect.objectContaining({ title: 'Connect to the last proxy, or disconnect', message: 'There is no previous proxy to switch back to yet. Connect once from the popup first.' }),
    });
  });

  it('says nothing when the toggle worked', async () => {
    await toggleFromShortcut(async () => DIRECT_STATUS);
    expect(await fakeBrowser.notifications.getAll()).toEqual({});
  });

  it('says nothing of an unexpected failure, whose text could hold the key', async () => {
    await toggleFromShortcut(async () => Promise.reject(new TypeError('https://api.test/?app_key=secret')));
    expect(await fakeBrowser.notifications.getAll()).toEqual({});
  });

  it('toggles on the manifest’s command only', async () => {
    // fakeBrowser cannot fire commands: the listener is taken as registered.
    const addListener = vi.spyOn(fakeBrowser.commands.onCommand, 'addListener').mockImplementation(() => undefined);
    const toggle = vi.fn(async () => DIRECT_STATUS);
    listenForToggleShortcut(toggle);
    const [listener] = addListener.mock.calls.at(-1)!;
    listener('something-else', undefined as never);
    expect(toggle).not.toHaveBeenCalled();
    listener(TOGGLE_COMMAND, undefined as never);
    expect(toggle).toHaveBeenCalledOnce();
  });
});
