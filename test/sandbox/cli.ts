// `npm run sandbox [-- --port N --accounts N --seed N]`: runs the sandbox API until Ctrl-C.
import { parseArgs } from 'node:util';
import { startSandbox } from './server.ts';

function integerFlag(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) {
    console.error(`--${name} must be a non-negative integer, got "${value}"`);
    process.exit(2);
  }
  return parsed;
}

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    accounts: { type: 'string' },
    seed: { type: 'string' },
  },
});

const sandbox = await startSandbox({
  port: integerFlag(values.port, 'port', 8911),
  accounts: integerFlag(values.accounts, 'accounts', 25),
  seed: integerFlag(values.seed, 'seed', 911),
});

console.log(`911Proxy sandbox API listening on ${sandbox.url}`);
console.log(`  API base:       ${sandbox.url}/api-gate-way/`);
console.log(`  demo key:       ${sandbox.demoKey}`);
console.log(`  unverified key: ${sandbox.unverifiedKey}  (code 156 on account changes and ip/v3)`);
console.log(`  control:        POST ${sandbox.url}/__sandbox/fault | /__sandbox/reset, GET /__sandbox/requests`);
console.log('Press Ctrl-C to stop.');

const stop = (): void => {
  sandbox.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
