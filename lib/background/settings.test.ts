import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { DEFAULT_SETTINGS, settingsItem, settingsPatchSchema } from './settings.ts';

beforeEach(() => {
  fakeBrowser.reset();
});

describe('the settings item', () => {
  it('reads a stored v1 settings value as the current version', async () => {
    const stored = { ...DEFAULT_SETTINGS, theme: 'dark' };
    await fakeBrowser.storage.local.set({ settings: stored, settings$: { v: 1 } });
    expect(await settingsItem.getValue()).toEqual(stored);
  });
});

describe('settingsPatchSchema', () => {
  it('keeps only the fields a patch names (no defaults filled in)', () => {
    expect(settingsPatchSchema.parse({ theme: 'dark' })).toEqual({ theme: 'dark' });
    expect(settingsPatchSchema.parse({})).toEqual({});
  });

  it('checks the fields it names and refuses unknown ones', () => {
    expect(settingsPatchSchema.safeParse({ theme: 'purple' }).success).toBe(false);
    expect(settingsPatchSchema.safeParse({ apiKey: 'x' }).success).toBe(false);
  });
});
