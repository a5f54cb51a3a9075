/** Real-browser and real-proxy helpers for the e2e suites. Each helper lives in its own module. */
export { launchChromium } from './chromium.ts';
export type { ChromiumHandle, LaunchChromiumOptions } from './chromium.ts';
export { FIREFOX_EXTENSION_UUID, launchFirefox, packAddonVersion } from './firefox.ts';
export type { FirefoxHandle, LaunchFirefoxOptions } from './firefox.ts';
export { DEFAULT_TEST_HOSTS, parseLogLine, startSquid } from './squid.ts';
export type { SquidHandle, SquidLogEntry, StartSquidOptions } from './squid.ts';
export { startTargetServer } from './target-server.ts';
export type { RecordedRequest, TargetServer, TargetServerOptions } from './target-server.ts';
export { proxyConnect, proxyGet } from './proxy-client.ts';
export type { ProxyResponse } from './proxy-client.ts';
export { startSocks } from './socks.ts';
export type { SocksHandle, StartSocksOptions } from './socks.ts';
export { createTickFigures, startTicker, ticksSince } from './ticker.ts';
