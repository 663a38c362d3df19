/**
 * Vitest wrapper around the in-process simulated AWS. Call `useSimulator()` at the top of a test
 * file: it starts a simulator on a free port before the file's tests and stops it after them.
 *
 *   const aws = useSimulator({ timeScale: 0.01 });
 *   beforeEach(() => aws.reset());
 *   const kms = new KMSClient(aws.sdkConfig('us-east-1'));
 *   expect((await aws.state()).calls).toHaveLength(1);
 *
 * Another account: `aws.sdkConfig('us-east-1', await aws.assumeRole(consumerRoleArn('210987654321')))`
 * signs with credentials AssumeRole issued, so the client acts in that account.
 */
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import type { CallLogEntry, Faults } from '../../sim/core/types.js';
import { type RunningSimulator, type StartOptions, startSimulator } from '../../sim/index.js';

export interface SimState {
  /** The default account; its slices are `services`. */
  accountId: string;
  time: string;
  timeScale: number;
  faults: Faults;
  services: Record<string, any>;
  /** Every other account's slices. */
  accounts: Record<string, { services: Record<string, any> }>;
  /** One call log for all accounts: each entry names its `account`. */
  calls: CallLogEntry[];
}

export interface SimCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface SimHandle {
  readonly url: string;
  readonly port: number;
  readonly running: RunningSimulator;
  /** The Simulator object itself (state, clock, register(model), ...). */
  readonly sim: RunningSimulator['sim'];
  /** Empty state, default scenario re-seeded (unless `empty`), calls and faults cleared. */
  reset(options?: { empty?: boolean }): Promise<void>;
  /** GET /_sim/state. */
  state(): Promise<SimState>;
  /** The call log, from GET /_sim/state. */
  calls(): Promise<CallLogEntry[]>;
  /** POST /_sim/faults (replaces the set; `{}` clears). */
  setFaults(faults: Faults): Promise<void>;
  /** POST /_sim/seed. */
  seed(scenario: Record<string, unknown>): Promise<void>;
  /** POST /_sim/clock: jumps simulated time forward. */
  advance(seconds: number): Promise<void>;
  /** POST /_sim/policy: enforce an IAM identity policy on every later call (`null` removes it). */
  policy(document: unknown): Promise<void>;
  /**
   * Config for a real SDK v3 client talking to this simulator; with `credentials` (from
   * `assumeRole`), its calls act in the role's account.
   */
  sdkConfig(
    region?: string,
    credentials?: SimCredentials,
  ): {
    region: string;
    endpoint: string;
    credentials: SimCredentials;
  };
  /** STS AssumeRole as the default identity (or `as`): the credentials it issues. */
  assumeRole(
    roleArn: string,
    options?: { externalId?: string; durationSeconds?: number; sessionName?: string; as?: SimCredentials },
  ): Promise<SimCredentials & { expiration: Date }>;
}

async function control(url: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

export function useSimulator(options: StartOptions = {}): SimHandle {
  let running: RunningSimulator | undefined;
  const need = () => {
    if (!running)
      throw new Error('simulator not started: call useSimulator() at the top level of the test file');
    return running;
  };
  beforeAll(async () => {
    running = await startSimulator({ port: 0, ...options });
  });
  afterAll(async () => {
    await running?.stop();
    running = undefined;
  });
  return {
    get url() {
      return need().url;
    },
    get port() {
      return need().port;
    },
    get running() {
      return need();
    },
    get sim() {
      return need().sim;
    },
    async reset({ empty = false } = {}) {
      await control(need().url, 'POST', `/_sim/reset${empty ? '?empty=1' : ''}`);
    },
    state: () => control(need().url, 'GET', '/_sim/state'),
    calls: async () => (await control(need().url, 'GET', '/_sim/state')).calls,
    async setFaults(faults) {
      await control(need().url, 'POST', '/_sim/faults', faults);
    },
    async seed(scenario) {
      await control(need().url, 'POST', '/_sim/seed', scenario);
    },
    async advance(seconds) {
      await control(need().url, 'POST', '/_sim/clock', { advanceSeconds: seconds });
    },
    async policy(document) {
      await control(need().url, 'POST', '/_sim/policy', document ?? null);
    },
    sdkConfig(region = 'us-east-1', credentials = { accessKeyId: 'AKIDSIM', secretAccessKey: 'x' }) {
      return { region, endpoint: need().url, credentials };
    },
    async assumeRole(roleArn, options = {}) {
      const sts = new STSClient({ ...this.sdkConfig('us-east-1', options.as), maxAttempts: 1 });
      const { Credentials } = await sts.send(
        new AssumeRoleCommand({
          RoleArn: roleArn,
          RoleSessionName: options.sessionName ?? 'sim-test',
          ExternalId: options.externalId,
          DurationSeconds: options.durationSeconds,
        }),
      );
      return {
        accessKeyId: Credentials!.AccessKeyId!,
        secretAccessKey: Credentials!.SecretAccessKey!,
        sessionToken: Credentials!.SessionToken,
        expiration: Credentials!.Expiration!,
      };
    },
  };
}

/** The error a call is expected to fail with (the test fails if it succeeds). */
export async function failure(promise: Promise<unknown>): Promise<any> {
  const error = await promise.then(
    () => undefined,
    (e) => e,
  );
  expect(error, 'the call should have failed').toBeDefined();
  return error;
}

/**
 * A simulator for the action's own modules imported into the test process: their clients take the
 * endpoint and keys from the environment, as in the action. Reset before each test.
 */
export function useSimulatorInProcess(options: StartOptions = {}): SimHandle {
  const aws = useSimulator(options);
  const saved = { ...process.env };
  beforeAll(() => {
    Object.assign(process.env, {
      AWS_ENDPOINT_URL: aws.url,
      AWS_ACCESS_KEY_ID: 'AKIDSIM',
      AWS_SECRET_ACCESS_KEY: 'x',
    });
  });
  afterAll(() => {
    process.env = saved;
  });
  beforeEach(() => aws.reset());
  return aws;
}
