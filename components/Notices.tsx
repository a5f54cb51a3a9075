/**
 * What the background did on its own and the user should know (e.g. unreadable settings reset to
 * their defaults): shown once on any page, until dismissed. Stored by lib/background/notices.ts.
 */
import { useEffect, useState } from 'preact/hooks';
import { t, type MessageKey } from '../lib/shared/i18n.ts';
import { NOTICES_KEY, type StoredNotice } from '../lib/shared/storage-keys.ts';
import { readStored, removeStored, watchStored } from '../lib/ui/stored.ts';

export function Notices() {
  const [notices, setNotices] = useState<StoredNotice[]>([]);
  useEffect(() => {
    const show = (value: unknown) => setNotices(Array.isArray(value) ? (value as StoredNotice[]) : []);
    void readStored(NOTICES_KEY).then(show);
    return watchStored(NOTICES_KEY, show);
  }, []);
  // Only messages this version knows; an unknown key reads as '' and is left out.
  const texts = notices.map((notice) => t(notice.messageKey as MessageKey)).filter(Boolean);
  if (texts.length === 0) return null;
  return (
    <div class="notices" role="status">
      {texts.map((text) => (
        <p key={text}>{text}</p>
      ))}
      <button type="button" onClick={() => void removeStored(NOTICES_KEY)}>
        {t('ui_dismiss')}
      </button>
    </div>
  );
}
