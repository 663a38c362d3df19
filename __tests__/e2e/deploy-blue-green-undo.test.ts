/**
 * A failed blue-green deploy into a group that existed before it (a group kept by keep-old, the
 * user's green-asg) puts that group back as it was: the rollback target it was stays one.
 */
import { CreateAutoScalingGroupCommand } from '@aws-sdk/client-auto-scaling';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_BASE_AMI_ID } from '../../sim/services/ec2/scenario.js';
import { blueGreenWorld } from '../helpers/blue-green.js';
import { runAgainst } from '../helpers/e2e.js';
import { useSimulator } from '../helpers/sim.js';

// 200 simulated seconds per real second.
const aws = useSimulator({ timeScale: 0.005 });
beforeEach(() => aws.reset());
const { asg, newAmi, group, amisOf, locks } = blueGreenWorld(aws, 'b');

function run(inputs: Record<string, string>) {
  return runAgainst(aws, {
    inputs: { strategy: 'blue-green', asg: 'demo-app', 'poll-interval': '1s', ...inputs },
  });
}

const tagsOf = (g: { Tags?: { Key?: string; Value?: string }[] }) =>
  Object.fromEntries((g.Tags ?? []).map((t) => [t.Key!, t.Value!]));

/** What a failed deploy must leave as it found it. */
const shape = (g: Awaited<ReturnType<typeof group>>) => ({
  LaunchTemplate: g.LaunchTemplate,
  MinSize: g.MinSize,
  MaxSize: g.MaxSize,
  DesiredCapacity: g.DesiredCapacity,
  TargetGroupARNs: g.TargetGroupARNs,
  tags: tagsOf(g),
});

describe('a failed blue-green deploy into an existing group', () => {
  it('puts a kept group back (template version, sizes, keep-until): rollback still goes to it', async () => {
    const ami1 = await newAmi();
    const ami2 = await newAmi();
    // demo-app -> demo-app-green -> demo-app-blue, each kept 24h: green is the kept group.
    for (const ami of [ami1, ami2]) {
      const deployed = await run({ mode: 'deploy', 'ami-id': ami, 'keep-old': '24h' });
      expect(deployed.errors).toEqual([]);
    }
    const kept = await group('demo-app-green');
    expect(tagsOf(kept)['ami-action:keep-until']).toBeDefined();
    expect(kept.DesiredCapacity).toBe(0);
    const before = shape(kept);

    await aws.setFaults({ unhealthyNewInstances: true });
    const failed = await run({ mode: 'deploy', 'ami-id': await newAmi(), 'keep-old': '24h' });
    await aws.setFaults({});
    expect(failed.exitCode).toBe(1);
    expect(failed.errors.join('\n')).toMatch(
      /bad signal before the switch: .*group 'demo-app-green' detached and put back as it was \(launch template version 2\): 0 instance\(s\), its tags; 'demo-app-blue' kept serving/,
    );
    expect(shape(await group('demo-app-green'))).toEqual(before);
    expect(await locks()).toEqual({});

    const rolledBack = await run({ mode: 'rollback' });
    expect(rolledBack.errors).toEqual([]);
    expect(rolledBack.outputs).toMatchObject({ asg: 'demo-app-green', 'ami-id': ami1 });
    const green = await group('demo-app-green');
    const live = green.Instances!.filter((i) => i.LifecycleState !== 'Terminating').map((i) => i.InstanceId!);
    expect(await amisOf(live)).toEqual(Array(4).fill(ami1));
  }, 180_000);

  it("puts the user's green-asg back: the next rollback scales it up on the AMI it had, not the failed one", async () => {
    const demo = await group('demo-app');
    await asg().send(
      new CreateAutoScalingGroupCommand({
        AutoScalingGroupName: 'demo-app-b',
        LaunchTemplate: demo.LaunchTemplate,
        MinSize: 0,
        MaxSize: 1,
        DesiredCapacity: 0,
        VPCZoneIdentifier: demo.VPCZoneIdentifier,
      }),
    );
    const ami1 = await newAmi();
    const first = await run({ mode: 'deploy', 'ami-id': ami1, 'green-asg': 'demo-app-b' });
    expect(first.errors).toEqual([]);
    // demo-app-b serves ami1; demo-app, scaled to zero, is what a rollback goes back to.
    const idle = await group('demo-app');
    const before = shape(idle);

    await aws.setFaults({ unhealthyNewInstances: true });
    const failed = await run({ mode: 'deploy', 'ami-id': await newAmi(), 'green-asg': 'demo-app-b' });
    await aws.setFaults({});
    expect(failed.exitCode).toBe(1);
    expect(shape(await group('demo-app'))).toEqual(before);

    const rolledBack = await run({ mode: 'rollback', 'green-asg': 'demo-app-b' });
    expect(rolledBack.errors).toEqual([]);
    expect(rolledBack.outputs).toMatchObject({ asg: 'demo-app', 'previous-asg': 'demo-app-b' });
    const back = await group('demo-app');
    const live = back.Instances!.filter((i) => i.LifecycleState !== 'Terminating').map((i) => i.InstanceId!);
    expect(live).toHaveLength(4);
    expect(await amisOf(live)).toEqual(Array(4).fill(DEFAULT_BASE_AMI_ID));
  }, 180_000);
});
