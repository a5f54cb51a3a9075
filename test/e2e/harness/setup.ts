/** Runs before each e2e file (vitest.config.ts): the file waits for its turn before its own hooks, and ends it after them. */
import { afterAll, beforeAll, inject } from 'vitest';
import { endTurn, takeTurn } from './turns.ts';

/** A turn may wait for the longest file of the other process to end. */
const TURN_TIMEOUT_MS = 600_000;

beforeAll(() => takeTurn(inject('e2eTurnsDir')), TURN_TIMEOUT_MS);
afterAll(() => endTurn(inject('e2eTurnsDir')));
