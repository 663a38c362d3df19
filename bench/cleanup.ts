/**
 * Cleanup at scale: the account's AMIs (500, then 1,500) with launch templates, instances and image
 * parameters keeping most of them, a fifth of the rest retired; the dry run, then the removal, as the
 * runner runs the action against the simulated AWS with EC2's token buckets at their defaults. Printed:
 * wall time, calls by operation (they should grow with pages and candidates, not with AMIs times
 * rules), and throttled calls (goal 0: the action paces itself).
 */
import { runAction } from '../scripts/lib/action-process.js';
import { simEnv } from '../scripts/lib/sim-env.js';
import type { CallLogEntry } from '../sim/index.js';
import { startSimulator } from '../sim/index.js';
import { stableId } from '../sim/services/ec2/ids.js';

const REGION = 'us-east-1';
const ACCOUNT = '123456789012';

interface Run {
  wallSeconds: number;
  calls: CallLogEntry[];
  ok: boolean;
  removed: number;
}

/** `amis` AMIs: a seventh named by launch templates, a seventh by parameters, the newest two thirds kept by keep-latest. */
async function cleanup(amis: number): Promise<{ plan: Run; removal: Run }> {
  const simulator = await startSimulator({ port: 0, timeScale: 0.001 });
  try {
    const amiId = (n: number) => stableId('ami', REGION, `bench-${n}`);
    const templates = Math.floor(amis / 7);
    const parameters = Math.floor(amis / 7);
    simulator.sim.seed({
      ec2: {
        images: Array.from({ length: amis }, (_, n) => ({
          region: REGION,
          imageId: amiId(n),
          name: `bench-${String(n).padStart(5, '0')}`,
          ownerId: ACCOUNT,
          public: false,
          creationDate: new Date(Date.UTC(2025, 0, 1) + n * 60_000).toISOString(),
        })),
      },
      autoscaling: {
        launchTemplates: Array.from({ length: templates }, (_, t) => ({
          region: REGION,
          name: `bench-${t}`,
          imageId: amiId(t),
        })),
      },
      ssm: {
        parameters: Array.from({ length: parameters }, (_, k) => ({
          region: REGION,
          name: `/bench/ami/${k}`,
          value: amiId(templates + k),
          dataType: 'aws:ec2:image',
        })),
      },
    });
    const inputs = {
      mode: 'cleanup',
      'name-prefix': 'bench-',
      'older-than': '30d',
      'keep-latest': String(Math.min(1000, Math.floor((amis * 2) / 3))),
    };
    const run = async (extra: Record<string, string>): Promise<Run> => {
      const from = simulator.sim.calls.length;
      const started = Date.now();
      const result = await runAction({
        inputs: { ...inputs, ...extra },
        env: simEnv(simulator.url),
        timeoutMs: 600_000,
      });
      return {
        wallSeconds: (Date.now() - started) / 1000,
        calls: simulator.sim.calls.slice(from),
        ok: result.exitCode === 0,
        removed: result.outputs.removed ? JSON.parse(result.outputs.removed).length : 0,
      };
    };
    const plan = await run({});
    // Each run starts at full buckets, as a step after a pause would (100 describe tokens refill in 5 s).
    await new Promise((resolve) => setTimeout(resolve, 6000));
    return { plan, removal: await run({ 'dry-run': 'false' }) };
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

export async function cleanupAtScale(): Promise<string[]> {
  const lines = [
    '## cleanup at scale (EC2 token buckets at their defaults; the removal is paced at 5 mutating calls a second)',
  ];
  for (const amis of [500, 1500]) {
    const { plan, removal } = await cleanup(amis);
    for (const [what, run] of [
      ['dry run', plan],
      ['removal', removal],
    ] as const) {
      lines.push(
        `  ${amis} AMIs, ${what}: wall ${run.wallSeconds.toFixed(1)} s, ${run.removed} to retire, ${run.calls.length} calls, ${throttled(run.calls)} throttled (goal 0)${run.ok ? '' : ' — FAILED'}`,
        `      by operation: ${countBy(run.calls)}`,
      );
    }
  }
  return lines;
}
