/**
 * The dashboard, a full tab for the heavier views: the account, traffic per day, packages, orders and
 * creating an order. Without a key there is nothing to show but the way to the options page.
 */
import { AccountSection } from '../../components/dashboard/AccountSection.tsx';
import { OrdersSection } from '../../components/dashboard/OrdersSection.tsx';
import { PackagesSection } from '../../components/dashboard/PackagesSection.tsx';
import { UsageSection } from '../../components/dashboard/UsageSection.tsx';
import { PageFrame } from '../../components/PageFrame.tsx';
import { ErrorState, Loading } from '../../components/States.tsx';
import { lazyView } from '../../components/lazy.tsx';
import { useTheme } from '../../lib/ui/use-theme.ts';
import { t } from '../../lib/shared/i18n.ts';
import { useBackgroundValue } from '../../lib/ui/hooks.ts';

// The last section, and the largest: its code loads while the page draws the sections above it.
const CreateOrderSection = lazyView(() => import('../../components/dashboard/CreateOrderSection.tsx').then((module) => module.CreateOrderSection));

export function App() {
  const settings = useBackgroundValue('getSettings');
  const keyStatus = useBackgroundValue('getKeyStatus');
  useTheme(settings.value?.theme);

  return (
    <PageFrame
      title={t('dashboard_title')}
      navLabel={t('dashboard_navLabel')}
      nav={
        <>
          <a href="#usage">{t('dashboard_usageTitle')}</a>
          <a href="#packages">{t('dashboard_packagesTitle')}</a>
          <a href="#orders">{t('dashboard_ordersTitle')}</a>
          <a href="/options.html">{t('ui_options')}</a>
        </>
      }
    >
      {keyStatus.error ? (
        <ErrorState error={keyStatus.error} onRetry={keyStatus.reload} />
      ) : !keyStatus.value ? (
        <Loading />
      ) : !keyStatus.value.set ? (
        <section class="card">
          <p>{t('dashboard_noKey')}</p>
          <a href="/options.html">{t('ui_options')}</a>
        </section>
      ) : (
        <>
          <AccountSection keyStatus={keyStatus.value} />
          <UsageSection />
          <PackagesSection />
          <OrdersSection />
          <CreateOrderSection />
        </>
      )}
    </PageFrame>
  );
}
