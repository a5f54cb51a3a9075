// What a route is and what it answers, shared by the route modules of every API area: the Outcome that
// server.ts wraps in the endpoint's envelope ({code:200,msg} or {code:0,message} or {code:0,msg}), the
// rejections, and the helpers that make outcomes.
import type { KeyState, SandboxState } from '../state.ts';
import type { Checker, FieldErrors, Params } from '../validate.ts';

/** Which success envelope an endpoint uses; the provider is inconsistent and clients must cope. */
export type Envelope = 'code200-msg' | 'code0-message' | 'code0-msg';

export type Outcome =
  | { kind: 'ok'; data: unknown }
  | { kind: 'reject'; code: number; message: string }
  | { kind: 'invalid'; errors: FieldErrors }
  | { kind: 'text'; body: string };

export interface RouteContext {
  params: Params;
  key: KeyState;
  state: SandboxState;
  now: number;
}

export interface Route {
  method: 'GET' | 'POST';
  envelope: Envelope;
  /**
   * Refused with code 156 for keys whose owner has not passed real-name verification: the endpoints
   * whose codes the document lists with 156, every change and some reads (usage, packages, extraction,
   * the location lists, payment methods, the top-up bonus).
   */
  needsVerified?: boolean;
  handle(ctx: RouteContext): Outcome;
}

/** Endpoint paths below /api-gate-way/ with their routes, as each area lists its own. */
export type RouteTable = readonly (readonly [path: string, route: Route])[];

/** Business rejections (HTTP 200, code other than success). Codes and texts are the sandbox's choice. */
export const REJECTIONS = {
  accountExists: { code: 1001, message: '账户已存在' },
  accountNotFound: { code: 1002, message: '账户不存在' },
  regionUnsupported: { code: 1101, message: '暂不支持该国家或地区' },
  regionNoStock: { code: 1102, message: '该地区暂无可用IP' },
  productNotFound: { code: 2001, message: '套餐不存在' },
  paymentUnavailable: { code: 2002, message: '支付方式不可用' },
  amountOutOfRange: { code: 2003, message: '支付金额超出该支付方式的限额' },
  orderNotFound: { code: 2004, message: '订单不存在' },
  orderNotClosable: { code: 2005, message: '仅待支付的订单可以取消' },
  notOpen: { code: 403, message: '接口暂未开放' },
} as const;

export const ok = (data: unknown = null): Outcome => ({ kind: 'ok', data });
export const invalid = (checker: Checker): Outcome => ({ kind: 'invalid', errors: checker.errors });
export function reject(rejection: { code: number; message: string }, detail?: string): Outcome {
  return { kind: 'reject', code: rejection.code, message: detail ? `${rejection.message}：${detail}` : rejection.message };
}

/** Slices a list for page/size style pagination (out-of-range pages are simply empty). */
export function paginate<T>(items: readonly T[], page: number, size: number): { slice: T[]; totalPages: number } {
  return { slice: items.slice((page - 1) * size, page * size), totalPages: Math.ceil(items.length / size) };
}
