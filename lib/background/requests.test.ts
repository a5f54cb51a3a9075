import { describe, expectTypeOf, it } from 'vitest';
import type { Account } from './api/schemas.ts';
import type { ApiRequestName, CachedData, CachedRequestName, ProxyRequestName, RequestName } from './requests.ts';

describe('the protocol types', () => {
  it('splits the requests between the proxy service and the API service', () => {
    expectTypeOf<ProxyRequestName>().toExtend<RequestName>();
    expectTypeOf<ApiRequestName | ProxyRequestName>().toEqualTypeOf<RequestName>();
  });

  it('answers exactly the list reads from the cache', () => {
    expectTypeOf<CachedRequestName>().toEqualTypeOf<
      | 'getAccounts'
      | 'getUsage'
      | 'getPackages'
      | 'getPackageSummary'
      | 'getCityCountries'
      | 'getStateCountries'
      | 'searchStates'
      | 'searchCities'
      | 'getStaticIps'
      | 'getStaticIpStock'
      | 'getOrders'
      | 'getPaymentGroups'
      | 'getGiftRatios'
      | 'getUserInfo'
    >();
    expectTypeOf<CachedData<'getAccounts'>>().toEqualTypeOf<Account[]>();
  });
});
