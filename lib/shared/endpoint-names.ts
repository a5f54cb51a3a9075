/** How an endpoint is named to the user; zod-free, for the pages as much as the background. */
import type { Endpoint } from '../background/proxy/endpoint.ts';

/** A short human name: the label, or what the endpoint is. */
export function describeEndpoint(endpoint: Endpoint): string {
  if (endpoint.label) return endpoint.label;
  switch (endpoint.kind) {
    case 'account':
      return [endpoint.account, endpoint.country?.toUpperCase(), endpoint.state, endpoint.city].filter(Boolean).join(' · ');
    case 'custom':
      return `${endpoint.scheme}://${endpoint.host}:${endpoint.port}`;
    default:
      return `${endpoint.host}:${endpoint.port}`;
  }
}
