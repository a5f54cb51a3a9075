/**
 * WebRTC leak protection: while connected (and the setting is on), WebRTC may use only the routes the
 * proxy carries, so a page cannot learn the user's own IP address from a peer connection. A browser
 * without the API goes without.
 */
import { browser } from 'wxt/browser';

/** Limits WebRTC to proxied routes (`on`), or gives the setting back to the browser's own choice. */
export async function setLeakProtection(on: boolean): Promise<void> {
  const policy = browser.privacy?.network?.webRTCIPHandlingPolicy;
  if (!policy) return;
  try {
    if (on) await policy.set({ value: 'disable_non_proxied_udp' });
    else await policy.clear({});
  } catch {
    // Another extension may control this setting; the proxy itself still works.
  }
}
