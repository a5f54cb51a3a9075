// `npm run sandbox [-- --port N --gateway-port N --accounts N --seed N]`: runs the sandbox API and its
// gateway (a local authenticating proxy for the demo key's accounts) until Ctrl-C.
import { parseArgs } from 'node:util';
import { EXIT_ECHO_HOST, startGateway } from './gateway.ts';
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
    'gateway-port': { type: 'string' },
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
console.log(`  unverified key: ${sandbox.unverifiedKey}  (code 156 on account changes, usage, packages, extraction, locations, payment methods and the top-up bonus)`);
console.log(`  control:        POST ${sandbox.url}/__sandbox/fault | /__sandbox/reset, GET /__sandbox/requests`);
const gateway = await startGateway(sandbox.state.getKey(sandbox.demoKey)!, { port: integerFlag(values['gateway-port'], 'gateway-port', 2600) });
console.log(`  gateway:        ${gateway.host}:${gateway.port}  (HTTP proxy for the demo key's accounts; exit check: http://${EXIT_ECHO_HOST}/)`);
console.log('Press Ctrl-C to stop.');

const stop = (): void => {
  Promise.all([sandbox.close(), gateway.close()]).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
