/** The dashboard's account line: who is signed in, the balance, and whether the account is real-name verified. */
import type { User } from '../background/api/schemas.ts';
import type { KeyStatus } from '../background/requests.ts';

export interface AccountLine {
  /** The e-mail, else the phone number (accounts may be opened with either); undefined without user/info. */
  signedInAs?: string;
  balance?: number;
  /**
   * From user/info when it answers; else from the key's check, where 911Proxy answers code 156 to an
   * account without verification.
   */
  verified: boolean;
}

export function accountLine(user: User | undefined, key: KeyStatus): AccountLine {
  if (!user) return { verified: !(key.set && key.unverified) };
  return { signedInAs: user.email || user.phone || undefined, balance: user.balance, verified: user.is_real_name };
}
