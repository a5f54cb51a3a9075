import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  test: {
    projects: [
      {
        // Unit tests sit beside the code they test; API tests talk to the sandbox over real HTTP.
        plugins: [WxtVitest()],
        test: {
          name: 'unit',
          include: ['lib/**/*.test.{ts,tsx}', 'components/**/*.test.{ts,tsx}', 'entrypoints/**/*.test.{ts,tsx}', 'test/sandbox/**/*.test.ts', 'scripts/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        // Real browsers with the built extension loaded: two files at a time, one per core, except the
        // files that run alone (test/e2e/harness/turns.ts). Each process runs its files one after the
        // other without isolation, so that the browser drivers are loaded once per process, not once per
        // file, and the harness makes what every file needs once (a Firefox profile to copy). Each file
        // still starts its own browsers and servers, and stops them in afterAll.
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          maxWorkers: 2,
          isolate: false,
          globalSetup: ['test/e2e/harness/global-setup.ts'],
          setupFiles: ['test/e2e/harness/setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
