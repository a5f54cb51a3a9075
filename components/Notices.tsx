/**
 * What the background did on its own and the user should know (e.g. unreadable settings reset to
 * their defaults): shown once on any page, until dismissed. Kept by lib/background/notices.ts.
 */
import { t, type MessageKey } from '../lib/shared/i18n.ts';
import { useBackgroundValue } from '../lib/ui/hooks.ts';
import { sendToBackground } from '../lib/ui/send-to-background.ts';

export function Notices() {
  const { value: notices = [] } = useBackgroundValue('getNotices');
  // Only messages this version knows; an unknown key reads as '' and is left out.
  const texts = notices.map((notice) => t(notice.messageKey as MessageKey)).filter(Boolean);
  if (texts.length === 0) return null;
  return (
    <div class="notices" role="status">
      {texts.map((text) => (
        <p key={text}>{text}</p>
      ))}
      <button type="button" onClick={() => void sendToBackground('dismissNotices', {}).catch(() => undefined)}>
        {t('ui_dismiss')}
      </button>
    </div>
  );
}
