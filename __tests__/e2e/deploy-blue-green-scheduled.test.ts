/**
 * Blue-green with a group's scheduled actions at scale: 120 (a group may hold 125) are copied onto the
 * new group 50 a call (BatchPutScheduledUpdateGroupAction) and removed from a kept group 50 a call
 * (BatchDeleteScheduledAction), every field carried; an action AWS refuses in a batch (the call
 * itself succeeds) fails the step naming it with AWS's code and message, and the undo leaves nothing
 * behind: the new group deleted, or a rollback's kept group stripped again, 50 a call.
 */

import {
  DescribeScheduledActionsCommand,
  PutScheduledUpdateGroupActionCommand,
  type ScheduledUpdateGroupAction,
} from '@aws-sdk/client-auto-scaling';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CallLogEntry } from '../../sim/core/types.js';
import { blueGreenWorld } from '../helpers/blue-green.js';
import { runAgainst } from '../helpers/e2e.js';
import { useSimulator } from '../helpers/sim.js';

// 200 simulated seconds per real second.
const aws = useSimulator({ timeScale: 0.005 });
beforeEach(() => aws.reset());
const { asg, newAmi, groupNames, group, locks } = blueGreenWorld(aws, 'e');
const RUN = { GITHUB_RUN_ID: '5151', GITHUB_RUN_ATTEMPT: '1' };
const COUNT = 120;
const DAY = 86_400_000;

const nameOf = (k: number) => `action-${String(k).padStart(3, '0')}`;

function deploy(ami: string, inputs: Record<string, string> = {}) {
  return runAgainst(aws, {
    inputs: {
      mode: 'deploy',
      'ami-id': ami,
      asg: 'demo-app',
      strategy: 'blue-green',
      'instance-warmup': '60s',
      ...inputs,
    },
    env: RUN,
  });
}

/**
 * 120 scheduled actions on demo-app, three kinds: recurring with a start and end ahead and a time
 * zone; one-time ahead; recurring from now (AWS keeps the time of the call as its start).
 */
async function seedActions(): Promise<void> {
  const now = Date.parse((await aws.state()).time);
  for (let k = 0; k < COUNT; k++) {
    const kind = k % 3;
    await asg().send(
      new PutScheduledUpdateGroupActionCommand({
        AutoScalingGroupName: 'demo-app',
        ScheduledActionName: nameOf(k),
        ...(kind === 0
          ? {
              Recurrence: `${k % 60} 22 * * *`,
              StartTime: new Date(now + 30 * DAY + k * 60_000),
              EndTime: new Date(now + 90 * DAY),
              TimeZone: 'Europe/Paris',
              MinSize: 1,
              MaxSize: 8,
              DesiredCapacity: 2 + (k % 5),
            }
          : kind === 1
            ? { StartTime: new Date(now + 10 * DAY + k * 60_000), DesiredCapacity: 1 + (k % 4) }
            : { Recurrence: `${k % 60} 6 * * 1-5`, MinSize: k % 4, MaxSize: 10 }),
      }),
    );
  }
}

async function actionsOf(name: string): Promise<ScheduledUpdateGroupAction[]> {
  const out = await asg().send(
    new DescribeScheduledActionsCommand({ AutoScalingGroupName: name, MaxRecords: 100 }),
  );
  const all = [...out.ScheduledUpdateGroupActions!];
  let token = out.NextToken;
  while (token) {
    const next = await asg().send(
      new DescribeScheduledActionsCommand({ AutoScalingGroupName: name, MaxRecords: 100, NextToken: token }),
    );
    all.push(...next.ScheduledUpdateGroupActions!);
    token = next.NextToken;
  }
  return all.sort((a, b) => a.ScheduledActionName!.localeCompare(b.ScheduledActionName!));
}

/** What a copy must carry: every field, the start too where it was ahead (the others start at the copy). */
function carried(a: ScheduledUpdateGroupAction, k: number) {
  return {
    ScheduledActionName: a.ScheduledActionName,
    Recurrence: a.Recurrence,
    MinSize: a.MinSize,
    MaxSize: a.MaxSize,
    DesiredCapacity: a.DesiredCapacity,
    TimeZone: a.TimeZone,
    EndTime: a.EndTime?.toISOString(),
    StartTime: k % 3 === 2 ? 'at the copy' : a.StartTime?.toISOString(),
  };
}

/** The batch calls of a run: [group, actions in the call, outcome]. */
function batchCalls(calls: CallLogEntry[], operation: string) {
  return calls
    .filter((c) => c.operation === operation)
    .map((c) => {
      const input = c.input as {
        AutoScalingGroupName: string;
        ScheduledUpdateGroupActions?: unknown[];
        ScheduledActionNames?: unknown[];
      };
      return [
        input.AutoScalingGroupName,
        (input.ScheduledUpdateGroupActions ?? input.ScheduledActionNames)!.length,
        c.outcome,
      ];
    });
}

