/**
 * The extension service worker's JS heap, over CDP. Playwright opens CDP sessions only for pages, so
 * this opens one for an inert extension page (manifest.json), finds the worker among the browser's
 * targets, attaches to it (non-flat, so messages go through `Target.sendMessageToTarget` on the page's
 * session) and asks `Runtime.getHeapUsage` before and after `HeapProfiler.collectGarbage`.
 */
import type { BrowserContext } from 'playwright-core';

export interface HeapUsage {
  /** V8 heap in use, as found (bytes). */
  usedBytes: number;
  /** After a full garbage collection: what the worker really keeps (bytes). */
  usedAfterGcBytes: number;
  /** V8 heap reserved after that collection (bytes). */
  totalAfterGcBytes: number;
}

interface TargetMessage {
  id?: number;
  result?: Record<string, unknown>;
  error?: { message: string };
}

export async function workerHeap(context: BrowserContext, origin: string): Promise<HeapUsage> {
  const page = await context.newPage();
  try {
    await page.goto(`${origin}/manifest.json`);
    const cdp = await context.newCDPSession(page);
    const { targetInfos } = await cdp.send('Target.getTargets');
    const worker = targetInfos.find((info) => info.type === 'service_worker' && info.url.startsWith(origin));
    if (!worker) throw new Error('the extension service worker is not running');
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: worker.targetId, flatten: false });
    const pending = new Map<number, (message: TargetMessage) => void>();
    cdp.on('Target.receivedMessageFromTarget', (event) => {
      const message = JSON.parse(event.message) as TargetMessage;
      if (message.id !== undefined) pending.get(message.id)?.(message);
    });
    let nextId = 0;
    const send = async (method: string): Promise<Record<string, unknown>> => {
      const id = ++nextId;
      const answer = new Promise<TargetMessage>((resolve) => pending.set(id, resolve));
      await cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params: {} }) });
      const message = await answer;
      if (message.error) throw new Error(`${method}: ${message.error.message}`);
      return message.result ?? {};
    };
    const before = await send('Runtime.getHeapUsage');
    await send('HeapProfiler.collectGarbage');
    const after = await send('Runtime.getHeapUsage');
    await cdp.send('Target.detachFromTarget', { sessionId });
    await cdp.detach();
    return { usedBytes: Number(before.usedSize), usedAfterGcBytes: Number(after.usedSize), totalAfterGcBytes: Number(after.totalSize) };
  } finally {
    await page.close();
  }
}
