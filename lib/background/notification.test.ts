import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { notify } from './notification.ts';

beforeEach(() => fakeBrowser.reset());

describe('notify', () => {
  it('shows a basic notification with the extension’s icon', async () => {
    await notify('some-id', 'Title', 'What happened.');
    expect(await fakeBrowser.notifications.getAll()).toEqual({ 'some-id': { type: 'basic', iconUrl: '/icon/128.png', title: 'Title', message: 'What happened.' } });
  });

  it('replaces the notification of the same id', async () => {
    await notify('some-id', 'Title', 'First.');
    await notify('some-id', 'Title', 'Second.');
    expect(await fakeBrowser.notifications.getAll()).toMatchObject({ 'some-id': { message: 'Second.' } });
  });
});
