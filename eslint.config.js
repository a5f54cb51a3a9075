import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Code that runs in the extension's pages. */
const PAGE_CODE = ['entrypoints/*/**', 'components/**', 'lib/ui/**'];

export default tseslint.config(
  { ignores: ['.output/', '.wxt/', 'node_modules/', 'test-results/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      // `import { type X }` keeps a side-effect import of the module: a page would load the background's code.
      '@typescript-eslint/no-import-type-side-effects': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // The folders say who may run what. Pages (and the code both sides share) never load the
    // background's modules, which hold zod, the API client and the key: they import their types only.
    files: [...PAGE_CODE, 'lib/shared/**'],
    ignores: ['**/*.test.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/background/**', 'zod', 'zod/*'],
              allowTypeImports: true,
              message: 'Pages and lib/shared import only types from lib/background/; send requests with lib/ui/send-to-background.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    // What both sides share depends on nothing but itself.
    files: ['lib/shared/**'],
    ignores: ['**/*.test.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['../*', '!../shared/*', 'zod', 'zod/*'], allowTypeImports: true, message: 'lib/shared imports only lib/shared, and types (it runs in the pages too).' }] },
      ],
    },
  },
  {
    // zod/mini through lib/background/zod.ts only: classic zod's methods pull all of zod into a bundle.
    files: ['lib/background/**', 'entrypoints/background.ts', 'scripts/**', 'test/**'],
    ignores: ['lib/background/zod.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ regex: '^zod($|/)', message: 'Import z from lib/background/zod.ts (zod/mini with English messages).' }] }],
    },
  },
  {
    files: ['test/**', '*.config.ts', 'scripts/**'],
    rules: { 'no-console': 'off' },
  },
);
