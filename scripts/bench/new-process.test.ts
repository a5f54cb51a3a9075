import { afterEach, describe, expect, it } from 'vitest';
import { startFiguresReceiver, type FiguresReceiver } from './new-process.ts';

describe('startFiguresReceiver', () => {
  let receiver: FiguresReceiver | undefined;
  afterEach(async () => {
    await receiver?.close();
    receiver = undefined;
  });
  // As navigator.sendBeacon sends a string: a POST of text/plain.
  const post = (body: string) => fetch(receiver!.url, { method: 'POST', headers: { 'content-type': 'text/plain;charset=UTF-8' }, body });

  it('listens on loopback only', async () => {
    receiver = await startFiguresReceiver();
    expect(new URL(receiver.url).hostname).toBe('127.0.0.1');
  });

  it('gives the figures of the page waited for, and not those of another page or a body that is not figures', async () => {
    receiver = await startFiguresReceiver();
    const popup = receiver.next('/popup.html');
    await post(JSON.stringify({ path: '/script.html', painted: 1 }));
    await post('not json');
    await post(JSON.stringify({ path: '/popup.html', painted: 42.5, dom: 40, frame: 41, domContentLoaded: 30, timeOrigin: 1 }));
    await expect(popup).resolves.toMatchObject({ path: '/popup.html', painted: 42.5 });
  });

  it('waits for the next figures, not ones sent before it was asked', async () => {
    receiver = await startFiguresReceiver();
    await post(JSON.stringify({ path: '/popup.html', painted: 1 }));
    const next = receiver.next('/popup.html');
    await post(JSON.stringify({ path: '/popup.html', painted: 2 }));
    await expect(next).resolves.toMatchObject({ painted: 2 });
  });
});
