/** The toolbar button's global badge as the background sets it, for unit tests. */
import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';

export interface BadgeRecord {
  text: string;
  title: string;
  color: string;
}

/**
 * Writes every global badge change into `badge`. Spies, which the unit tests' config restores after
 * each test: the test files share one process, and the next file must find fakeBrowser's own action.
 */
export function recordBadge(badge: BadgeRecord): void {
  vi.spyOn(fakeBrowser.action, 'setBadgeText').mockImplementation(async ({ text }) => void (badge.text = text ?? ''));
  vi.spyOn(fakeBrowser.action, 'setTitle').mockImplementation(async ({ title }) => void (badge.title = title ?? ''));
  vi.spyOn(fakeBrowser.action, 'setBadgeBackgroundColor').mockImplementation(async ({ color }) => void (badge.color = String(color)));
}
