import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

/** Firefox add-on id; fixed so that storage and the moz-extension:// UUID mapping survive updates. */
export const GECKO_ID = '911proxy-extension@911proxy-tools';

// See README "Permissions" for why each one is needed.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact()] }),
  zip: {
    // The Firefox sources zip must let a reviewer rebuild the package from a clean checkout.
    excludeSources: ['test-results/**', '.output/**', 'coverage/**'],
  },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: [
      'proxy',
      'storage',
      'privacy',
      'webRequest',
      ...(browser === 'firefox' ? ['webRequestBlocking'] : ['webRequestAuthProvider', 'browsingData']),
    ],
    host_permissions: ['<all_urls>'],
    commands: {
      'toggle-proxy': { suggested_key: { default: 'Alt+Shift+P' }, description: '__MSG_commandToggleProxy__' },
    },
    ...(browser === 'firefox' && {
      browser_specific_settings: {
        gecko: {
          id: GECKO_ID,
          strict_min_version: '140.0',
          data_collection_permissions: { required: ['none'] },
        },
        gecko_android: { strict_min_version: '142.0' },
      },
    }),
  }),
});
