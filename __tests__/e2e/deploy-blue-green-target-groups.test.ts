/**
 * Blue-green with more target groups than one Attach/DetachLoadBalancerTargetGroups call takes (10):
 * every attach and detach goes 10 a call, in the plan and in what apply does.
 */
import { AttachLoadBalancerTargetGroupsCommand } from '@aws-sdk/client-auto-scaling';
import { CreateTargetGroupCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CallLogEntry } from '../../sim/core/types.js';
import { DEFAULT_BASE_AMI_ID } from '../../sim/services/ec2/scenario.js';
import { blueGreenWorld } from '../helpers/blue-green.js';
import { runAgainst } from '../helpers/e2e.js';
import { useSimulator } from '../helpers/sim.js';

// 200 simulated seconds per real second.
const aws = useSimulator({ timeScale: 0.005 });
beforeEach(() => aws.reset());
const { asg, elb, newAmi, group, groupNames, targetGroupArn, registered, locks } = blueGreenWorld(aws, 'a');

function run(inputs: Record<string, string>) {
  return runAgainst(aws, {
    inputs: { strategy: 'blue-green', asg: 'demo-app', 'poll-interval': '1s', ...inputs },
  });
}

/** demo-app in 12 target groups: the scenario's demo-app and 11 more. */
async function twelveTargetGroups(): Promise<string[]> {
  const more: string[] = [];
  for (let n = 1; n <= 11; n++) {
    const out = await elb().send(new CreateTargetGroupCommand({ Name: `extra-${n}`, Port: 80 }));
    more.push(out.TargetGroups![0].TargetGroupArn!);
  }
  for (const batch of [more.slice(0, 10), more.slice(10)]) {
    await asg().send(
      new AttachLoadBalancerTargetGroupsCommand({ AutoScalingGroupName: 'demo-app', TargetGroupARNs: batch }),
    );
  }
  return [await targetGroupArn('demo-app'), ...more];
}

/** [group, how many target groups] of each call of `operation`, with its outcome. */
function targetGroupCalls(calls: CallLogEntry[], operation: string) {
  return calls
    .filter((c) => c.operation === operation)
    .map((c) => {
      const input = c.input as { AutoScalingGroupName: string; TargetGroupARNs: string[] };
      return [input.AutoScalingGroupName, input.TargetGroupARNs.length, c.outcome];
    });
}

describe('blue-green of a group in 12 target groups', () => {
  it('deploys (the old group leaves them 10 a call), rolls back (the kept group rejoins them 10 a call), deploys into the group left', async () => {
    const arns = await twelveTargetGroups();
    const sorted = [...arns].sort();
    const ami = await newAmi();

    const dry = await run({ mode: 'deploy', 'ami-id': ami, 'keep-old': '1h', 'dry-run': 'true' });
    expect(dry.errors).toEqual([]);
    expect(dry.exitCode).toBe(0);
    const planned = (log: string) =>
      log
        .split('\n')
        .filter((l) => /call autoscaling:(Attach|Detach)LoadBalancerTargetGroups/.test(l))
        .map((l) => {
          // `would call <call> <group>: <target group names>`: the group and how many.
          const [call, names] = l.trim().split(/: (?=[^:]*$)/);
          return `${call}: ${names.split(', ').length}`;
        });
    expect(planned(dry.log)).toEqual([
      'would call autoscaling:DetachLoadBalancerTargetGroups demo-app: 10',
      'would call autoscaling:DetachLoadBalancerTargetGroups demo-app: 2',
    ]);

    let seen = (await aws.calls()).length;
    const deployed = await run({ mode: 'deploy', 'ami-id': ami, 'keep-old': '1h' });
    expect(deployed.errors).toEqual([]);
    expect(deployed.outputs).toMatchObject({ asg: 'demo-app-green', result: 'success' });
    let calls = (await aws.calls()).slice(seen);
    expect(targetGroupCalls(calls, 'DetachLoadBalancerTargetGroups')).toEqual([
      ['demo-app', 10, 'ok'],
      ['demo-app', 2, 'ok'],
    ]);
    const green = await group('demo-app-green');
    expect([...green.TargetGroupARNs!].sort()).toEqual(sorted);
    const greenIds = green.Instances!.map((i) => i.InstanceId!).sort();
    for (const arn of arns) expect(Object.keys(await registered(arn)).sort()).toEqual(greenIds);
    expect((await group('demo-app')).TargetGroupARNs).toEqual([]);

    const rollbackPlan = await run({ mode: 'rollback', 'dry-run': 'true' });
    expect(rollbackPlan.exitCode).toBe(0);
    expect(planned(rollbackPlan.log)).toEqual([
      'would call autoscaling:AttachLoadBalancerTargetGroups demo-app: 10',
      'would call autoscaling:AttachLoadBalancerTargetGroups demo-app: 2',
      'would call autoscaling:DetachLoadBalancerTargetGroups demo-app-green: 10',
      'would call autoscaling:DetachLoadBalancerTargetGroups demo-app-green: 2',
    ]);
    seen = (await aws.calls()).length;
    const rolledBack = await run({ mode: 'rollback' });
    expect(rolledBack.errors).toEqual([]);
    expect(rolledBack.outputs).toMatchObject({ asg: 'demo-app', 'ami-id': DEFAULT_BASE_AMI_ID });
    calls = (await aws.calls()).slice(seen);
    expect(targetGroupCalls(calls, 'AttachLoadBalancerTargetGroups')).toEqual([
      ['demo-app', 10, 'ok'],
      ['demo-app', 2, 'ok'],
    ]);
    expect(targetGroupCalls(calls, 'DetachLoadBalancerTargetGroups')).toEqual([
      ['demo-app-green', 10, 'ok'],
      ['demo-app-green', 2, 'ok'],
    ]);
    const back = await group('demo-app');
    expect([...back.TargetGroupARNs!].sort()).toEqual(sorted);
    const backIds = back.Instances!.map((i) => i.InstanceId!).sort();
    for (const arn of arns) {
      const targets = await registered(arn);
      for (const id of backIds) expect(targets[id]).toBe('healthy');
    }
    expect(await group('demo-app-green')).toMatchObject({ DesiredCapacity: 0, TargetGroupARNs: [] });

    // The next deploy fills the existing group: it joins the 12 target groups, 10 a call.
    seen = (await aws.calls()).length;
    const next = await run({ mode: 'deploy', 'ami-id': await newAmi() });
    expect(next.errors).toEqual([]);
    expect(next.outputs).toMatchObject({ asg: 'demo-app-green', 'previous-asg': 'demo-app' });
    calls = (await aws.calls()).slice(seen);
    expect(targetGroupCalls(calls, 'AttachLoadBalancerTargetGroups')).toEqual([
      ['demo-app-green', 10, 'ok'],
      ['demo-app-green', 2, 'ok'],
    ]);
    expect([...(await group('demo-app-green')).TargetGroupARNs!].sort()).toEqual(sorted);
    expect(await groupNames()).toEqual(['demo-app-green']);
    expect(await locks()).toEqual({});
  }, 180_000);
});
