/**
 * Talks to the extension's background from an extension page, exactly as the pages' `sendToBackground`
 * does (lib/background/requests.ts), and keeps a transcript of every answer so a test can check that none holds
 * a secret.
 */
import type { Page as PlaywrightPage } from 'playwright-core';
import type { Page as PuppeteerPage } from 'puppeteer-core';
import type { ProxyStatus } from '../../../lib/background/proxy/status.ts';
import { pollFor } from './util.ts';

export interface ProtocolMessage {
  protocol: '911proxy/1';
  name: string;
  input: unknown;
}

/** A protocol answer: `{ ok: true, value }` or `{ ok: false, error: { kind, message } }`. */
export type ProtocolAnswer = { ok: true; value: unknown } | { ok: false; error: { kind: string; message: string } };

export interface ProtocolClient {
  /** Sends one request; resolves with the raw answer. */
  ask(name: string, input?: unknown): Promise<ProtocolAnswer>;
  /** Sends one request and returns its value, or throws with the error's kind and message. */
  call<T = unknown>(name: string, input?: unknown): Promise<T>;
  /** Every answer so far, serialized (shared when a transcript was passed in). */
  transcript: string[];
}

type Send = (message: ProtocolMessage) => Promise<unknown>;

function protocolClient(send: Send, transcript: string[] = []): ProtocolClient {
  const ask = async (name: string, input: unknown = {}) => {
    const answer = (await send({ protocol: '911proxy/1', name, input })) as ProtocolAnswer;
    transcript.push(JSON.stringify(answer));
    return answer;
  };
  return {
    ask,
    transcript,
    async call<T>(name: string, input?: unknown) {
      const answer = await ask(name, input);
      if (!answer.ok) throw new Error(`${name} failed: ${answer.error.kind}: ${answer.error.message}`);
      return answer.value as T;
    },
  };
}

/** From a Chromium extension page (Playwright). */
export function chromiumProtocol(page: PlaywrightPage, transcript?: string[]): ProtocolClient {
  return protocolClient(
    (message) => page.evaluate((m) => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage(m), message),
    transcript,
  );
}

/** From a Firefox extension page (puppeteer over WebDriver BiDi). */
export function firefoxProtocol(page: PuppeteerPage, transcript?: string[]): ProtocolClient {
  return protocolClient(
    (message) => page.evaluate((m) => (globalThis as unknown as { browser: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).browser.runtime.sendMessage(m), message),
    transcript,
  );
}

/** Asks the background for the proxy status until `matches` holds for it (pollFor's 10 s), and returns it. */
export function proxyStatusWhen(background: ProtocolClient, what: string, matches: (status: ProxyStatus) => boolean): Promise<ProxyStatus> {
  return pollFor(what, async () => {
    const status = await background.call<ProxyStatus>('getProxyStatus');
    return matches(status) ? status : undefined;
  });
}
