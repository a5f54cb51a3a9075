import { describe, expect, it } from 'vitest';
import { siteOf } from './current-site.ts';

describe('the site a route is prefilled with', () => {
  it('is a web page’s host, without www., and nothing for other pages', () => {
    expect(siteOf('https://www.amazon.de/gp/cart')).toBe('amazon.de');
    expect(siteOf('http://shop.example.com:8080/a')).toBe('shop.example.com');
    expect(siteOf('http://[::1]:3000/')).toBe('::1');
    for (const url of ['chrome://extensions/', 'about:blank', 'moz-extension://x/popup.html', 'file:///tmp/a', 'not a url', undefined]) expect(siteOf(url)).toBeUndefined();
  });
});
