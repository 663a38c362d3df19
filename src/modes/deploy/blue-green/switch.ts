/**
 * The switch, once the new group is ready: it is tagged serving, the old group leaves its target
 * groups and its targets drain (the target group's deregistration delay), then it is scaled to zero
 * and deleted, or kept (keep-old, or when the user manages both groups).
 */
import * as core from '@actions/core';
import {
  AutoScalingClient,
  type AutoScalingGroup,
  CreateOrUpdateTagsCommand,
  DeleteAutoScalingGroupCommand,
  DeleteTagsCommand,
  DescribeLoadBalancerTargetGroupsCommand,
  DetachLoadBalancerTargetGroupsCommand,
  UpdateAutoScalingGroupCommand,
} from '@aws-sdk/client-auto-scaling';
import { awsClient } from '../../../aws/clients.js';
import { waitUntil } from '../../../aws/wait.js';
import type { DeployConfig } from '../../../inputs.js';
import { fromTagList } from '../../../tags.js';
import { BG_TAG } from './tags.js';

function tag(group: string, Key: string, Value = '') {
  return { ResourceId: group, ResourceType: 'auto-scaling-group', Key, Value, PropagateAtLaunch: false };
}

export async function markServing(region: string, serving: string, previous: string): Promise<void> {
  const client = awsClient(AutoScalingClient, region);
  await client.send(new CreateOrUpdateTagsCommand({ Tags: [tag(serving, BG_TAG.serving, 'true')] }));
  // No Value: Auto Scaling deletes a tag given with a value only when the value matches.
  await client.send(
    new DeleteTagsCommand({
      Tags: [{ ResourceId: previous, ResourceType: 'auto-scaling-group', Key: BG_TAG.serving }],
    }),
  );
}

/** Detaches the old group from its target groups and waits until its targets have drained. */
export async function drainOld(
  region: string,
  group: string,
  arns: string[],
  config: Pick<DeployConfig, 'timeout' | 'pollInterval'>,
) {
  if (!arns.length) return;
  const client = awsClient(AutoScalingClient, region);
  await client.send(
    new DetachLoadBalancerTargetGroupsCommand({ AutoScalingGroupName: group, TargetGroupARNs: arns }),
  );
  await waitUntil({
    what: `the targets of '${group}' to drain`,
    timeoutSeconds: config.timeout,
    pollIntervalSeconds: config.pollInterval,
    check: async () => {
      const out = await client.send(
        new DescribeLoadBalancerTargetGroupsCommand({ AutoScalingGroupName: group }),
      );
      const left = (out.LoadBalancerTargetGroups ?? []).filter((t) =>
        arns.includes(t.LoadBalancerTargetGroupARN ?? ''),
      );
      return left.length
        ? {
            done: false,
            status: left
              .map((t) => `${t.LoadBalancerTargetGroupARN?.split(':').pop()} ${t.State}`)
              .join(', '),
          }
        : { done: true, value: undefined };
    },
  });
}

/** Deletes groups kept by an earlier keep-old whose time is up (and that are still empty). */
export async function removeExpired(region: string, groups: AutoScalingGroup[]): Promise<string[]> {
  const removed: string[] = [];
  for (const g of groups) {
    const until = fromTagList(g.Tags)[BG_TAG.keepUntil];
    const empty = !(g.Instances ?? []).some((i) => i.LifecycleState !== 'Terminating');
    if (!until || Date.parse(until) > Date.now() || !empty || (g.DesiredCapacity ?? 0) > 0) continue;
    await awsClient(AutoScalingClient, region).send(
      new DeleteAutoScalingGroupCommand({ AutoScalingGroupName: g.AutoScalingGroupName, ForceDelete: true }),
    );
    core.info(`Deleted '${g.AutoScalingGroupName}': kept until ${until} (keep-old), now past.`);
    removed.push(g.AutoScalingGroupName!);
  }
  return removed;
}

/** Scales the old group to zero, then deletes it or keeps it; returns what was done, in words. */
export async function retireOld(
  region: string,
  group: string,
  keep: { seconds?: number; userManaged: boolean },
): Promise<string> {
  const client = awsClient(AutoScalingClient, region);
  await client.send(
    new UpdateAutoScalingGroupCommand({ AutoScalingGroupName: group, MinSize: 0, DesiredCapacity: 0 }),
  );
  if (keep.userManaged) return `'${group}' scaled to zero (kept: green-asg names groups you manage)`;
  if (keep.seconds !== undefined) {
    const until = new Date(Date.now() + keep.seconds * 1000).toISOString();
    await client.send(new CreateOrUpdateTagsCommand({ Tags: [tag(group, BG_TAG.keepUntil, until)] }));
    return `'${group}' scaled to zero and kept until ${until} (keep-old)`;
  }
  await client.send(new DeleteAutoScalingGroupCommand({ AutoScalingGroupName: group, ForceDelete: true }));
  core.info(`Deleted the old group '${group}'.`);
  return `'${group}' deleted`;
}
