/**
 * Cold start of `node dist/index.js`, up to the moment it would make its first AWS call, beside bare
 * `node -e 0` measured in the same run. The action is started with an input error so it exits right
 * after reading its inputs and loading its entry module: what every step pays before any work.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const ENTRY = resolve(import.meta.dirname, '../dist/index.js');
const RUNS = 25;

function medianMs(args: string[], env: NodeJS.ProcessEnv): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = process.hrtime.bigint();
    spawnSync(process.execPath, args, { env, stdio: 'ignore' });
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

export async function coldStart(): Promise<string[]> {
  const env = {
    PATH: process.env.PATH,
    INPUT_MODE: 'bake',
    'INPUT_DRY-RUN': 'maybe',
    AWS_REGION: 'us-east-1',
  };
  const bare = medianMs(['-e', '0'], env);
  const action = medianMs([ENTRY], env);
  return [
    `## cold start (median of ${RUNS} runs, ${process.version})`,
    `bare node -e 0:            ${bare.toFixed(1)} ms`,
    `node dist/index.js:        ${action.toFixed(1)} ms  (inputs read and rejected, no AWS call)`,
    `action over bare node:     +${(action - bare).toFixed(1)} ms (${(action / bare).toFixed(2)}x)`,
  ];
}
