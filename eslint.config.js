import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['.output/', '.wxt/', 'node_modules/', 'test-results/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // The pages stay small: zod and the modules built on it are the background's. Pages import their
    // types only; the background validates everything it stores and answers.
    files: ['entrypoints/popup/**', 'entrypoints/options/**', 'entrypoints/dashboard/**', 'components/**', 'lib/ui/**'],
    ignores: ['**/*.test.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^zod|/zod\\.ts$|/storage\\.ts$|/protocol\\.ts$|/api/(schemas|params|accounts|usage|extraction|static-ips|billing|client|transport)\\.ts$|/proxy/(endpoint|rules|status|service|setup|active)\\.ts$|/background/)',
              allowTypeImports: true,
              message: 'Pages import only types from zod-based modules; use lib/messaging.ts, lib/ui/*, lib/api/rules.ts, lib/proxy/describe.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    // zod/mini through lib/zod.ts only: classic zod's methods pull all of zod into a bundle.
    ignores: ['lib/zod.ts', 'entrypoints/popup/**', 'entrypoints/options/**', 'entrypoints/dashboard/**', 'components/**', 'lib/ui/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ regex: '^zod($|/)', message: 'Import z from lib/zod.ts (zod/mini with English messages).' }] }],
    },
  },
  {
    files: ['test/**', '*.config.ts', 'scripts/**'],
    rules: { 'no-console': 'off' },
  },
);
