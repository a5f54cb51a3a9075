/** A tab's exit in words ("This tab: DE, via alice · rule amazon.de"), for the popup's header and the badge's tooltip. */
import type { TabExitDescription } from '../background/proxy/tab-exit-descriptions.ts';
import { t } from './i18n.ts';

/**
 * Whether the line says something the popup's header does not. The header names the main
 * connection's exit: a tab that takes it, or a tab that nothing applies to, adds nothing.
 */
export function differsFromHeader({ site, kind, why }: TabExitDescription): boolean {
  if (why.layer === 'none') return false;
  return !site || why.layer !== 'main' || kind !== 'proxy';
}

export function tabExitLine(exit: TabExitDescription): string {
  if (!exit.site) return t('tabExit_noProxy');
  return t('tabExit_line', exitWords(exit), reasonWords(exit));
}

function exitWords({ kind, exit }: TabExitDescription): string {
  if (kind === 'blocked') return t('tabExit_blocked');
  if (!exit) return t('tabExit_direct');
  if (exit.refused) return t('tabExit_loginRefused', exit.name);
  if (exit.failed) return t('tabExit_checkFailed', exit.name);
  // Once checked, the country is where the exit really is, which may differ from the one asked for in the name.
  return exit.ip && exit.country ? t('tabExit_via', exit.country, exit.name) : exit.name;
}

function reasonWords({ kind, why, container }: TabExitDescription): string {
  switch (why.layer) {
    case 'bypass':
      return t('tabExit_whyBypass');
    case 'tab':
      return t('tabExit_whyTab');
    case 'container':
      return t('tabExit_whyContainer', container ?? why.cookieStoreId);
    case 'route':
      return t('tabExit_whyRoute', why.pattern);
    case 'main':
      return kind === 'proxy' ? t('tabExit_whyMain') : t('tabExit_whyMainSites');
    default:
      // `check` is the exit check's own request, never a tab's.
      return t('tabExit_whyNone');
  }
}
