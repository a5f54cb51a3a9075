import { describe, expect, it } from 'vitest';
import { readRepoFile } from '../store/manifest.ts';
import { fileRelease } from './changelog.ts';

const CHANGELOG = `# Changelog

Intro.

## Unreleased

- Added a thing.
- Fixed another.

## 0.1.0 (2026-11-30)

- First.
`;

describe('fileRelease', () => {
  it('files the unreleased notes under the version and leaves an empty Unreleased section above', () => {
    expect(fileRelease(CHANGELOG, '0.2.0', '2026-12-01')).toBe(`# Changelog

Intro.

## Unreleased

## 0.2.0 (2026-12-01)

- Added a thing.
- Fixed another.

## 0.1.0 (2026-11-30)

- First.
`);
  });

  it('works on a changelog whose only section is Unreleased', () => {
    expect(fileRelease('# Changelog\n\n## Unreleased\n\n- One.\n', '1.0.0', '2026-12-01')).toBe('# Changelog\n\n## Unreleased\n\n## 1.0.0 (2026-12-01)\n\n- One.\n');
  });

  it.each([
    ['no Unreleased section', '# Changelog\n\n## 0.1.0\n\n- First.\n', /no "## Unreleased"/],
    ['nothing unreleased', '# Changelog\n\n## Unreleased\n\n## 0.1.0\n\n- First.\n', /lists no change/],
    ['the version released already', CHANGELOG, /already has a section for 0\.1\.0/],
  ])('refuses %s', (_case, changelog, error) => {
    expect(() => fileRelease(changelog, '0.1.0', '2026-12-01')).toThrow(error);
  });
});

it('CHANGELOG.md starts with the Unreleased section, then releases with their version and date', () => {
  const headings = readRepoFile('CHANGELOG.md').match(/^## .+$/gm) ?? [];
  expect(headings[0]).toBe('## Unreleased');
  for (const heading of headings.slice(1)) expect(heading).toMatch(/^## \d+\.\d+\.\d+ \(\d{4}-\d{2}-\d{2}\)$/);
});
