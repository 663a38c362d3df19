/**
 * What deploy reads of a group beyond its own settings, past one page each, through the real SDK
 * clients against the simulator: the scheduled actions (pages of 100) and traffic sources (pages of
 * 50) blue-green copies, and the warm pool's instances (pages of 50) a refresh may leave behind; and
 * how the scheduled actions of a kept group are removed (BatchDeleteScheduledAction's refusals).
 */
import {
  AttachTrafficSourcesCommand,
  AutoScalingClient,
  DescribeAutoScalingGroupsCommand,
  PutScheduledUpdateGroupActionCommand,
  PutWarmPoolCommand,
  UpdateAutoScalingGroupCommand,
} from '@aws-sdk/client-auto-scaling';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readExtras, removeExtras } from '../../src/rollout/blue-green/extras.js';
import { leftovers } from '../../src/rollout/leftovers.js';
import { useSimulatorInProcess } from '../helpers/sim.js';

const aws = useSimulatorInProcess({ timeScale: 0.001 });

const asg = () => new AutoScalingClient(aws.sdkConfig());
const lattice = (k: number) =>
  `arn:aws:vpc-lattice:us-east-1:123456789012:targetgroup/tg-${k.toString(16).padStart(17, '0')}`;

async function group() {
  const out = await asg().send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: ['demo-app'] }));
  return out.AutoScalingGroups![0];
}

/** How many calls of an operation the simulator answered. */
async function pages(operation: string): Promise<number> {
  return (await aws.calls()).filter((c) => c.operation === operation && c.outcome === 'ok').length;
}

describe("a group's scheduled actions, traffic sources and warm pool instances", () => {
  it('are read past the first page', async () => {
    const start = new Date(Date.parse((await aws.state()).time) + 86_400_000);
    for (let k = 0; k < 120; k++) {
      await asg().send(
        new PutScheduledUpdateGroupActionCommand({
          AutoScalingGroupName: 'demo-app',
          ScheduledActionName: `action-${String(k).padStart(3, '0')}`,
          Recurrence: '0 22 * * *',
          DesiredCapacity: 2,
          StartTime: start,
        }),
      );
    }
    for (let k = 0; k < 60; k += 10) {
      await asg().send(
        new AttachTrafficSourcesCommand({
          AutoScalingGroupName: 'demo-app',
          TrafficSources: Array.from({ length: 10 }, (_, j) => ({
            Identifier: lattice(k + j + 1),
            Type: 'vpc-lattice',
          })),
        }),
      );
    }
    await asg().send(new UpdateAutoScalingGroupCommand({ AutoScalingGroupName: 'demo-app', MaxSize: 80 }));
    await asg().send(
      new PutWarmPoolCommand({
        AutoScalingGroupName: 'demo-app',
        MinSize: 55,
        MaxGroupPreparedCapacity: 55,
        PoolState: 'Stopped',
      }),
    );
    const before = {
      actions: await pages('DescribeScheduledActions'),
      sources: await pages('DescribeTrafficSources'),
    };

    const extras = await readExtras('us-east-1', await group());
    expect(extras.scheduledActions).toHaveLength(120);
    expect(new Set(extras.scheduledActions.map((a) => a.ScheduledActionName)).size).toBe(120);
    expect(extras.trafficSources.map((t) => t.Identifier).sort()).toEqual(
      Array.from({ length: 60 }, (_, k) => lattice(k + 1)).sort(),
    );
    expect((await pages('DescribeScheduledActions')) - before.actions).toBe(2);
    expect((await pages('DescribeTrafficSources')) - before.sources).toBe(2);

    // Every warm instance runs the group's AMI: a refresh to another one would leave all 55.
    const pool = await pages('DescribeWarmPool');
    const left = await leftovers('us-east-1', 'demo-app', new Set(['ami-0ffffffffffffffff']), {
      members: false,
      warm: true,
    });
    expect(left.warm).toHaveLength(55);
    expect(new Set(left.warm).size).toBe(55);
    expect((await pages('DescribeWarmPool')) - pool).toBe(2);
  }, 60_000);
});

describe('removing scheduled actions from a group', () => {
  async function seed(names: string[]) {
    for (const name of names) {
      await asg().send(
        new PutScheduledUpdateGroupActionCommand({
          AutoScalingGroupName: 'demo-app',
          ScheduledActionName: name,
          Recurrence: '0 22 * * *',
          DesiredCapacity: 2,
        }),
      );
    }
  }
  const remove = (scheduledActions: string[]) =>
    removeExtras('us-east-1', 'demo-app', { warmPool: false, scheduledActions, trafficSources: [] });
  const left = async () =>
    (await readExtras('us-east-1', await group())).scheduledActions.map((a) => a.ScheduledActionName);

  it('one already gone is no error (AWS refuses it; read back, it is not there)', async () => {
    await seed(['a', 'b']);
    expect(await remove(['a', 'gone', 'b'])).toEqual(['3 scheduled action(s) deleted']);
    expect(await left()).toEqual([]);
  });

  it('one AWS refuses and keeps fails the removal, naming it with its code and message', async () => {
    await seed(['a', 'b', 'c']);
    await aws.setFaults({
      scheduledActionFailures: [{ pattern: '^b$', code: 'ResourceContention', message: 'pending\nupdate' }],
    });
    await expect(remove(['a', 'b', 'c'])).rejects.toThrow(
      "'demo-app': AWS refused to delete 1 scheduled action(s) (BatchDeleteScheduledAction): b (ResourceContention: pending ⏎ update).",
    );
    expect(await left()).toEqual(['b']);
  });
});
