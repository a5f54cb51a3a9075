import { expect, it } from 'vitest';
import { curlCommand, proxyLine } from './proxy-text.ts';

const gateway = { host: 'us.911proxy.com', port: 2600, username: 'shop1_area-US', password: 'pw1' };

it.each([
  [gateway, 'us.911proxy.com:2600:shop1_area-US:pw1'],
  [{ host: '1.2.3.4', port: 8000 }, '1.2.3.4:8000'],
])('proxyLine %j', (proxy, line) => {
  expect(proxyLine(proxy)).toBe(line);
});

it.each([
  [gateway, 'curl -x http://shop1_area-US:pw1@us.911proxy.com:2600 https://ipinfo.io'],
  [{ host: '1.2.3.4', port: 8000 }, 'curl -x http://1.2.3.4:8000 https://ipinfo.io'],
  [{ ...gateway, password: 'p@ss' }, 'curl -x http://shop1_area-US:p%40ss@us.911proxy.com:2600 https://ipinfo.io'],
])('curlCommand %j', (proxy, command) => {
  expect(curlCommand(proxy)).toBe(command);
});
