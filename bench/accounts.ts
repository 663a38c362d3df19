/**
 * Publish into target accounts: one AMI to 16 regions and 50 workload accounts, each with the
 * parameter in every region (and, second figure, each copying the AMI into itself), run as the
 * runner runs the action against the simulated AWS with EC2's request rates on. Figures measured in
 * this run: wall time over the critical path (the slowest region's copy, its sharing, then the
 * slowest target account's work in that region), AssumeRole calls per account, throttled calls.
 */
import { runAction } from '../scripts/lib/action-process.js';
import { simEnv } from '../scripts/lib/sim-env.js';
import type { CallLogEntry } from '../sim/index.js';
import { startSimulator } from '../sim/index.js';
import { REGIONS } from './publish.js';

/**
 * Time scale. The simulator runs AWS's durations (a region copy: about 12 minutes here) at a fraction
 * of real time, but the action's own work (start-up, about 1,700 plan reads across 800
 * account-regions, the parameter writes) takes real time, unscaled. At the scale the other sections
 * use (0.02) each real second of that work stands for 50 simulated seconds beside the copy, so the
 * ratio measures this machine's CPU more than the rollout; and 800 waiters polling at a scaled
 * interval ask 50 times AWS's request rate of the machine. The goal figure runs at 0.25 (a
 * 12-minute copy lasts 3 real minutes): closer to what a run against AWS sees, where the same fixed
 * work sits beside the full copy. The run at 0.02 is printed beside it, to show how much of the
 * wall time that fixed work is.
 */
const GOAL_SCALE = 0.25;
const FAST_SCALE = 0.02;
const COPY_SCALE = 0.1;

const SOURCE_AMI = 'ami-0acc0acc0acc0acc0';
const PIPELINE_ACCOUNT = '123456789012';
const ACCOUNTS = Array.from({ length: 50 }, (_, i) => String(300000000000 + i * 7919));

interface AccountsRun {
  wallSeconds: number;
  criticalSeconds: number;
  calls: CallLogEntry[];
  ok: boolean;
  log: string;
}

async function publishToAccounts(copy: boolean, timeScale: number): Promise<AccountsRun> {
  const simulator = await startSimulator({ port: 0, timeScale });
  try {
    simulator.sim.seed({
      ec2: {
        images: [
          {
            region: 'us-east-1',
            imageId: SOURCE_AMI,
            name: 'bench-app-2',
            ownerId: PIPELINE_ACCOUNT,
            public: false,
          },
        ],
      },
      sts: {
        roles: ACCOUNTS.map((account) => ({
          arn: `arn:aws:iam::${account}:role/ami-consumer`,
          trustedAccounts: [PIPELINE_ACCOUNT],
        })),
      },
    });
    const started = Date.now();
    const run = await runAction({
      inputs: {
        mode: 'publish',
        'ami-id': SOURCE_AMI,
        'copy-to-regions': REGIONS.slice(1).join(','),
        'target-accounts': ACCOUNTS.join(','),
        'target-role': 'arn:aws:iam::{account}:role/ami-consumer',
        'copy-into-accounts': String(copy),
        'ssm-parameter': '/golden/ami/app',
        tags: 'version=2.0.0',
        'poll-interval': `${10 * timeScale}s`,
      },
      env: simEnv(simulator.url),
      timeoutMs: 900_000,
    });
    const wallSeconds = (Date.now() - started) / 1000;
    const { calls, services } = simulator.sim.snapshot();
    const real = (ms: number) => (ms / 1000) * timeScale;
    // Per region: the copy (simulated), then its sharing calls; then per account in that region,
    // from its first call after the sharing to its last (its copy, the parameter): the longest chain.
    let criticalSeconds = 0;
    for (const region of REGIONS) {
      const images = Object.values<any>(services.ec2.regions[region]?.images ?? {});
      const own = images.find((image) => image.Name === 'bench-app-2' && image.ImageId !== SOURCE_AMI);
      const copySeconds = own ? real(Date.parse(own.availableAt) - Date.parse(own.createdAt)) : 0;
      const availableAt = own ? Date.parse(own.availableAt) : 0;
      const inRegion = calls.filter((c) => c.region === region && Date.parse(c.time) >= availableAt);
      const sharing = inRegion.filter(
        (c) => c.account === PIPELINE_ACCOUNT && !['DescribeImages', 'AssumeRole'].includes(c.operation),
      );
      const sharedAt = sharing.length ? Date.parse(sharing.at(-1)!.time) : availableAt;
      const sharingSeconds = sharing.length ? real(sharedAt - Date.parse(sharing[0].time)) : 0;
      let slowestTarget = 0;
      for (const account of ACCOUNTS) {
        const mine = inRegion.filter((c) => c.account === account && Date.parse(c.time) >= sharedAt);
        if (mine.length) {
          slowestTarget = Math.max(
            slowestTarget,
            real(Date.parse(mine.at(-1)!.time) - Date.parse(mine[0].time)),
          );
        }
      }
      criticalSeconds = Math.max(criticalSeconds, copySeconds + sharingSeconds + slowestTarget);
    }
    return { wallSeconds, criticalSeconds, calls, ok: run.exitCode === 0, log: run.log };
  } finally {
    await simulator.stop();
  }
}

const throttled = (calls: CallLogEntry[]) =>
  calls.filter((c) => /RequestLimitExceeded|Throttl/.test(c.outcome)).length;

export async function publishToTargetAccounts(): Promise<string[]> {
  const lines = [
    `## publish into target accounts: 1 AMI -> 16 regions x ${ACCOUNTS.length} accounts, parameter in each (poll-interval: the default 10 s, scaled)`,
  ];
  const runs: Array<{ copy: boolean; timeScale: number; goal: boolean }> = [
    { copy: false, timeScale: GOAL_SCALE, goal: true },
    { copy: false, timeScale: FAST_SCALE, goal: false },
    { copy: true, timeScale: COPY_SCALE, goal: false },
  ];
  for (const { copy, timeScale, goal } of runs) {
    const run = await publishToAccounts(copy, timeScale);
    const assumed = run.calls.filter((c) => c.operation === 'AssumeRole' && c.outcome === 'ok').length;
    const label = `${copy ? 'with copy-into-accounts' : 'shared AMI recorded'}, time scale ${timeScale}`;
    if (!run.ok) lines.push(`  ${label}: FAILED\n${run.log.slice(-3000)}`);
    const ratio = (run.wallSeconds / run.criticalSeconds).toFixed(2);
    lines.push(
      `  ${label}: wall ${run.wallSeconds.toFixed(1)} s, critical path ${run.criticalSeconds.toFixed(1)} s, wall / critical ${ratio}${goal ? ' (goal <= 1.05)' : ''}, ` +
        `fixed work ${(run.wallSeconds - run.criticalSeconds).toFixed(1)} s; ` +
        `AssumeRole ${assumed} for ${ACCOUNTS.length} accounts (goal: one each); ${run.calls.length} calls, ${throttled(run.calls)} throttled (goal 0)`,
    );
  }
  return lines;
}
