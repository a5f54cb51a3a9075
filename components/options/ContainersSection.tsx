/**
 * The options' containers section (Firefox): each container by its name and color, with its exit or
 * "Follows the rules", changed or cleared here. Chrome has no containers and says so instead of
 * hiding the section.
 */
import { useState } from 'preact/hooks';
import { ContextExitForm } from '../ContextExitForm.tsx';
import { ActionError, Loading } from '../States.tsx';
import { t } from '../../lib/shared/i18n.ts';
import { firefoxProxyApi } from '../../lib/shared/platform.ts';
import type { ContainerExit } from '../../lib/background/proxy/context-exits.ts';
import { useBackgroundValue } from '../../lib/ui/hooks.ts';
import { describeExit } from '../../lib/ui/route-exits.ts';
import { sendToBackground } from '../../lib/ui/send-to-background.ts';

export function ContainersSection() {
  return (
    <section class="card" aria-labelledby="containers-title" id="containers">
      <h2 id="containers-title">{t('containers_title')}</h2>
      {firefoxProxyApi() ? <ContainerList /> : <p class="hint">{t('contextError_firefoxOnly')}</p>}
    </section>
  );
}

function ContainerList() {
  const list = useBackgroundValue('getContainers');
  const [editing, setEditing] = useState<string>();
  if (list.error) return <ActionError error={list.error} />;
  if (!list.value) return <Loading />;
  const { available, containers } = list.value;
  return (
    <>
      <p class="hint">{t('containers_explain')}</p>
      {!available ? (
        <p class="muted">{t('containers_off')}</p>
      ) : containers.length === 0 ? (
        <p class="muted">{t('containers_none')}</p>
      ) : (
        <ul class="container-list">
          {containers.map((container) => (
            <ContainerRow key={container.cookieStoreId} container={container} editing={editing === container.cookieStoreId} onEdit={(on) => setEditing(on ? container.cookieStoreId : undefined)} />
          ))}
        </ul>
      )}
    </>
  );
}

function ContainerRow({ container, editing, onEdit }: { container: ContainerExit; editing: boolean; onEdit(on: boolean): void }) {
  const { cookieStoreId, name, colorCode, exit } = container;
  return (
    <li class="container-row">
      <span class="container-swatch" style={{ background: colorCode }} aria-hidden="true" />
      <strong>{name}</strong>
      <span aria-hidden="true">→</span>
      <span>{exit ? describeExit(exit) : t('containers_followsRules')}</span>
      {!editing && (
        <button type="button" class="container-change" aria-label={`${t('containers_change')}: ${name}`} onClick={() => onEdit(true)}>
          {t('containers_change')}
        </button>
      )}
      {editing && (
        <ContextExitForm
          id={cookieStoreId}
          label={`${t('containers_change')}: ${name}`}
          exit={exit}
          saveLabel={t('routes_save')}
          clearLabel={t('containers_clear')}
          onSave={async (chosen) => {
            await sendToBackground('setContainerExit', { cookieStoreId, exit: chosen });
            onEdit(false);
          }}
          onClear={async () => {
            await sendToBackground('clearContainerExit', { cookieStoreId });
            onEdit(false);
          }}
        />
      )}
    </li>
  );
}
