/** The README's Permissions table, which the packages' permissions and the store justifications follow. */

export type StoreBrowser = 'chrome' | 'firefox';

/**
 * The README's Permissions table: `| \`name\` (Browser) | why |`. A row names one permission (or
 * `<all_urls>` host access), optionally for one browser, and must give a reason.
 */
export function justifiedPermissions(readme: string): { permission: string; browser?: StoreBrowser; why: string }[] {
  const section = readme.split(/^## Permissions\s*$/m)[1]?.split(/^## /m)[0] ?? '';
  return section
    .split('\n')
    .filter((line) => /^\|\s*`/.test(line))
    .map((line) => {
      const [, name = '', why = ''] = line.split('|').map((cell) => cell.trim());
      const permission = /`([^`]+)`/.exec(name)?.[1] ?? '';
      const only = /\((Chrome|Firefox)\)/.exec(name)?.[1];
      return { permission, ...(only && { browser: only.toLowerCase() as StoreBrowser }), why };
    });
}
