/**
 * The privacy statement, opened from the options page: PRIVACY.md of the repository, bundled at build
 * time, so the page and the file are the same text. It is in English, as the stores publish it.
 */
import privacyText from '../../PRIVACY.md?raw';
import { Markdown } from '../../components/Markdown.tsx';
import { useTheme } from '../../lib/ui/use-theme.ts';
import { t } from '../../lib/shared/i18n.ts';
import { parseMarkdown } from '../../lib/ui/markdown.ts';
import { useBackgroundValue } from '../../lib/ui/hooks.ts';

const blocks = parseMarkdown(privacyText);

export function App() {
  const settings = useBackgroundValue('getSettings');
  useTheme(settings.value?.theme);

  return (
    <div class="page privacy" lang="en">
      <nav aria-label={t('options_navLabel')}>
        <a href="/options.html">{t('privacy_backToOptions')}</a>
      </nav>
      <main>
        <Markdown blocks={blocks} />
      </main>
    </div>
  );
}
