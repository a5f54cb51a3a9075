/**
 * The document's input rules as plain values and functions, without zod: the pages explain and check
 * them inline before anything is sent, and lib/background/api/params.ts builds its schemas from them.
 */

/** Account names and passwords: letters and digits only, no spaces or symbols (whitelist-account/*). */
export const ALNUM = /^[A-Za-z0-9]+$/;
export const REMARK_MAX_COLUMNS = 64;
export const LIMIT_MAX_GB = 102_400;
export const EXTRACT_MAX = 500;
export const STICKY_MAX_MINUTES = 1440;

/** A proxy's host: a name or IPv4 address, or an IPv6 address in brackets. */
export const HOST_PATTERN = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)$/;
export const HOST_MAX_LENGTH = 253;
/** A proxy login's username or password. */
export const CREDENTIAL_MAX_LENGTH = 256;
/** The name the user gives an endpoint. */
export const LABEL_MAX_LENGTH = 200;
/** How many proxies of their own the user may keep (and paste at once). */
export const CUSTOM_PROXIES_MAX = 1000;

/**
 * Display columns of a remark: East Asian wide and fullwidth characters (CJK, kana, hangul, fullwidth
 * forms, most emoji) count two, everything else one; so "32 CJK or 64 Latin characters" is one rule.
 */
export function textColumns(text: string): number {
  let columns = 0;
  for (const char of text) columns += isWide(char.codePointAt(0)!) ? 2 : 1;
  return columns;
}

const WIDE_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x115f], [0x2e80, 0x303e], [0x3041, 0x33ff], [0x3400, 0x4dbf], [0x4e00, 0x9fff],
  [0xa000, 0xa4cf], [0xac00, 0xd7a3], [0xf900, 0xfaff], [0xfe30, 0xfe4f], [0xff00, 0xff60],
  [0xffe0, 0xffe6], [0x1f300, 0x1f64f], [0x1f900, 0x1f9ff], [0x20000, 0x2fffd], [0x30000, 0x3fffd],
];

function isWide(codePoint: number): boolean {
  return WIDE_RANGES.some(([from, to]) => codePoint >= from && codePoint <= to);
}