describe('blue-green of a group with 120 scheduled actions', () => {
  it('plans and makes 3 BatchPut calls onto the new group and 3 BatchDelete calls off the kept one; every field carried', async () => {
    await seedActions();
    const live = await actionsOf('demo-app');
    expect(live).toHaveLength(COUNT);
    const ami = await newAmi();

    const dry = await deploy(ami, { 'keep-old': '1h', 'dry-run': 'true' });
    expect(dry.exitCode).toBe(0);
    const planned = dry.log
      .split('\n')
      .filter((l) => /call autoscaling:Batch/.test(l))
      .map((l) => l.trim());
    expect(planned).toEqual([
      'would call autoscaling:BatchPutScheduledUpdateGroupAction demo-app-green: 50 scheduled action(s)',
      'would call autoscaling:BatchPutScheduledUpdateGroupAction demo-app-green: 50 scheduled action(s)',
      'would call autoscaling:BatchPutScheduledUpdateGroupAction demo-app-green: 20 scheduled action(s)',
      'would call autoscaling:BatchDeleteScheduledAction demo-app: 50 scheduled action(s)',
      'would call autoscaling:BatchDeleteScheduledAction demo-app: 50 scheduled action(s)',
      'would call autoscaling:BatchDeleteScheduledAction demo-app: 20 scheduled action(s)',
    ]);

    const seeded = (await aws.calls()).length;
    const run = await deploy(ami, { 'keep-old': '1h' });
    expect(run.errors).toEqual([]);
    expect(run.exitCode).toBe(0);
    const calls = (await aws.calls()).slice(seeded);
    expect(batchCalls(calls, 'BatchPutScheduledUpdateGroupAction')).toEqual([
      ['demo-app-green', 50, 'ok'],
      ['demo-app-green', 50, 'ok'],
      ['demo-app-green', 20, 'ok'],
    ]);
    expect(batchCalls(calls, 'BatchDeleteScheduledAction')).toEqual([
      ['demo-app', 50, 'ok'],
      ['demo-app', 50, 'ok'],
      ['demo-app', 20, 'ok'],
    ]);
    // Not one call per action any more (it was 120 + 120).
    expect(calls.filter((c) => /^(Put|Delete)Scheduled/.test(c.operation))).toEqual([]);

    const green = await actionsOf('demo-app-green');
    expect(green.map((a) => a.AutoScalingGroupName)).toEqual(Array(COUNT).fill('demo-app-green'));
    expect(green.map(carried)).toEqual(live.map(carried));
    expect(await actionsOf('demo-app')).toEqual([]);
    expect(await groupNames()).toEqual(['demo-app', 'demo-app-green']);
    expect(await locks()).toEqual({});
  }, 120_000);

  it('an action AWS refuses in the second batch fails the step naming it; the new group is deleted, nothing left', async () => {
    await seedActions();
    const live = await actionsOf('demo-app');
    await aws.setFaults({
      scheduledActionFailures: [
        {
          pattern: '^action-077$',
          operations: ['BatchPutScheduledUpdateGroupAction'],
          code: 'ValidationError',
          message: 'refused\n::warning::not from the action',
        },
      ],
    });
    const seeded = (await aws.calls()).length;
    const run = await deploy(await newAmi());
    expect(run.exitCode).toBe(1);
    expect(run.errors.join('\n')).toMatch(
      /'demo-app-green': AWS refused 1 scheduled action\(s\) copied from the live group \(BatchPutScheduledUpdateGroupAction\): action-077 \(ValidationError: refused ⏎ ::warning::not from the action\)/,
    );
    // AWS's text stayed inside the action's own line: the runner saw no warning of its making.
    expect(
      run.commands.annotations.filter((a) => a.message.includes('not from the action') && a.kind !== 'error'),
    ).toEqual([]);
    const calls = (await aws.calls()).slice(seeded);
    expect(batchCalls(calls, 'BatchPutScheduledUpdateGroupAction')).toEqual([
      ['demo-app-green', 50, 'ok'],
      ['demo-app-green', 50, 'ok'],
    ]);
    expect(
      calls
        .filter((c) => c.operation === 'DeleteAutoScalingGroup')
        .map((c) => (c.input as { AutoScalingGroupName: string }).AutoScalingGroupName),
    ).toEqual(['demo-app-green']);
    expect(await groupNames()).toEqual(['demo-app']);
    expect(await actionsOf('demo-app')).toEqual(live);
    expect((await group('demo-app')).DesiredCapacity).toBe(4);
    expect(await locks()).toEqual({});
  }, 120_000);

  it('a rollback whose copy is refused in the third batch strips the kept group again, 50 a call', async () => {
    await seedActions();
    const kept = await deploy(await newAmi(), { 'keep-old': '1h' });
    expect(kept.errors).toEqual([]);
    const serving = await actionsOf('demo-app-green');
    expect(serving).toHaveLength(COUNT);
    await aws.setFaults({
      scheduledActionFailures: [
        {
          pattern: '^action-110$',
          operations: ['BatchPutScheduledUpdateGroupAction'],
          code: 'LimitExceeded',
          message: 'too many',
        },
      ],
    });
    const before = (await aws.calls()).length;
    const back = await runAgainst(aws, {
      inputs: { mode: 'rollback', strategy: 'blue-green', asg: 'demo-app' },
      env: RUN,
    });
    expect(back.exitCode).toBe(1);
    expect(back.errors.join('\n')).toMatch(
      /'demo-app': AWS refused 1 scheduled action\(s\).*action-110 \(LimitExceeded: too many\)/,
    );
    const calls = (await aws.calls()).slice(before);
    expect(batchCalls(calls, 'BatchPutScheduledUpdateGroupAction')).toEqual([
      ['demo-app', 50, 'ok'],
      ['demo-app', 50, 'ok'],
      ['demo-app', 20, 'ok'],
    ]);
    // The undo takes off the 119 it wrote (not the refused one): 50, 50, 19.
    expect(batchCalls(calls, 'BatchDeleteScheduledAction')).toEqual([
      ['demo-app', 50, 'ok'],
      ['demo-app', 50, 'ok'],
      ['demo-app', 19, 'ok'],
    ]);
    expect(await actionsOf('demo-app')).toEqual([]);
    expect((await group('demo-app')).DesiredCapacity).toBe(0);
    expect(await actionsOf('demo-app-green')).toEqual(serving);
    expect(await locks()).toEqual({});
  }, 180_000);
});
