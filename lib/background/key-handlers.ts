/**
 * The pages' requests for the app_key: its status, setting it, forgetting it. The key is checked with
 * a real call against the host the user confirmed in settings before it is stored, and bound to that
 * host: every client is made with the key record's host, so a later change of the setting never sends
 * the stored key elsewhere. No answer ever contains the key.
 */
import type { Handlers } from './requests.ts';
import { isApiError } from './api/api-error.ts';
import { KeyNotSavedError, ServiceError } from './error-answers.ts';
import { isAllowedApiBaseUrl, normalizeApiBaseUrl } from './host.ts';
import { eraseKey, keepKeyStatusInStep, keyStatus, newKeyRecordId, readKey, saveKey } from './keys.ts';
import { settingsItem } from './settings.ts';

export interface KeyHandlerOptions {
  /** One call with `key` at `baseUrl` that only a good key passes (the account list). */
  checkKey(key: string, baseUrl: string): Promise<unknown>;
  /** Drops every answer cached with the previous key. */
  clearAnswers(): Promise<void>;
  /** The clock of `checkedAt`. */
  now(): number;
  /** Called by "Forget key" once the key and its answers are erased, for what else was loaded with it. */
  onKeyForgotten?: () => Promise<void>;
}

export function createKeyHandlers({ checkKey, clearAnswers, now, onKeyForgotten }: KeyHandlerOptions): Pick<Handlers, 'getKeyStatus' | 'setKey' | 'forgetKey'> {
  keepKeyStatusInStep();

  return {
    async getKeyStatus() {
      return keyStatus(await readKey());
    },

    /**
     * Checks the key with a real call against the confirmed host (its `baseUrl`, when given, must be the
     * same one), then stores it. Refused (code 3) or unreachable: nothing is stored. Not verified (156):
     * stored and flagged.
     */
    async setKey({ key, remember, baseUrl }) {
      const confirmed = (await settingsItem.getValue()).apiBaseUrl;
      const host = normalizeApiBaseUrl(baseUrl ?? confirmed);
      if (host !== normalizeApiBaseUrl(confirmed)) throw new ServiceError('host-not-confirmed', 'key_hostNotConfirmed', [host]);
      // The setting was checked when it was saved; checked again since the key is about to travel.
      if (!isAllowedApiBaseUrl(host)) throw new ServiceError('host-not-allowed', 'settings_hostNotAllowed');
      let unverified = false;
      try {
        await checkKey(key, host);
      } catch (error) {
        if (!isApiError(error)) throw error;
        if (error.kind !== 'unverified') throw new KeyNotSavedError(error);
        unverified = true;
      }
      const stored = { record: { id: newKeyRecordId(), key, baseUrl: host, unverified, checkedAt: now() }, remembered: remember };
      await saveKey(stored);
      await clearAnswers();
      return keyStatus(stored);
    },

    /** Erases the key from both storage areas, every answer cached with it, and then what `onKeyForgotten` holds. */
    async forgetKey() {
      await eraseKey();
      await clearAnswers();
      await onKeyForgotten?.();
      return keyStatus(null);
    },
  };
}
