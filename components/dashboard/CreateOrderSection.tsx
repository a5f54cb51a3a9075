/**
 * Creating an order: a static IP renewal (the ids come from the popup's static IP list through the
 * address, `#renew=1,2,3`), a balance top-up (with the recharge bonus tiers), or another product. The
 * order is created unpaid; payment happens on the provider's site.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t, uiLanguage } from '../../lib/shared/i18n.ts';
import type { GiftRatio, Order } from '../../lib/background/api/schemas.ts';
import { sendToBackground } from '../../lib/ui/send-to-background.ts';
import { formatNumber } from '../../lib/shared/format.ts';
import { useCachedList } from '../../lib/ui/hooks.ts';
import { withField } from '../../lib/ui/use-draft.ts';
import { RadioChoices } from '../Choices.tsx';
import { ActionError, EmptyState, ErrorState, Loading } from '../States.tsx';
import { useAction } from '../../lib/ui/use-action.ts';
import { buildOrder, emptyOrderForm, rechargeBonus, renewIdsFromHash, type FieldProblem, type OrderField, type OrderForm, type OrderKind, type PaymentMethod } from '../../lib/ui/order-form.ts';

const KINDS: readonly OrderKind[] = ['renewal', 'topUp', 'product'];

const PROBLEM_TEXT: Record<FieldProblem, () => string> = {
  required: () => t('dashboard_problemRequired'),
  wholeNumber: () => t('dashboard_problemWholeNumber'),
  idList: () => t('dashboard_problemIdList'),
  belowMin: () => t('dashboard_problemBelowMin'),
  aboveMax: () => t('dashboard_problemAboveMax'),
  methodDisabled: () => t('dashboard_problemMethodDisabled'),
};

/** The create-order section; opens as a renewal of the ids in the address when there are some. */
export function CreateOrderSection() {
  const [form, setForm] = useState<OrderForm>(() => {
    const ids = renewIdsFromHash(location.hash);
    return emptyOrderForm(ids.length > 0 || location.hash.startsWith('#renew') ? 'renewal' : 'product', ids);
  });
  const [problems, setProblems] = useState<Partial<Record<OrderField, FieldProblem>>>({});
  const [created, setCreated] = useState<Order>();
  const create = useAction();
  const groups = useCachedList('getPaymentGroups', {});
  const methods = groups.data?.flatMap((group) => group.items) ?? [];
  const method = methods.find((candidate) => candidate.id === form.pmId);

  // The popup opens the dashboard at #renew=… (or changes the hash of an open one).
  useEffect(() => {
    const onHash = () => {
      const ids = renewIdsFromHash(location.hash);
      if (ids.length === 0) return;
      setForm((current) => ({ ...current, kind: 'renewal', upids: ids.join(', ') }));
      document.getElementById('create-order')?.scrollIntoView();
    };
    onHash();
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const set = (field: OrderField) => (event: { currentTarget: HTMLInputElement }) => setForm(withField(field, event.currentTarget.value));
  const field = (name: OrderField, label: string, hint: string | undefined, inputMode: 'numeric' | 'text' = 'numeric') => (
    <div class="field">
      <label for={`order-${name}`}>{label}</label>
      <input
        id={`order-${name}`}
        type="text"
        inputMode={inputMode}
        spellcheck={false}
        value={String(form[name] ?? '')}
        aria-invalid={problems[name] !== undefined}
        aria-describedby={[hint && `order-${name}-hint`, problems[name] && `order-${name}-problem`].filter(Boolean).join(' ') || undefined}
        onInput={set(name)}
      />
      {hint && (
        <p class="hint" id={`order-${name}-hint`}>
          {hint}
        </p>
      )}
      {problems[name] && (
        <p class="problem" id={`order-${name}-problem`}>
          {PROBLEM_TEXT[problems[name]]()}
        </p>
      )}
    </div>
  );

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    const check = buildOrder(form, method);
    setProblems(check.ok ? {} : check.problems);
    if (!check.ok) return;
    setCreated(undefined);
    const order = await create.run(() => sendToBackground('createOrder', check.input));
    if (order) setCreated(order);
  };

  return (
    <section class="card" aria-labelledby="create-order-title" id="create-order">
      <h2 id="create-order-title">{t('dashboard_createTitle')}</h2>
      <form onSubmit={onSubmit} noValidate>
        <RadioChoices
          legend={t('dashboard_createKind')}
          name="order-kind"
          choices={KINDS.map((kind) => ({ value: kind, label: t(`dashboard_createKind_${kind}`) }))}
          value={form.kind}
          onChange={(kind) => setForm(withField('kind', kind))}
        />
        {field('pid', t('dashboard_createPid'), t('dashboard_createPidHint'))}
        {form.kind === 'renewal' && (
          <>
            {field('upids', t('dashboard_createUpids'), t('dashboard_createUpidsHint'), 'text')}
            {field('renewDuration', t('dashboard_createRenewDuration'), t('dashboard_createRenewDurationHint'))}
          </>
        )}
        {form.kind === 'topUp' && (
          <>
            {field('rechargeAmount', t('dashboard_createRecharge'), undefined)}
            <RechargeBonus amount={Number(form.rechargeAmount)} />
          </>
        )}
        {form.kind === 'product' && field('amount', t('dashboard_createAmount'), t('dashboard_createAmountHint'))}
        <fieldset aria-describedby={problems.pmId ? 'order-pmId-problem' : undefined}>
          <legend>{t('dashboard_createPayment')}</legend>
          <PaymentMethods groups={groups} selected={form.pmId} onSelect={(pmId) => setForm(withField('pmId', pmId))} />
          {problems.pmId && (
            <p class="problem" id="order-pmId-problem">
              {PROBLEM_TEXT[problems.pmId]()}
            </p>
          )}
        </fieldset>
        {field('couponSn', t('dashboard_createCoupon'), undefined, 'text')}
        <div class="actions">
          <button type="submit" class="primary" disabled={create.pending}>
            {t('dashboard_createSubmit')}
          </button>
        </div>
        <div aria-live="polite">
          {created && (
            <p class="status-ok" data-testid="order-created">
              {t('dashboard_createDone', created.trade_no, formatNumber(created.pay_fee))}
            </p>
          )}
        </div>
        <ActionError error={create.error} />
      </form>
    </section>
  );
}

function PaymentMethods({ groups, selected, onSelect }: { groups: ReturnType<typeof useCachedList<'getPaymentGroups'>>; selected: number | undefined; onSelect(id: number): void }) {
  if (!groups.data) return groups.error ? <ErrorState error={groups.error} onRetry={groups.reload} /> : <Loading list={groups} />;
  if (groups.data.every((group) => group.items.length === 0)) return <EmptyState>{t('dashboard_createNoPayment')}</EmptyState>;
  return (
    <div class="payment-methods">
      {groups.data.map((group) => (
        <div key={group.name} role="group" aria-label={group.name}>
          <h3>{group.name}</h3>
          {group.items.map((item) => (
            <label class="choice" key={item.id}>
              <input type="radio" name="order-payment" value={String(item.id)} checked={selected === item.id} disabled={item.disabled} onChange={() => onSelect(item.id)} />
              <span>
                {item.title}
                <MethodLimits method={item} />
              </span>
            </label>
          ))}
        </div>
      ))}
    </div>
  );
}

function MethodLimits({ method }: { method: PaymentMethod }) {
  const parts: ComponentChildren[] = [];
  if (method.min != null && method.max != null) parts.push(t('dashboard_paymentRange', formatNumber(method.min), formatNumber(method.max)));
  else if (method.min != null) parts.push(t('dashboard_paymentMin', formatNumber(method.min)));
  else if (method.max != null) parts.push(t('dashboard_paymentMax', formatNumber(method.max)));
  if (method.disabled) parts.push(t('dashboard_paymentUnavailable'));
  return parts.length ? <span class="hint"> ({parts.join(' · ')})</span> : null;
}

/** The bonus tiers for a top-up, and what the amount being typed would earn. */
function RechargeBonus({ amount }: { amount: number }) {
  const ratios = useCachedList('getGiftRatios', {});
  if (!ratios.data) return ratios.error ? <ErrorState error={ratios.error} onRetry={ratios.reload} /> : <Loading list={ratios} />;
  if (ratios.data.length === 0) return null;
  const bonus = amount > 0 ? rechargeBonus(amount, ratios.data) : undefined;
  return (
    <div class="field">
      <table>
        <caption>{t('dashboard_bonusTitle')}</caption>
        <thead>
          <tr>
            <th scope="col" class="number">
              {t('dashboard_bonusFrom')}
            </th>
            <th scope="col" class="number">
              {t('dashboard_bonusExtra')}
            </th>
          </tr>
        </thead>
        <tbody>
          {[...ratios.data]
            .sort((a, b) => a.amount - b.amount)
            .map((tier: GiftRatio) => (
              <tr key={tier.amount}>
                <td class="number">{formatNumber(tier.amount)}</td>
                <td class="number">{formatPercent(tier.ratio - 1)}</td>
              </tr>
            ))}
        </tbody>
      </table>
      <p aria-live="polite">{bonus && t('dashboard_bonusFor', formatNumber(amount), formatNumber(bonus.bonus), formatPercent(bonus.ratio - 1))}</p>
    </div>
  );
}

const formatPercent = (fraction: number): string => new Intl.NumberFormat(uiLanguage(), { style: 'percent', maximumFractionDigits: 1 }).format(fraction);
