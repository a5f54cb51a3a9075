import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { resetFakeExtension, startApiBackground } from '../../test/helpers/background.ts';
import { sendToBackground } from '../ui/send-to-background.ts';
import { addNotice, noticesItem, noticesWritten } from './notices.ts';

beforeEach(() => {
  resetFakeExtension();
});

describe('the notices as the pages ask for them', () => {
  it('answers the notices waiting to be shown, none when there are none', async () => {
    startApiBackground();
    expect(await sendToBackground('getNotices', {})).toEqual([]);
    await addNotice('notice_settingsReset', 5);
    expect(await sendToBackground('getNotices', {})).toEqual([{ messageKey: 'notice_settingsReset', at: 5 }]);
  });

  it('removes them all when the user dismisses them, and keeps one added afterwards', async () => {
    startApiBackground();
    await addNotice('notice_keyReset', 1);
    await sendToBackground('dismissNotices', {});
    expect(await fakeBrowser.storage.local.get('notices')).toEqual({});
    await addNotice('notice_connectionReset', 2);
    await noticesWritten();
    expect(await noticesItem.getValue()).toEqual([{ messageKey: 'notice_connectionReset', at: 2 }]);
  });

  it('dismisses after a notice asked for just before, not before it', async () => {
    startApiBackground();
    const added = addNotice('notice_keyReset', 1);
    await sendToBackground('dismissNotices', {});
    await added;
    expect(await noticesItem.getValue()).toEqual([]);
  });
});
