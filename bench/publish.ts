/**
 * Publish fan-out: one AMI to 1, 4 and 16 regions, shared with 50 accounts and 2 OUs, run as the
 * runner runs the action, against the simulated AWS (EC2's token buckets on). Each figure is a ratio
 * measured in this run: wall time over the critical path (the slowest region's simulated copy), API
 * calls by operation, throttled calls; then the same 16-region publish under a 30% throttling fault
 * over the unthrottled time; and detection lag: how long after an image became available the action
 * saw it, as a fraction of poll-interval.
 */
import { runAction } from '../scripts/lib/action-process.js';
import { simEnv } from '../scripts/lib/sim-env.js';
import type { CallLogEntry } from '../sim/index.js';
import { startSimulator } from '../sim/index.js';
import { POLL_INTERVAL_SECONDS, TIME_SCALE } from './scale.js';

const SOURCE_AMI = 'ami-0be0c0be0c0be0c0b';
export const REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-central-1',
  'eu-north-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-south-1',
  'ca-central-1',
  'sa-east-1',
];
const ACCOUNTS = Array.from({ length: 50 }, (_, i) => String(100000000000 + i * 7919));
const OUS = [
  'arn:aws:organizations::123456789012:ou/o-exampleorgid/ou-ab12-cdef3456',
  'arn:aws:organizations::123456789012:ou/o-exampleorgid/ou-ab12-cdef7890',
];

interface PublishRun {
  regions: number;
  wallSeconds: number;
  criticalSeconds: number;
  calls: CallLogEntry[];
  lagFractions: number[];
  ok: boolean;
  log: string;
}

async function publish(regions: number, faults: Record<string, unknown> = {}): Promise<PublishRun> {
  const simulator = await startSimulator({ port: 0, timeScale: TIME_SCALE });
  try {
    simulator.sim.seed({
      ec2: {
        images: [
          {
            region: 'us-east-1',
            imageId: SOURCE_AMI,
            name: 'bench-app-1',
            ownerId: '123456789012',
            public: false,
          },
        ],
      },
    });
    simulator.sim.setFaults(faults);
    const started = Date.now();
    const run = await runAction({
      inputs: {
        mode: 'publish',
        'ami-id': SOURCE_AMI,
        'copy-to-regions': REGIONS.slice(1, regions).join(','),
        'share-with-accounts': ACCOUNTS.join(','),
        'share-with-ous': OUS.join(','),
        'poll-interval': `${POLL_INTERVAL_SECONDS}s`,
      },
      env: simEnv(simulator.url),
      timeoutMs: 600_000,
    });
    const wallSeconds = (Date.now() - started) / 1000;
    const { calls, services } = simulator.sim.snapshot();
    // What no publish can beat, in real seconds: the slowest region's copy plus its sharing calls
    // (the first to the last call after that region's copy became available).
    let criticalSeconds = 0;
    const lagFractions: number[] = [];
    for (const region of REGIONS.slice(1, regions)) {
      const images = Object.values<any>(services.ec2.regions[region]?.images ?? {});
      const copy = images.find((image) => image.Name === 'bench-app-1');
      if (!copy) continue;
      const availableAt = Date.parse(copy.availableAt);
      const after = calls.filter((c) => c.region === region && Date.parse(c.time) >= availableAt);
      const sharing = after.filter((c) => c.operation !== 'DescribeImages');
      const sharingSeconds = sharing.length
        ? ((Date.parse(sharing.at(-1)!.time) - Date.parse(sharing[0].time)) / 1000) * TIME_SCALE
        : 0;
      criticalSeconds = Math.max(
        criticalSeconds,
        ((availableAt - Date.parse(copy.createdAt)) / 1000) * TIME_SCALE + sharingSeconds,
      );
      const seen = after.find((c) => c.operation === 'DescribeImages');
      if (seen)
        lagFractions.push(
          (((Date.parse(seen.time) - availableAt) / 1000) * TIME_SCALE) / POLL_INTERVAL_SECONDS,
        );
    }
    return {
      regions,
      wallSeconds,
      criticalSeconds,
      calls,
      lagFractions,
      ok: run.exitCode === 0,
      log: run.log,
    };
  } finally {
    await simulator.stop();
  }
}

function countBy(calls: CallLogEntry[]): string {
  const counts = new Map<string, number>();
  for (const call of calls) counts.set(call.operation, (counts.get(call.operation) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([op, n]) => `${op} ${n}`)
    .join(', ');
}

const throttled = (calls: CallLogEntry[]) =>
  calls.filter((c) => /RequestLimitExceeded|Throttl/.test(c.outcome)).length;

export async function publishFanout(): Promise<string[]> {
  const lines = [
    `## publish fan-out: 1 AMI -> N regions, 50 accounts + 2 OUs (time scale ${TIME_SCALE}, poll-interval ${POLL_INTERVAL_SECONDS}s)`,
  ];
  const runs: PublishRun[] = [];
  for (const regions of [1, 4, 16]) {
    const run = await publish(regions);
    runs.push(run);
    if (!run.ok) lines.push(`  ${regions} region(s): FAILED\n${run.log.slice(-2000)}`);
    const critical = run.criticalSeconds || 0;
    const perRegion = (run.calls.length / regions).toFixed(1);
    lines.push(
      `  ${String(regions).padStart(2)} region(s): wall ${run.wallSeconds.toFixed(1)} s, critical path ${critical.toFixed(1)} s` +
        `${critical ? `, wall / critical ${(run.wallSeconds / critical).toFixed(2)} (goal <= 1.05)` : ''}; ` +
        `${run.calls.length} calls (${perRegion} a region), ${throttled(run.calls)} throttled (goal 0)`,
      `      by operation: ${countBy(run.calls)}`,
    );
  }
  const base = runs.at(-1) as PublishRun;
  const faulty = await publish(16, { seed: 7, throttle: { rate: 0.3 } });
  lines.push(
    `  16 regions under a 30% throttling fault: wall ${faulty.wallSeconds.toFixed(1)} s, / unthrottled ${(faulty.wallSeconds / base.wallSeconds).toFixed(2)} (goal <= 1.3); ` +
      `${throttled(faulty.calls)} of ${faulty.calls.length} calls throttled${faulty.ok ? '' : ' — FAILED'}`,
  );
  const lags = [...base.lagFractions].sort((a, b) => a - b);
  if (lags.length) {
    lines.push(
      `  detection lag (available -> first describe that saw it), fraction of poll-interval: median ${lags[Math.floor(lags.length / 2)].toFixed(2)}, max ${lags.at(-1)?.toFixed(2)} (goal <= 1)`,
    );
  }
  return lines;
}
