/**
 * The background's API service as the worker runs it, for unit tests: registered on fakeBrowser's
 * runtime with the proxy requests stubbed out, its client talking to a sandbox without retries.
 */
import { fakeBrowser } from 'wxt/testing';
import { installEnglishMessages } from './i18n.ts';
import { routeMessagesFromExtensionPages } from './messaging.ts';
import { toErrorAnswer } from '../../lib/background/error-answers.ts';
import { createApiService, type ApiServiceOptions } from '../../lib/background/api-service.ts';
import { sendToBackground } from '../../lib/ui/send-to-background.ts';
import type { Handlers, ProxyRequestName, CustomEndpointRequestName, RouteRequestName, ContextExitRequestName } from '../../lib/background/requests.ts';
import { handleMessages } from '../../lib/background/message-listener.ts';
import type { Sandbox } from '../sandbox/server.ts';

const notHere = () => Promise.reject(new Error('the proxy service is not part of these tests'));
const proxyStubs: Pick<Handlers, ProxyRequestName | CustomEndpointRequestName | RouteRequestName | ContextExitRequestName> = {
  connect: notHere,
  disconnect: notHere,
  toggleLast: notHere,
  getProxyStatus: notHere,
  checkExit: notHere,
  newSession: notHere,
  describeTabExit: notHere,
  getCustomEndpoints: notHere,
  addCustomEndpoints: notHere,
  editCustomEndpoint: notHere,
  deleteCustomEndpoint: notHere,
  getRoutes: notHere,
  addRoute: notHere,
  updateRoute: notHere,
  reorderRoutes: notHere,
  deleteRoute: notHere,
  getContainers: notHere,
  setContainerExit: notHere,
  clearContainerExit: notHere,
  getTabExit: notHere,
  setTabExit: notHere,
  clearTabExit: notHere,
};

/** A fresh fake browser whose pages read English and can message the background; call in beforeEach. */
export function resetFakeExtension(): void {
  fakeBrowser.reset();
  installEnglishMessages();
  routeMessagesFromExtensionPages();
}

/**
 * Starts the service and its message listener; calling it again is a restarted worker on the same
 * storage. A lost change's lists are read once more after 1 s instead of 25 s.
 */
export function startApiBackground(options: ApiServiceOptions = {}) {
  fakeBrowser.runtime.onMessage.removeAllListeners();
  const service = createApiService({ recheckAfterMs: 1_000, ...options, client: { retries: 0, timeoutMs: 3_000, ...options.client } });
  handleMessages({ ...service.handlers, ...proxyStubs }, toErrorAnswer);
  return service;
}

/** The options page's two steps, from a page: confirm the sandbox as the API host, then give the key. */
export async function setSandboxKey(sandbox: Sandbox, key = sandbox.demoKey, remember = true) {
  await sendToBackground('updateSettings', { apiBaseUrl: sandbox.url });
  return sendToBackground('setKey', { key, remember });
}
