/**
 * The undo of blue-green's incoming group, through the real SDK clients against the simulator: a
 * switch cut short after it tagged the incoming group serving (markServing's DeleteTags failed) must
 * not leave two groups tagged serving, which findFamily refuses on every later run.
 */
import {
  AutoScalingClient,
  CreateAutoScalingGroupCommand,
  CreateOrUpdateTagsCommand,
  DescribeAutoScalingGroupsCommand,
} from '@aws-sdk/client-auto-scaling';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Deadline } from '../../src/kernel/deadline.js';
import type { UndoOf } from '../../src/kernel/state.js';
import { findFamily } from '../../src/rollout/blue-green/family.js';
import { retireIncomingUndo } from '../../src/rollout/blue-green/incoming.js';
import { useSimulatorInProcess } from '../helpers/sim.js';

const aws = useSimulatorInProcess({ timeScale: 0.001 });

const asg = () => new AutoScalingClient(aws.sdkConfig());
const serving = (group: string) => ({
  ResourceId: group,
  ResourceType: 'auto-scaling-group',
  Key: 'ami-action:serving',
  Value: 'true',
  PropagateAtLaunch: false,
});
const scope = {
  deadline: undefined as unknown as Deadline,
  pollIntervalSeconds: 1,
  hurry: false,
  inPostStep: false,
};

async function tagsOf(name: string) {
  const out = await asg().send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [name] }));
  return Object.fromEntries((out.AutoScalingGroups![0].Tags ?? []).map((t) => [t.Key!, t.Value!]));
}

describe('undoing an incoming group after a half-done switch', () => {
  it('removes the serving tag from the incoming group (twice is no error): the live group is found again', async () => {
    const demo = (
      await asg().send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: ['demo-app'] }))
    ).AutoScalingGroups![0];
    // The user's green-asg, idle; the switch tagged it serving, then failed to untag demo-app.
    await asg().send(
      new CreateAutoScalingGroupCommand({
        AutoScalingGroupName: 'demo-app-b',
        LaunchTemplate: demo.LaunchTemplate,
        MinSize: 0,
        MaxSize: 1,
        DesiredCapacity: 0,
        VPCZoneIdentifier: demo.VPCZoneIdentifier,
        Tags: [serving('demo-app-b')],
      }),
    );
    await asg().send(new CreateOrUpdateTagsCommand({ Tags: [serving('demo-app')] }));
    await expect(findFamily('us-east-1', 'demo-app', 'demo-app-b')).rejects.toThrow(/both tagged/);

    const undo: UndoOf<'retire-incoming-group'> = {
      kind: 'retire-incoming-group',
      region: 'us-east-1',
      group: 'demo-app-b',
      created: false,
      targetGroupArns: [],
      previous: {
        launchTemplate: { LaunchTemplateName: 'demo-app', Version: '1' },
        minSize: 0,
        maxSize: 1,
        desiredCapacity: 0,
        tags: {},
      },
    };
    await retireIncomingUndo(undo, scope);
    expect(await tagsOf('demo-app-b')).not.toHaveProperty('ami-action:serving');
    expect((await tagsOf('demo-app'))['ami-action:serving']).toBe('true');
    // Replayed (the post step after the main step's own undo), and an older journal without `previous`.
    await retireIncomingUndo(undo, scope);
    await asg().send(new CreateOrUpdateTagsCommand({ Tags: [serving('demo-app-b')] }));
    await retireIncomingUndo({ ...undo, previous: undefined }, scope);
    expect(await tagsOf('demo-app-b')).not.toHaveProperty('ami-action:serving');
    const family = await findFamily('us-east-1', 'demo-app', 'demo-app-b');
    expect(family.live.AutoScalingGroupName).toBe('demo-app');
    expect(family.idleName).toBe('demo-app-b');
  });
});
