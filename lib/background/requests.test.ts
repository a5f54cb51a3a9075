import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Account } from './api/schemas.ts';
import type { CACHED_REQUESTS } from './cached-requests.ts';
import { requestSchemas, type ApiRequestName, type CachedData, type CachedRequestName, type ContextExitRequestName, type CustomEndpointRequestName, type ProxyRequestName, type RequestName, type RouteRequestName } from './requests.ts';

describe('the protocol types', () => {
  it('splits the requests between the proxy service, the custom endpoints, the route handlers, the container and tab exits and the API service', () => {
    expectTypeOf<ProxyRequestName>().toExtend<RequestName>();
    expectTypeOf<CustomEndpointRequestName>().toExtend<RequestName>();
    expectTypeOf<RouteRequestName>().toExtend<RequestName>();
    expectTypeOf<ContextExitRequestName>().toExtend<RequestName>();
    expectTypeOf<ApiRequestName | ProxyRequestName | CustomEndpointRequestName | RouteRequestName | ContextExitRequestName>().toEqualTypeOf<RequestName>();
  });

  it('answers exactly the rows of the cached requests’ table from the cache, with the data of their answer schema', () => {
    expectTypeOf<CachedRequestName>().toEqualTypeOf<keyof typeof CACHED_REQUESTS>();
    expectTypeOf<CachedRequestName>().toExtend<RequestName>();
    expectTypeOf<CachedData<'getAccounts'>>().toEqualTypeOf<Account[]>();
  });

  it('no longer offers the state countries, which no page asks for', () => {
    expect(Object.keys(requestSchemas)).not.toContain('getStateCountries');
  });
});
