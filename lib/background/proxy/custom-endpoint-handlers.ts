/**
 * The pages' requests for the user's own proxies: list, add (one or many), edit, delete. Changes run
 * one at a time, so two quick ones both land. Besides the schema's rules, a proxy this browser cannot
 * use (a SOCKS5 login in Chrome) and one saved already are refused; a paste is saved whole or not at
 * all. An edit or a deletion is passed on first (`onChanged`): the site rules through the proxy and
 * the connection follow the new values, and a refusal there (a deletion while rules use it) leaves
 * the saved proxies as they were.
 */
import { ServiceError } from '../error-answers.ts';
import { createSerialQueue } from '../serial-queue.ts';
import type { CustomEndpointHandlers } from '../requests.ts';
import { CUSTOM_PROXIES_MAX } from '../../shared/input-limits.ts';
import { proxyAddress, proxyIdentity, type ProxyAbilities } from '../../shared/custom-proxy.ts';
import { customEndpointsItem, type CustomEndpointFields, type SavedCustomEndpoint } from './custom-endpoints.ts';
import { ProxyError } from './proxy-service.ts';

/** A change to the saved proxies that cannot be made. */
export class CustomEndpointError extends ServiceError<'custom-duplicate' | 'custom-not-found' | 'custom-too-many'> {
  override readonly name = 'CustomEndpointError';
}

export interface CustomEndpointHandlerOptions extends ProxyAbilities {
  /** A saved proxy is being edited (its new value) or deleted (null); resolves once what uses it follows, rejects to refuse the change. */
  onChanged(id: string, next: SavedCustomEndpoint | null): Promise<void>;
  /** Makes the id of a new proxy. */
  newId?: () => string;
}

export function createCustomEndpointHandlers({ socksLogin, onChanged, newId = () => crypto.randomUUID() }: CustomEndpointHandlerOptions): CustomEndpointHandlers {
  const { run: serialized } = createSerialQueue();

  /** The proxy as stored: no password without a username, no empty label. */
  function toSaved(fields: CustomEndpointFields, id: string): SavedCustomEndpoint {
    if (fields.scheme === 'socks5' && fields.username && !socksLogin) throw new ProxyError('socks-auth-unsupported', 'proxyError_socksAuthChrome');
    const { username, password, label, ...server } = fields;
    return { kind: 'custom', id, ...server, ...(label?.trim() && { label: label.trim() }), ...(username && { username, password: password ?? '' }) };
  }

  /** Refuses `endpoint` when another saved proxy (not `id`) is the same. */
  function refuseDuplicate(endpoint: SavedCustomEndpoint, others: readonly SavedCustomEndpoint[]): void {
    const identity = proxyIdentity(endpoint);
    const same = others.find((other) => other.id !== endpoint.id && proxyIdentity(other) === identity);
    if (same) throw new CustomEndpointError('custom-duplicate', 'custom_duplicate', [proxyAddress(endpoint), same.label ?? proxyAddress(same)]);
  }

  async function find(id: string): Promise<{ saved: SavedCustomEndpoint[]; index: number }> {
    const saved = await customEndpointsItem.getValue();
    const index = saved.findIndex((endpoint) => endpoint.id === id);
    if (index < 0) throw new CustomEndpointError('custom-not-found', 'custom_notFound');
    return { saved, index };
  }

  return {
    getCustomEndpoints: () => customEndpointsItem.getValue(),

    addCustomEndpoints: ({ endpoints }) =>
      serialized(async () => {
        const saved = await customEndpointsItem.getValue();
        if (saved.length + endpoints.length > CUSTOM_PROXIES_MAX) throw new CustomEndpointError('custom-too-many', 'custom_tooMany', [String(CUSTOM_PROXIES_MAX)]);
        const next = [...saved];
        for (const fields of endpoints) {
          const endpoint = toSaved(fields, newId());
          refuseDuplicate(endpoint, next);
          next.push(endpoint);
        }
        await customEndpointsItem.setValue(next);
        return next;
      }),

    editCustomEndpoint: ({ id, keepPassword, ...fields }) =>
      serialized(async () => {
        const { saved, index } = await find(id);
        const password = keepPassword ? saved[index]!.password : fields.password;
        const edited = toSaved({ ...fields, password }, id);
        refuseDuplicate(edited, saved);
        const next = saved.map((endpoint, at) => (at === index ? edited : endpoint));
        await onChanged(id, edited);
        await customEndpointsItem.setValue(next);
        return next;
      }),

    deleteCustomEndpoint: ({ id }) =>
      serialized(async () => {
        const { saved } = await find(id);
        const next = saved.filter((endpoint) => endpoint.id !== id);
        await onChanged(id, null);
        await customEndpointsItem.setValue(next);
        return next;
      }),
  };
}
