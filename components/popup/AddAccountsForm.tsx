/**
 * Adds one or many proxy accounts from pasted `user:pass` lines. The rules are explained up front and
 * every line is checked as it is typed (lib/ui/batch.ts); nothing is sent while a line is wrong.
 */
import { useMemo, useState } from 'preact/hooks';
import { REMARK_MAX_COLUMNS, textColumns } from '../../lib/shared/input-limits.ts';
import { t, tCount, type MessageKey } from '../../lib/shared/i18n.ts';
import { sendToBackground } from '../../lib/ui/send-to-background.ts';
import { useAction } from '../../lib/ui/use-action.ts';
import { parseAccountBatch, type BatchProblemKind } from '../../lib/ui/batch.ts';
import { formatNumber } from '../../lib/shared/format.ts';
import { ACCOUNT_PRODUCT_TYPES, type AccountProductType } from '../../lib/shared/products.ts';
import { ProductTypeSelect } from '../ProductTypeSelect.tsx';
import { ActionError } from '../States.tsx';

/** The product types whitelist accounts are made for (see lib/background/api/accounts.ts). */
const PROBLEM_TEXT: Record<BatchProblemKind, MessageKey> = {
  format: 'popup_batchFormat',
  username: 'popup_batchUsername',
  password: 'popup_batchPassword',
  duplicate: 'popup_batchDuplicate',
};
/** Problems listed at once; more are summed up, a long paste would push the form off screen. */
const PROBLEMS_SHOWN = 5;

/** The add form; `existing` names are refused as duplicates, `onDone(n)` after n were added (none: cancelled). */
export function AddAccountsForm({ existing, onDone }: { existing: ReadonlySet<string>; onDone: (added?: number) => void }) {
  const [text, setText] = useState('');
  const [remark, setRemark] = useState('');
  const [productType, setProductType] = useState<AccountProductType>(ACCOUNT_PRODUCT_TYPES[0]);
  const action = useAction();
  const batch = useMemo(() => parseAccountBatch(text, existing), [text, existing]);
  const remarkTooLong = textColumns(remark) > REMARK_MAX_COLUMNS;
  const ready = batch.accounts.length > 0 && batch.problems.length === 0 && !remarkTooLong;

  const submit = async (event: Event) => {
    event.preventDefault();
    const sent = await action.run(async () => (await sendToBackground('addAccounts', { accounts: batch.accounts, ...(remark && { remark }), productType }), true));
    if (sent) onDone(batch.accounts.length);
  };

  return (
    <form class="view add-form" onSubmit={(event) => void submit(event)}>
      <div class="toolbar">
        <button type="button" onClick={() => onDone()}>
          {t('popup_back')}
        </button>
        <h2>{t('popup_addTitle')}</h2>
      </div>
      <div class="scroll">
        <label for="batch">{t('popup_batchLabel')}</label>
        <textarea id="batch" rows={6} spellcheck={false} aria-describedby="batch-rules batch-check" placeholder={"shop01:Passw0rd1\nshop02:Passw0rd2"} value={text} onInput={(event) => setText(event.currentTarget.value)} />
        <p id="batch-rules" class="muted small">
          {t('popup_batchRules')}
        </p>
        <div id="batch-check" aria-live="polite">
          {batch.problems.length > 0 ? (
            <ul class="error small problems">
              {batch.problems.slice(0, PROBLEMS_SHOWN).map((problem) => (
                <li key={`${problem.line}-${problem.text}`}>{t(PROBLEM_TEXT[problem.kind], problem.line, problem.text)}</li>
              ))}
              {batch.problems.length > PROBLEMS_SHOWN && <li>{t('popup_batchMore', formatNumber(batch.problems.length - PROBLEMS_SHOWN))}</li>}
            </ul>
          ) : (
            batch.accounts.length > 0 && <p class="ok small">{tCount('popup_batchReady', batch.accounts.length)}</p>
          )}
        </div>
        <label for="batch-remark">{t('popup_remarkOptional')}</label>
        <input id="batch-remark" value={remark} aria-invalid={remarkTooLong || undefined} aria-describedby="batch-remark-hint" onInput={(event) => setRemark(event.currentTarget.value)} />
        <p id="batch-remark-hint" class={remarkTooLong ? 'error small' : 'muted small'}>
          {remarkTooLong ? tCount('popup_remarkTooLong', REMARK_MAX_COLUMNS, formatNumber(textColumns(remark))) : tCount('popup_remarkRule', REMARK_MAX_COLUMNS)}
        </p>
        <label for="batch-product">{t('ui_productType')}</label>
        <ProductTypeSelect id="batch-product" types={ACCOUNT_PRODUCT_TYPES} value={productType} onChange={(type) => setProductType(type ?? ACCOUNT_PRODUCT_TYPES[0])} />
        <ActionError error={action.error} />
        <button type="submit" class="primary block" disabled={!ready || action.pending} aria-busy={action.pending}>
          {batch.accounts.length > 1 ? tCount('popup_addMany', batch.accounts.length) : t('popup_addOne')}
        </button>
      </div>
    </form>
  );
}
