/** What a promise was rejected with, for the tests that expect a failure. */
import { expect } from 'vitest';

/** Awaits `promise` and returns what it rejected with, failing the test if it resolved instead. */
export function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value: unknown) => expect.fail(`expected a rejection, got a success: ${JSON.stringify(value)?.slice(0, 200)}`),
    (error: unknown) => error,
  );
}

/** Awaits `promise` and returns what it rejected with, failing the test unless that is an `ErrorClass`. */
export async function rejectedWith<E>(promise: Promise<unknown>, ErrorClass: abstract new (...args: never[]) => E): Promise<E> {
  const reason = await rejectionOf(promise);
  expect(reason).toBeInstanceOf(ErrorClass);
  return reason as E;
}
