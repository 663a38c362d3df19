/**
 * `npm run sim -- --port <n> [--time-scale <f>] [--empty] [--no-rate-limits]`: serves the simulated AWS on 127.0.0.1
 * until killed, and prints one line once it listens.
 */
import { parseArgs } from 'node:util';
import { loadSchemas, serviceInfo } from './core/schemas.js';
import { startSimulator } from './index.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4566' },
    'time-scale': { type: 'string', default: '1' },
    empty: { type: 'boolean', default: false },
    'no-rate-limits': { type: 'boolean', default: false },
  },
});

const port = Number(values.port);
const timeScale = Number(values['time-scale']);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be an integer from 0 to 65535, got ${values.port}`);
  process.exit(2);
}
if (!(timeScale > 0)) {
  console.error(`--time-scale must be a number > 0, got ${values['time-scale']}`);
  process.exit(2);
}

const running = await startSimulator({
  port,
  timeScale,
  seedDefault: !values.empty,
  rateLimits: !values['no-rate-limits'],
});
console.log(`ami-action simulated AWS listening on ${running.url} (time scale ${timeScale})`);

// Warm the SDK schema modules in the background so the first call of each service is fast.
setTimeout(() => {
  for (const name of Object.keys(serviceInfo)) void loadSchemas(name);
}, 0);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void running.stop().finally(() => process.exit(0));
  });
}
