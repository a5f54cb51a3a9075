/**
 * CHANGELOG.md: the changes under "## Unreleased" until a release, which moves them under
 * "## <version> (<date>)" and leaves an empty "Unreleased" above for the next ones.
 */

const UNRELEASED = /^## Unreleased[ \t]*$/m;

/** The notes under "## Unreleased" (up to the next `## ` heading); throws when there are none. */
export function unreleasedNotes(changelog: string): string {
  const match = UNRELEASED.exec(changelog);
  if (!match) throw new Error('CHANGELOG.md has no "## Unreleased" section');
  const rest = changelog.slice(match.index + match[0].length);
  const notes = rest.split(/^## /m)[0]!.trim();
  if (!/^- \S/m.test(notes)) throw new Error('CHANGELOG.md lists no change under "## Unreleased": write what this release changes first');
  return notes;
}

/** The changelog with the unreleased notes filed under `version`, released on `date` (YYYY-MM-DD). */
export function fileRelease(changelog: string, version: string, date: string): string {
  const notes = unreleasedNotes(changelog);
  if (new RegExp(`^## ${version.replaceAll('.', '\\.')}\\b`, 'm').test(changelog)) throw new Error(`CHANGELOG.md already has a section for ${version}`);
  const match = UNRELEASED.exec(changelog)!;
  const start = match.index + match[0].length;
  const end = start + changelog.slice(start).search(/^## |(?![\s\S])/m);
  return `${changelog.slice(0, match.index)}## Unreleased\n\n## ${version} (${date})\n\n${notes}\n${end < changelog.length ? `\n${changelog.slice(end)}` : ''}`;
}
