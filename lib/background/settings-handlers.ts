/**
 * The pages' requests for the settings: read them, and change the fields a patch names. Patches are
 * applied one at a time, so that two quick changes both land. A new `apiBaseUrl` is the user's
 * confirmation of that host (the options page asks first); only https or loopback http is accepted.
 */
import { storage } from 'wxt/utils/storage';
import type { Handlers } from './requests.ts';
import { ServiceError } from './error-answers.ts';
import { isAllowedApiBaseUrl, normalizeApiBaseUrl } from './host.ts';
import { createSerialQueue } from './serial-queue.ts';
import { settingsItem } from './settings.ts';

export function createSettingsHandlers(): Pick<Handlers, 'getSettings' | 'updateSettings'> {
  const queue = createSerialQueue();

  return {
    async getSettings() {
      const settings = await settingsItem.getValue();
      // Defaults are written out once, so that pages can draw from the stored settings before a stopped
      // worker wakes (EARLY_KEYS in lib/shared/storage-keys.ts): in the patches' queue, and only while nothing
      // is stored still, so that a patch made meanwhile is never overwritten.
      if ((await storage.getItem(settingsItem.key)) === null) {
        await queue
          .run(async () => {
            if ((await storage.getItem(settingsItem.key)) === null) await settingsItem.setValue(settingsItem.fallback);
          })
          .catch(() => undefined);
      }
      return settings;
    },

    updateSettings(patch) {
      const { apiBaseUrl } = patch;
      if (apiBaseUrl !== undefined && !isAllowedApiBaseUrl(apiBaseUrl)) return Promise.reject(new ServiceError('host-not-allowed', 'settings_hostNotAllowed'));
      return queue.run(async () => {
        const next = { ...(await settingsItem.getValue()), ...patch, ...(apiBaseUrl !== undefined && { apiBaseUrl: normalizeApiBaseUrl(apiBaseUrl) }) };
        await settingsItem.setValue(next);
        return next;
      });
    },
  };
}
