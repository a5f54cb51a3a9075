import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { resetFakeExtension, startApiBackground } from '../../test/helpers/background.ts';
import { rejection } from '../../test/helpers/messaging.ts';
import { sendToBackground } from '../ui/send-to-background.ts';
import { DEFAULT_SETTINGS, settingsItem } from './settings.ts';

beforeEach(() => {
  resetFakeExtension();
});

const startBackground = () => startApiBackground();

describe('the settings', () => {
  it('accepts https and loopback http only', async () => {
    startBackground();
    const error = await rejection(sendToBackground('updateSettings', { apiBaseUrl: 'http://api.example.com' }));
    expect(error.kind).toBe('host-not-allowed');
    expect((await sendToBackground('updateSettings', { apiBaseUrl: 'https://mirror.example.com/' })).apiBaseUrl).toBe('https://mirror.example.com');
  });


  it('changes only the settings a patch names, and keeps both of two quick patches', async () => {
    startBackground();
    await Promise.all([sendToBackground('updateSettings', { theme: 'dark' }), sendToBackground('updateSettings', { blockWhenDown: true })]);
    const settings = await sendToBackground('getSettings', {});
    expect(settings).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark', blockWhenDown: true });
    expect(await settingsItem.getValue()).toEqual(settings);
  });

  it('writes the defaults out once asked for them, for the pages to draw from before the background wakes', async () => {
    startBackground();
    expect(await settingsItem.getValue()).toEqual(DEFAULT_SETTINGS);
    expect(await fakeBrowser.storage.local.get('settings')).toEqual({});
    expect(await sendToBackground('getSettings', {})).toEqual(DEFAULT_SETTINGS);
    expect(await fakeBrowser.storage.local.get('settings')).toEqual({ settings: DEFAULT_SETTINGS });
  });
});
