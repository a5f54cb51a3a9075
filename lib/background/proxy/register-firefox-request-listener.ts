/**
 * Imported first by the background (entrypoints/background.ts) for its side effect: Firefox's
 * per-request proxy listener is registered before any other module of the background is evaluated.
 */
import { listenForProxyRequests } from './firefox-request-listener.ts';

listenForProxyRequests();
