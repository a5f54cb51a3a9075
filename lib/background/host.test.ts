import { describe, expect, it } from 'vitest';
import { isAllowedApiBaseUrl, normalizeApiBaseUrl } from './host.ts';

describe('isAllowedApiBaseUrl', () => {
  it.each([
    ['https://api.911proxy.com', true],
    ['https://mirror.example.com:8443/base/', true],
    ['http://127.0.0.1:4010', true],
    ['http://127.45.6.7', true],
    ['http://127.1:8080', true],
    ['http://localhost:3000', true],
    ['http://[::1]:3000', true],
    ['http://api.911proxy.com', false],
    ['http://192.168.1.10', false],
    ['http://127.0.0.1.evil.example', false],
    ['http://localhost.evil.example', false],
    ['ftp://127.0.0.1', false],
    ['https://user:pass@api.911proxy.com', false],
    ['https://api.911proxy.com/?app_key=x', false],
    ['not a url', false],
  ])('%s → %s', (url, allowed) => {
    expect(isAllowedApiBaseUrl(url)).toBe(allowed);
  });
});

describe('normalizeApiBaseUrl', () => {
  it.each([
    ['https://api.911proxy.com/', 'https://api.911proxy.com'],
    ['https://API.911proxy.com', 'https://api.911proxy.com'],
    ['https://mirror.example.com:443/base//', 'https://mirror.example.com/base'],
    ['http://127.1:8080', 'http://127.0.0.1:8080'],
  ])('%s → %s', (url, normalized) => {
    expect(normalizeApiBaseUrl(url)).toBe(normalized);
  });
});
