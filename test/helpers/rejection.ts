/** What a promise was rejected with, for the helpers that expect a given kind of error. */
import { expect } from 'vitest';

/** Awaits `promise` and returns what it rejected with, failing the test unless that is an `ErrorClass`. */
export async function rejectedWith<E>(promise: Promise<unknown>, ErrorClass: abstract new (...args: never[]) => E): Promise<E> {
  const reason: unknown = await promise.then(
    (value: unknown) => expect.fail(`expected a rejection with ${ErrorClass.name}, got a success: ${JSON.stringify(value)?.slice(0, 200)}`),
    (error: unknown) => error,
  );
  expect(reason).toBeInstanceOf(ErrorClass);
  return reason as E;
}
