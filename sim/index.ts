/**
 * In-process simulated AWS, for tests, benchmarks and the demo:
 *   const { url, sim, stop } = await startSimulator({ port: 0, timeScale: 0.01 });
 */
import { Simulator } from './core/simulator.js';
import type { ServiceModel } from './core/types.js';
import { defaultScenario } from './scenario.js';
import { createSimServer, listen } from './server.js';
import { serviceModels } from './services/index.js';

export interface StartOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Simulated seconds per real second = 1 / timeScale. Default 1. */
  timeScale?: number;
  /** Seed the default scenario at start and on reset (default true). */
  seedDefault?: boolean;
  /** Models to serve instead of the registry's (tests register throwaway models this way). */
  models?: ServiceModel[];
  /** EC2's request token buckets (default true). */
  rateLimits?: boolean;
}

export interface RunningSimulator {
  url: string;
  port: number;
  sim: Simulator;
  stop(): Promise<void>;
}

export async function startSimulator(options: StartOptions = {}): Promise<RunningSimulator> {
  const sim = new Simulator({
    timeScale: options.timeScale ?? 1,
    models: options.models ?? serviceModels,
    defaultScenario: options.seedDefault === false ? undefined : defaultScenario,
    rateLimits: options.rateLimits,
  });
  const server = createSimServer(sim);
  const port = await listen(server, options.port ?? 0);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    sim,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

export { DEFAULT_ACCOUNT_ID } from './core/accounts.js';
export { Simulator } from './core/simulator.js';
export type { CallLogEntry, Faults, ServiceModel, SimulatorApi } from './core/types.js';
export { AwsError } from './core/types.js';
export { defaultScenario } from './scenario.js';
export { CONSUMER_ROLE, consumerRoleArn, WORKLOAD_ACCOUNTS } from './services/sts/scenario.js';
