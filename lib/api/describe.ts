/**
 * The one place that turns an API failure into a sentence a person can act on, in the browser's
 * language (`_locales/<lang>/messages.json`, keys `apiError_*`).
 */
import { browser } from 'wxt/browser';
import type { Translate } from '../i18n.ts';
import type { ApiError, ApiErrorJson } from './errors.ts';

const browserTranslate: Translate = (key, substitutions) => browser.i18n.getMessage(key, substitutions);

export function describeApiError(error: ApiError | ApiErrorJson, translate: Translate = browserTranslate): string {
  switch (error.kind) {
    case 'invalid-key':
      return translate('apiError_invalidKey');
    case 'unverified':
      return translate('apiError_unverified');
    case 'rejected':
      return translate('apiError_rejected', [error.detail || translate('apiError_noReason'), String(error.code ?? '')]);
    case 'http':
      return translate((error.status ?? 0) >= 500 ? 'apiError_httpServer' : 'apiError_httpClient', [String(error.status ?? '')]);
    case 'network':
      return translate('apiError_network');
    case 'timeout':
      return translate('apiError_timeout');
    case 'malformed':
      return translate('apiError_malformed', [error.field ?? '']);
    case 'invalid-input':
      return translate('apiError_invalidInput', [error.field ?? '', error.detail ?? '']);
  }
}
