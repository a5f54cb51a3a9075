import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  test: {
    projects: [
      {
        // Unit tests sit beside the code they test; API tests talk to the sandbox over real HTTP. The
        // files of a worker share its modules (isolate: false): loading them again for each file took
        // most of the run. So each file resets what it uses (fakeBrowser.reset(), its own services),
        // a test that gives the browser other APIs puts them back (test/helpers/browser-apis.ts), and
        // every spy and stubbed global is restored after its test (restoreMocks, unstubGlobals).
        plugins: [WxtVitest()],
        test: {
          name: 'unit',
          include: ['lib/**/*.test.{ts,tsx}', 'components/**/*.test.{ts,tsx}', 'entrypoints/**/*.test.{ts,tsx}', 'test/sandbox/**/*.test.ts', 'scripts/**/*.test.ts'],
          environment: 'node',
          isolate: false,
          restoreMocks: true,
          unstubGlobals: true,
        },
      },
      {
        // Real browsers with the built extension loaded: one file at a time, they are heavy. The files
        // share one process (isolate: false), so that the browser drivers are loaded once per run, not
        // once per file, and the harness can make what every file needs once (a Firefox profile to
        // copy). Each file still starts its own browsers and servers, and stops them in afterAll.
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          fileParallelism: false,
          isolate: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
