/**
 * Release lead time (#23): from the end of bake to the last region shared and recorded, with a
 * simulated test of T seconds and region copies of C (the simulator's CopyImage time), for T < C and
 * T > C. In parallel (publish with wait-for-test beside the test) the goal is max(T, C) x 1.05 plus one
 * poll interval; the sequential figure (publish after the test) is measured in the same run beside it.
 */
import { CreateTagsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { runAction } from '../scripts/lib/action-process.js';
import { simEnv } from '../scripts/lib/sim-env.js';
import { DURATIONS } from '../sim/core/time.js';
import { startSimulator } from '../sim/index.js';
import { POLL_INTERVAL_SECONDS, TIME_SCALE } from './scale.js';

const SOURCE_AMI = 'ami-0eadeadeadeadeade';
const COPY_SECONDS = DURATIONS.copyImageSeconds * TIME_SCALE;

async function leadTime(testSeconds: number, parallel: boolean): Promise<{ seconds: number; ok: boolean }> {
  const simulator = await startSimulator({ port: 0, timeScale: TIME_SCALE });
  try {
    simulator.sim.seed({
      ec2: {
        images: [
          {
            region: 'us-east-1',
            imageId: SOURCE_AMI,
            name: 'lead-1',
            ownerId: '123456789012',
            public: false,
          },
        ],
      },
    });
    // What mode test does at its end.
    const ec2 = new EC2Client({
      region: 'us-east-1',
      endpoint: simulator.url,
      credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
    });
    const tagPassed = () =>
      ec2.send(
        new CreateTagsCommand({
          Resources: [SOURCE_AMI],
          Tags: [{ Key: 'ami-action:test', Value: 'passed' }],
        }),
      );
    const publish = () =>
      runAction({
        inputs: {
          mode: 'publish',
          'ami-id': SOURCE_AMI,
          'require-test': 'true',
          ...(parallel ? { 'wait-for-test': 'true' } : {}),
          'copy-to-regions': 'eu-west-1,us-west-2,ap-southeast-2',
          'share-with-accounts': '111122223333',
          'ssm-parameter': '/lead/ami',
          'poll-interval': `${POLL_INTERVAL_SECONDS}s`,
        },
        env: simEnv(simulator.url),
        timeoutMs: 600_000,
      });
    const started = Date.now();
    const test = new Promise<void>((resolve) =>
      setTimeout(async () => {
        await tagPassed();
        resolve();
      }, testSeconds * 1000),
    );
    let run: Awaited<ReturnType<typeof publish>>;
    if (parallel) [run] = await Promise.all([publish(), test]);
    else {
      await test;
      run = await publish();
    }
    return { seconds: (Date.now() - started) / 1000, ok: run.exitCode === 0 };
  } finally {
    await simulator.stop();
  }
}

export async function releaseLeadTime(): Promise<string[]> {
  const lines = [
    `## release lead time: end of bake -> last region shared and recorded (copies C = ${COPY_SECONDS.toFixed(1)} s, poll-interval ${POLL_INTERVAL_SECONDS}s)`,
  ];
  for (const testSeconds of [COPY_SECONDS / 2, COPY_SECONDS * 1.5]) {
    const parallel = await leadTime(testSeconds, true);
    const sequential = await leadTime(testSeconds, false);
    const goal = Math.max(testSeconds, COPY_SECONDS) * 1.05 + POLL_INTERVAL_SECONDS;
    lines.push(
      `  test T = ${testSeconds.toFixed(1)} s (${testSeconds < COPY_SECONDS ? 'T < C' : 'T > C'}): lead time ${parallel.seconds.toFixed(1)} s ` +
        `(goal <= max(T, C) x 1.05 + poll = ${goal.toFixed(1)} s)${parallel.ok ? '' : ' — FAILED'}; ` +
        `sequential ${sequential.seconds.toFixed(1)} s${sequential.ok ? '' : ' — FAILED'}`,
    );
  }
  return lines;
}
