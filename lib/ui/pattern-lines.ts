/** The routing lists as the options page edits them: one host pattern per line in a textarea. */

/** The patterns in `text`: one per line, trimmed, blank lines and `#` comments left out. */
export function parsePatternLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/** The textarea text for a stored list. */
export const formatPatternLines = (patterns: readonly string[]): string => patterns.join('\n');
