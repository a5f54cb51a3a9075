/** The options page: the key, the connection settings, the user's own proxies, the routes, the containers' exits, the theme and, behind a disclosure, the API host. */
import { Notices } from '../../components/Notices.tsx';
import { PageFrame } from '../../components/PageFrame.tsx';
import { ErrorState, Loading } from '../../components/States.tsx';
import { lazyView } from '../../components/lazy.tsx';
import { ApiHostSection } from '../../components/options/ApiHostSection.tsx';
import { KeySection } from '../../components/options/KeySection.tsx';
import { GatewaySection, PrivacySection, RoutingSection, ThemeSection } from '../../components/options/ProxySections.tsx';
import { useTheme } from '../../lib/ui/use-theme.ts';
import { t } from '../../lib/shared/i18n.ts';
import { useBackgroundValue } from '../../lib/ui/hooks.ts';

// Below the first screen: their code loads while the page draws the sections above them.
const CustomProxiesSection = lazyView(() => import('../../components/options/CustomProxiesSection.tsx').then((module) => module.CustomProxiesSection));
const RoutesSection = lazyView(() => import('../../components/options/RoutesSection.tsx').then((module) => module.RoutesSection));
const ContainersSection = lazyView(() => import('../../components/options/ContainersSection.tsx').then((module) => module.ContainersSection));

export function App() {
  const settings = useBackgroundValue('getSettings');
  const keyStatus = useBackgroundValue('getKeyStatus');
  useTheme(settings.value?.theme);

  const error = settings.error ?? keyStatus.error;
  const reload = () => {
    settings.reload();
    keyStatus.reload();
  };
  return (
    <PageFrame
      title={t('options_title')}
      navLabel={t('options_navLabel')}
      nav={
        <>
          <a href="/dashboard.html">{t('options_openDashboard')}</a>
          <a href="/privacy.html">{t('options_openPrivacy')}</a>
        </>
      }
    >
      <Notices />
      {error ? (
        <ErrorState error={error} onRetry={reload} />
      ) : !settings.value || !keyStatus.value ? (
        <Loading />
      ) : (
        <>
          <KeySection status={keyStatus.value} apiBaseUrl={settings.value.apiBaseUrl} />
          <GatewaySection gateway={settings.value.gateway} />
          <RoutingSection routing={settings.value.routing} />
          <CustomProxiesSection />
          <RoutesSection />
          <ContainersSection />
          <PrivacySection settings={settings.value} />
          <ThemeSection theme={settings.value.theme} />
          <ApiHostSection apiBaseUrl={settings.value.apiBaseUrl} keyStatus={keyStatus.value} />
        </>
      )}
    </PageFrame>
  );
}
