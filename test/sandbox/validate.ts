// Server-side input rules. Failures collect into Laravel-style `errors: { field: [messages] }`,
// which the server turns into {code: 400, message: "参数错误", errors}.
import { parseDateTime } from './time.ts';

export type FieldErrors = Record<string, string[]>;
export type Params = Readonly<Record<string, unknown>>;

/** Proxy account names and passwords: letters and digits only (the document forbids symbols and spaces). */
export const ACCOUNT_TOKEN = /^[A-Za-z0-9]+$/;
export const ACCOUNT_TOKEN_MAX = 32;

/** "32 CJK or 64 Latin characters": East Asian wide characters take two columns. */
export const REMARK_MAX_COLUMNS = 64;

interface Rule {
  required?: boolean;
}

export class Checker {
  readonly errors: FieldErrors = {};
  private readonly params: Params;

  constructor(params: Params) {
    this.params = params;
  }

  get failed(): boolean {
    return Object.keys(this.errors).length > 0;
  }

  fail(field: string, message: string): undefined {
    (this.errors[field] ??= []).push(message);
    return undefined;
  }

  /** Absent, null and "" all mean "not given", as with Laravel's nullable fields. */
  has(field: string): boolean {
    const value = this.params[field];
    return value !== undefined && value !== null && value !== '';
  }

  string(field: string, rule: Rule & { max?: number } = {}): string | undefined {
    if (!this.has(field)) return rule.required ? this.fail(field, `${field} 不能为空`) : undefined;
    const value = this.params[field];
    if (typeof value !== 'string') return this.fail(field, `${field} 必须是字符串`);
    if (rule.max !== undefined && value.length > rule.max) return this.fail(field, `${field} 不能超过 ${rule.max} 个字符`);
    return value;
  }

  /** Integers arrive as JSON numbers or as decimal strings (query strings, form-ish clients). */
  integer(field: string, rule: Rule & { min?: number; max?: number } = {}): number | undefined {
    if (!this.has(field)) return rule.required ? this.fail(field, `${field} 不能为空`) : undefined;
    const value = this.params[field];
    let parsed: number | undefined;
    if (typeof value === 'number' && Number.isSafeInteger(value)) parsed = value;
    else if (typeof value === 'string' && /^-?\d{1,15}$/.test(value)) parsed = Number(value);
    if (parsed === undefined) return this.fail(field, `${field} 必须是整数`);
    const { min, max } = rule;
    if ((min !== undefined && parsed < min) || (max !== undefined && parsed > max)) {
      const range = min !== undefined && max !== undefined ? `${min} 到 ${max} 之间` : min !== undefined ? `不小于 ${min}` : `不大于 ${max}`;
      return this.fail(field, `${field} 必须${range}`);
    }
    return parsed;
  }

  oneOf<T extends string>(field: string, allowed: readonly T[], rule: Rule = {}): T | undefined {
    if (!this.has(field)) return rule.required ? this.fail(field, `${field} 不能为空`) : undefined;
    const value = String(this.params[field]);
    const match = allowed.find((candidate) => candidate === value);
    return match ?? this.fail(field, `${field} 的值无效，可选：${allowed.join('、')}`);
  }

  /** "YYYY-MM-DD HH:mm:ss" (Beijing time) to epoch ms. */
  dateTime(field: string): number | undefined {
    const text = this.string(field);
    if (text === undefined) return undefined;
    return parseDateTime(text) ?? this.fail(field, `${field} 格式必须为 Y-m-d H:i:s`);
  }

  /** A letters-and-digits account name or password. */
  token(field: string, value: string, what: string): boolean {
    if (!ACCOUNT_TOKEN.test(value)) {
      this.fail(field, `${what}仅支持数字和字母：${value}`);
      return false;
    }
    if (value.length > ACCOUNT_TOKEN_MAX) {
      this.fail(field, `${what}不能超过 ${ACCOUNT_TOKEN_MAX} 个字符：${value}`);
      return false;
    }
    return true;
  }

  /** A remark: a string of at most 64 columns, wide characters counting two. Missing means "". */
  remark(field: string, rule: Rule = {}): string | undefined {
    const value = this.params[field];
    if (value === undefined || value === null) return rule.required ? this.fail(field, `${field} 不能为空`) : '';
    if (typeof value !== 'string') return this.fail(field, `${field} 必须是字符串`);
    if (displayWidth(value) > REMARK_MAX_COLUMNS) return this.fail(field, `${field} 不能超过 32 个中文或 64 个英文字符`);
    return value;
  }

  /** A comma-joined batch ("a,b" or "a:p,b:q"); rejects empty items and duplicates. */
  batch(field: string): string[] | undefined {
    const text = this.string(field, { required: true });
    if (text === undefined) return undefined;
    const items = text.split(',');
    if (items.some((item) => item === '')) return this.fail(field, `${field} 格式错误，请用英文逗号分隔`);
    if (new Set(items.map((item) => item.split(':')[0])).size !== items.length) return this.fail(field, `${field} 中有重复的账户`);
    return items;
  }
}

/** Terminal-style column width: East Asian Wide and Fullwidth code points count two, others one. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += isWide(char.codePointAt(0) ?? 0) ? 2 : 1;
  return width;
}

const WIDE_RANGES: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f], // Hangul Jamo
  [0x2e80, 0x303e], // CJK radicals, punctuation
  [0x3041, 0x33ff], // kana, CJK symbols
  [0x3400, 0x4dbf], // CJK extension A
  [0x4e00, 0x9fff], // CJK unified ideographs
  [0xa000, 0xa4cf], // Yi
  [0xac00, 0xd7a3], // Hangul syllables
  [0xf900, 0xfaff], // CJK compatibility ideographs
  [0xfe30, 0xfe4f], // CJK compatibility forms
  [0xff00, 0xff60], // fullwidth forms
  [0xffe0, 0xffe6], // fullwidth signs
  [0x1f300, 0x1f64f], // emoji
  [0x1f900, 0x1f9ff], // supplemental emoji
  [0x20000, 0x3fffd], // CJK extensions B and beyond
];

function isWide(codePoint: number): boolean {
  return WIDE_RANGES.some(([from, to]) => codePoint >= from && codePoint <= to);
}
