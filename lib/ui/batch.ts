/**
 * Reads pasted `user:pass` lines for whitelist-account/add and checks them against the document's
 * input rules (lib/shared/input-limits.ts) before anything is sent, so each problem can be shown on its line.
 */
import { ALNUM } from '../shared/input-limits.ts';

export interface Credential {
  username: string;
  password: string;
}

/** Why a line cannot be sent. */
export type BatchProblemKind = 'format' | 'username' | 'password' | 'duplicate';

export interface BatchProblem {
  /** 1-based, as the user counts lines in the text box. */
  line: number;
  kind: BatchProblemKind;
  /** The offending text: the line, or the username for a duplicate. */
  text: string;
}

export interface ParsedBatch {
  accounts: Credential[];
  problems: BatchProblem[];
}

/**
 * One account per line as `username:password`; commas also separate accounts (the API's own batch
 * syntax), blank lines are skipped. A username listed twice, or already in `existing`, is a problem.
 */
export function parseAccountBatch(text: string, existing: ReadonlySet<string> = new Set()): ParsedBatch {
  const accounts: Credential[] = [];
  const problems: BatchProblem[] = [];
  const seen = new Set<string>();
  text.split(/\r\n|\r|\n/).forEach((lineText, lineIndex) => {
    const line = lineIndex + 1;
    for (const part of lineText.split(',')) {
      const entry = part.trim();
      if (!entry) continue;
      const colon = entry.indexOf(':');
      if (colon < 0) {
        problems.push({ line, kind: 'format', text: entry });
        continue;
      }
      const username = entry.slice(0, colon).trim();
      const password = entry.slice(colon + 1).trim();
      if (!ALNUM.test(username)) problems.push({ line, kind: 'username', text: entry });
      else if (!ALNUM.test(password)) problems.push({ line, kind: 'password', text: username });
      else if (seen.has(username) || existing.has(username)) problems.push({ line, kind: 'duplicate', text: username });
      else {
        seen.add(username);
        accounts.push({ username, password });
      }
    }
  });
  return { accounts, problems };
}
