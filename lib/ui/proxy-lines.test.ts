import { describe, expect, it } from 'vitest';
import { CUSTOM_PROXIES_MAX } from '../shared/input-limits.ts';
import type { ProxyFields } from '../shared/custom-proxy.ts';
import { parseProxyLines, withoutLines, type ProxyLineOptions } from './proxy-lines.ts';

const options: ProxyLineOptions = { defaultScheme: 'http', socksLogin: true, saved: [] };
const parse = (text: string, more: Partial<ProxyLineOptions> = {}) => parseProxyLines(text, { ...options, ...more });
const problems = (text: string, more: Partial<ProxyLineOptions> = {}) => parse(text, more).problems.map(({ line, reason, substitutions }) => [line, reason, ...substitutions].join(' '));

describe('parseProxyLines', () => {
  it('reads the three line formats, with and without a scheme', () => {
    const { proxies, problems: found } = parse(
      ['203.0.113.7:8080', 'proxy.example.com:3128:me:secret', 'me:secret@proxy.example.com:3129', 'socks5://user:pw@10.0.0.1:1080', 'HTTPS://secure.example.com:443/'].join('\n'),
    );
    expect(found).toEqual([]);
    expect(proxies).toEqual([
      { line: 1, scheme: 'http', host: '203.0.113.7', port: 8080 },
      { line: 2, scheme: 'http', host: 'proxy.example.com', port: 3128, username: 'me', password: 'secret' },
      { line: 3, scheme: 'http', host: 'proxy.example.com', port: 3129, username: 'me', password: 'secret' },
      { line: 4, scheme: 'socks5', host: '10.0.0.1', port: 1080, username: 'user', password: 'pw' },
      { line: 5, scheme: 'https', host: 'secure.example.com', port: 443 },
    ]);
  });

  it('gives lines without a scheme the chosen one', () => {
    expect(parse('10.0.0.1:1080', { defaultScheme: 'socks5' }).proxies[0]).toMatchObject({ scheme: 'socks5' });
  });

  it('reads IPv6 hosts in brackets, in each format', () => {
    expect(parse('[2001:db8::1]:8080\n[::1]:3128:me:pw\nme:pw@[2001:db8::2]:80').proxies.map(({ host, port, username }) => `${username ?? ''}@${host}:${port}`)).toEqual(['@[2001:db8::1]:8080', 'me@[::1]:3128', 'me@[2001:db8::2]:80']);
  });

  it('keeps colons and @ in a password where the format leaves no doubt', () => {
    expect(parse('proxy.example.com:3128:me:pa:ss@word').proxies[0]).toMatchObject({ username: 'me', password: 'pa:ss@word' });
    expect(parse('me:pa:ss@word@proxy.example.com:3128').proxies[0]).toMatchObject({ username: 'me', password: 'pa:ss@word' });
    expect(parse('me@proxy.example.com:3128').proxies[0]).toMatchObject({ username: 'me' });
  });

  it('skips empty lines, comments and the whitespace around a line, and numbers lines as an editor does', () => {
    const { proxies } = parse('\n# my proxies\r\n   10.0.0.1:80   \n\n10.0.0.2:80');
    expect(proxies.map(({ line, host }) => `${line} ${host}`)).toEqual(['3 10.0.0.1', '5 10.0.0.2']);
  });

  it('refuses each bad line by its number and reason, and saves none of a paste that has one', () => {
    const text = ['10.0.0.1:80', 'proxy.example.com', 'ftp://10.0.0.3:21', 'bad host:80', '10.0.0.5:99999', '10.0.0.6:80:onlyuser', ':pw@10.0.0.7:80', 'me:pw@10.0.0.8:80:extra', '10.0.0.9:'].join('\n');
    expect(problems(text)).toEqual([
      '2 custom_lineFormat',
      '3 custom_schemeUnknown ftp',
      '4 custom_hostInvalid bad host',
      '5 custom_portInvalid',
      '6 custom_lineFormat',
      '7 custom_passwordWithoutUser',
      '8 custom_lineFormat',
      '9 custom_portInvalid',
    ]);
    expect(parse(text).proxies.map(({ line }) => line)).toEqual([1]);
  });

  it('refuses a SOCKS5 login in Chrome, saying why', () => {
    expect(problems('socks5://me:pw@10.0.0.1:1080\nsocks5://10.0.0.2:1080', { socksLogin: false })).toEqual(['1 proxyError_socksAuthChrome']);
  });

  it('tells a repeated line and a proxy saved already', () => {
    const saved: Array<ProxyFields & { label?: string }> = [{ scheme: 'http', host: 'saved.example.com', port: 80, username: 'me', password: 'x', label: 'Office' }, { scheme: 'http', host: '10.9.9.9', port: 80 }];
    const text = ['10.0.0.1:80', 'SAVED.example.com:80:me:other', '10.0.0.1:80', '10.9.9.9:80', 'saved.example.com:80', 'https://10.0.0.1:80'].join('\n');
    expect(problems(text, { saved })).toEqual(['2 custom_lineAlreadySaved Office', '3 custom_lineRepeats 1', '4 custom_lineAlreadySaved 10.9.9.9:80']);
    expect(parse(text, { saved }).proxies.map(({ line }) => line)).toEqual([1, 5, 6]);
  });

  it('refuses the lines beyond the most that can be saved', () => {
    const saved = Array.from({ length: CUSTOM_PROXIES_MAX - 1 }, (_, index) => ({ scheme: 'http' as const, host: `10.1.${Math.floor(index / 250)}.${index % 250}`, port: 80 }));
    expect(problems('10.0.0.1:80\n10.0.0.2:80', { saved })).toEqual([`2 custom_tooMany ${CUSTOM_PROXIES_MAX}`]);
  });

  it('reads a paste of 1,000 lines', () => {
    const text = Array.from({ length: 1000 }, (_, index) => `10.2.${Math.floor(index / 250)}.${index % 250}:8080:user${index}:pw`).join('\n');
    const { proxies, problems: found } = parse(text);
    expect(found).toEqual([]);
    expect(proxies).toHaveLength(1000);
  });
});

describe('withoutLines', () => {
  it('takes out the numbered lines and keeps the rest as typed', () => {
    expect(withoutLines('a\r\nb\nc\n\nd', new Set([2, 4]))).toBe('a\nc\nd');
    expect(withoutLines('a\nb', new Set())).toBe('a\nb');
  });
});
