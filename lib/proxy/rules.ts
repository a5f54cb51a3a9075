/**
 * Routing rules: which requests go through the proxy. One matcher serves Firefox (asked per request)
 * and the PAC script Chrome runs (generated from the same patterns), so the two browsers agree.
 */
import { z } from 'zod';

/** Never proxied: this machine, private networks and mDNS names, as people expect from a switcher. */
export const DEFAULT_BYPASS = [
  'localhost',
  '127.0.0.0/8',
  '::1',
  '10.0.0.0/8',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '169.254.0.0/16',
  '*.local',
] as const;

/** A host pattern: `example.com` (and its subdomains), `*.example.com`, an IPv4/IPv6 address or CIDR. */
export const hostPatternSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(\*\.)?[a-z0-9.-]+$|^[0-9a-f:.]+(\/\d{1,3})?$/, 'a host name, *.domain, an IP address or a CIDR range');

export const routingSchema = z.object({
  /** all: everything but the bypass list; only: just `sites`; except: all but `sites`. */
  mode: z.enum(['all', 'only', 'except']).default('all'),
  sites: z.array(hostPatternSchema).default([]),
  bypass: z.array(hostPatternSchema).default([...DEFAULT_BYPASS]),
});
export type Routing = z.infer<typeof routingSchema>;
