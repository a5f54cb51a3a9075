/**
 * A button's action against the background: whether it is running, and how it ended (the error as the
 * background worded it, or done), so every form shows progress, success and failure the same way.
 */
import { useCallback, useRef, useState } from 'preact/hooks';
import { asErrorAnswer } from './send-to-background.ts';
import type { ErrorAnswer } from '../shared/storage-keys.ts';

/** What an action shows. */
export interface ActionState {
  pending: boolean;
  error?: ErrorAnswer;
  /** The last run succeeded (cleared when the next one starts). */
  done: boolean;
}

/**
 * `run(task)` runs the task unless one is already running (a double click sends once), and resolves
 * with its result, or undefined when it failed (the failure is in `error`).
 */
export function useAction(): ActionState & { run<T>(task: () => Promise<T>): Promise<T | undefined>; reset(): void } {
  const [state, setState] = useState<ActionState>({ pending: false, done: false });
  const running = useRef(false);
  const run = useCallback(async <T,>(task: () => Promise<T>): Promise<T | undefined> => {
    if (running.current) return undefined;
    running.current = true;
    setState({ pending: true, done: false });
    try {
      const result = await task();
      setState({ pending: false, done: true });
      return result;
    } catch (error) {
      setState({ pending: false, done: false, error: asErrorAnswer(error) });
      return undefined;
    } finally {
      running.current = false;
    }
  }, []);
  const reset = useCallback(() => setState({ pending: false, done: false }), []);
  return { ...state, run, reset };
}
