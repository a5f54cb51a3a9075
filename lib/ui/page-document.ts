/** What every page sets on its document before it draws. */
import { uiLanguage } from '../shared/i18n.ts';

/** The UI language (screen readers pronounce by it) and, for the pages that open in a tab, the title. */
export function setUpDocument(title?: string): void {
  document.documentElement.lang = uiLanguage();
  if (title !== undefined) document.title = title;
}
