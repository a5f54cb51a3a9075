/**
 * The API client's tests against the sandbox: one sandbox per test file (started in beforeAll, reset
 * before each test, closed after the file), clients with short timeouts and no retry delay, and an
 * assertion that a call failed with a given ApiError kind.
 */
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { createApiClient, type ApiClient, type ApiClientOptions } from '../../lib/background/api/client.ts';
import { ApiError, type ApiErrorKind } from '../../lib/background/api/api-error.ts';
import { startSandbox, type RecordedRequest, type Sandbox } from '../sandbox/server.ts';
import { rejectedWith } from './rejection.ts';

export interface SandboxFixture {
  /** The running sandbox (valid inside tests and hooks). */
  readonly sb: Sandbox;
  /** A client of the sandbox with the demo key; fast settings, overridable. */
  client(options?: Partial<ApiClientOptions>): ApiClient;
  /** API requests the sandbox recorded since the last reset, optionally for one endpoint. */
  requests(endpoint?: string): RecordedRequest[];
}

/** Registers the hooks of one sandbox for the calling test file. */
export function useSandbox(options: { accounts?: number } = {}): SandboxFixture {
  let sandbox: Sandbox | undefined;
  beforeAll(async () => {
    sandbox = await startSandbox({ accounts: options.accounts ?? 12 });
  });
  beforeEach(() => sandbox?.reset());
  afterAll(async () => {
    await sandbox?.close();
  });
  const fixture: SandboxFixture = {
    get sb() {
      if (!sandbox) throw new Error('the sandbox is not running (use it inside tests)');
      return sandbox;
    },
    client(overrides = {}) {
      const sb = fixture.sb;
      return createApiClient({ appKey: sb.demoKey, baseUrl: sb.url, timeoutMs: 2_000, retryDelayMs: 1, ...overrides });
    },
    requests(endpoint) {
      const all = fixture.sb.requests.filter((request) => request.method !== 'OPTIONS');
      return endpoint === undefined ? all : all.filter((request) => request.path === `/api-gate-way/${endpoint}`);
    },
  };
  return fixture;
}

/** Awaits `promise`, expects it to reject with an ApiError of `kind`, and returns that error. */
export async function expectApiError(promise: Promise<unknown>, kind: ApiErrorKind): Promise<ApiError> {
  const apiError = await rejectedWith(promise, ApiError);
  expect(apiError.kind, apiError.message).toBe(kind);
  return apiError;
}
