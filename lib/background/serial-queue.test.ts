import { describe, expect, it } from 'vitest';
import { createSerialQueue } from './serial-queue.ts';

describe('a serial queue', () => {
  it('starts a task only once the one before has settled, in the order they came', async () => {
    const queue = createSerialQueue();
    const events: string[] = [];
    let releaseFirst!: () => void;
    const first = queue.run(async () => {
      events.push('first starts');
      await new Promise<void>((resolve) => (releaseFirst = resolve));
      events.push('first ends');
      return 1;
    });
    const second = queue.run(async () => {
      events.push('second starts');
      return 2;
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(events).toEqual(['first starts']);
    releaseFirst();
    expect(await Promise.all([first, second])).toEqual([1, 2]);
    expect(events).toEqual(['first starts', 'first ends', 'second starts']);
  });

  it('fails only the caller of a failed task, and goes on with the next', async () => {
    const queue = createSerialQueue();
    const failed = queue.run(() => Promise.reject(new Error('refused')));
    const next = queue.run(async () => 'ran');
    await expect(failed).rejects.toThrow('refused');
    expect(await next).toBe('ran');
  });

  it('tells when everything queued so far has settled', async () => {
    const queue = createSerialQueue();
    let done = false;
    void queue.run(async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      done = true;
    });
    await queue.settled();
    expect(done).toBe(true);
  });
});
