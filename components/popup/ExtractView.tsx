/**
 * The Extract tab: ip/v3 for a country, state and city, a count, a sticky life and a network; the
 * resulting `ip:port` list with connect, copy, copy all and a .txt export. Extracted IPs carry no login:
 * the provider admits only the public IPs on the account's whitelist, which the panel says up front.
 */
import { useState } from 'preact/hooks';
import { EXTRACT_MAX, STICKY_MAX_MINUTES } from '../../lib/shared/input-limits.ts';
import type { ExtractedIp } from '../../lib/background/api/schemas.ts';
import { t, tCount } from '../../lib/shared/i18n.ts';
import { sendToBackground } from '../../lib/ui/send-to-background.ts';
import { useAction } from '../../lib/ui/use-action.ts';
import { formatNumber } from '../../lib/shared/format.ts';
import { proxyLine } from '../../lib/ui/proxy-text.ts';
import { CopyButton } from '../CopyButton.tsx';
import { LocationPicker, type Location } from '../LocationPicker.tsx';
import { ActionError, EmptyState } from '../States.tsx';
import { VirtualList } from '../VirtualList.tsx';

const ROW_HEIGHT = 40;
const inRange = (text: string, min: number, max: number) => /^\d+$/.test(text) && Number(text) >= min && Number(text) <= max;

/** The Extract tab; results stay while the popup is open. */
export function ExtractView() {
  const [location, setLocation] = useState<Location>({});
  const [count, setCount] = useState('10');
  const [sticky, setSticky] = useState('');
  const [network, setNetwork] = useState('');
  const [result, setResult] = useState<{ ips: ExtractedIp[]; country?: string }>();
  const extract = useAction();
  const connect = useAction();
  const countValid = inRange(count, 1, EXTRACT_MAX);
  const stickyValid = sticky === '' || inRange(sticky, 1, STICKY_MAX_MINUTES);

  const submit = (event: Event) => {
    event.preventDefault();
    const { country, state, city } = location;
    void extract.run(async () => {
      const ips = await sendToBackground('extractIps', {
        num: Number(count),
        ...(country && { cc: country }),
        ...(state && { state }),
        ...(city && { city }),
        ...(sticky && { life: Number(sticky) }),
        ...(network.trim() && { ep: network.trim() }),
      });
      setResult({ ips, country });
    });
  };
  const allLines = () => (result?.ips ?? []).map(proxyLine).join('\n');
  const exportText = () => {
    const url = URL.createObjectURL(new Blob([`${allLines()}\n`], { type: 'text/plain' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `911proxy-ips-${new Date().toISOString().slice(0, 10)}.txt`;
    link.click();
    // The download has its own copy by now; the object URL would otherwise live as long as the popup.
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  return (
    <div class="view">
      <div class="scroll">
        <form class="extract-form" onSubmit={submit}>
          <p class="muted small">{t('popup_extractWhitelist')}</p>
          <LocationPicker value={location} onChange={setLocation} />
          <div class="grid3">
            <div>
              <label for="extract-count">{t('popup_extractCount')}</label>
              <input id="extract-count" type="number" min={1} max={EXTRACT_MAX} required value={count} aria-invalid={countValid ? undefined : true} onInput={(event) => setCount(event.currentTarget.value)} />
            </div>
            <div>
              <label for="extract-sticky">{t('popup_sticky')}</label>
              <input id="extract-sticky" type="number" min={1} max={STICKY_MAX_MINUTES} placeholder={t('popup_stickyNone')} value={sticky} aria-invalid={stickyValid ? undefined : true} onInput={(event) => setSticky(event.currentTarget.value)} />
            </div>
            <div>
              <label for="extract-network">{t('popup_network')}</label>
              <input id="extract-network" maxLength={16} placeholder="hk" value={network} aria-describedby="extract-rules" onInput={(event) => setNetwork(event.currentTarget.value)} />
            </div>
          </div>
          <p id="extract-rules" class={countValid && stickyValid ? 'muted small' : 'error small'}>
            {tCount('popup_extractRules', STICKY_MAX_MINUTES, formatNumber(EXTRACT_MAX))}
          </p>
          <ActionError error={extract.error} />
          <button type="submit" class="primary" disabled={extract.pending || !countValid || !stickyValid} aria-busy={extract.pending}>
            {extract.pending ? t('ui_loading') : t('popup_extract')}
          </button>
        </form>
        {result && (
          <section aria-labelledby="extract-results" class="results">
            <div class="toolbar">
              <h3 id="extract-results" role="status">
                {tCount('popup_extractResults', result.ips.length)}
              </h3>
              {result.ips.length > 0 && (
                <>
                  <CopyButton text={allLines}>{t('popup_copyAll')}</CopyButton>
                  <button type="button" onClick={exportText}>
                    {t('popup_export')}
                  </button>
                </>
              )}
            </div>
            <ActionError error={connect.error} />
            {result.ips.length === 0 ? (
              <EmptyState>{t('popup_extractNone')}</EmptyState>
            ) : (
              <VirtualList
                class="short"
                items={result.ips}
                rowHeight={ROW_HEIGHT}
                itemKey={proxyLine}
                label={t('popup_extractResultsLabel')}
                renderRow={(ip) => (
                  <div class="ip-row">
                    <code>{proxyLine(ip)}</code>
                    <button
                      type="button"
                      class="primary"
                      disabled={connect.pending}
                      aria-label={t('popup_connectTo', proxyLine(ip))}
                      onClick={() => void connect.run(() => sendToBackground('connect', { endpoint: { kind: 'extracted', host: ip.host, port: ip.port, ...(result.country && { country: result.country }) } }))}
                    >
                      {t('popup_connect')}
                    </button>
                    <CopyButton text={proxyLine(ip)} label={t('popup_copyIp', proxyLine(ip))}>
                      {t('popup_copy')}
                    </CopyButton>
                  </div>
                )}
              />
            )}
          </section>
        )}
      </div>
    </div>
  );
}
