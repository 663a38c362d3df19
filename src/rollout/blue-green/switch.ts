/**
 * The switch, once the incoming group is ready: it is tagged serving, the outgoing group leaves its
 * target groups and its other traffic sources (VPC Lattice) and its targets drain (the
 * deregistration delay), then it is scaled to zero and deleted (its warm pool and scheduled actions
 * with it), or kept (keep-old, or when the user manages both groups: its warm pool and scheduled
 * actions removed), or, after a rollback, scaled to zero, stripped likewise and marked so that it is
 * never a rollback target itself.
 */
import * as core from '@actions/core';
import {
  AutoScalingClient,
  type AutoScalingGroup,
  CreateOrUpdateTagsCommand,
  DeleteAutoScalingGroupCommand,
  DeleteTagsCommand,
  paginateDescribeLoadBalancerTargetGroups,
  paginateDescribeTrafficSources,
  UpdateAutoScalingGroupCommand,
} from '@aws-sdk/client-auto-scaling';
import { awsClient } from '../../aws/clients.js';
import { awsNow } from '../../aws/clock.js';
import { waitUntil } from '../../aws/wait.js';
import type { Deadline } from '../../kernel/deadline.js';
import { fromTagList } from '../../tags.js';
import {
  detachTargetGroups,
  detachTrafficSources,
  type GroupExtras,
  removeExtras,
  type TrafficSource,
} from './extras.js';
import { BG_TAG } from './tags.js';

export function groupTag(group: string, Key: string, Value = '') {
  return { ResourceId: group, ResourceType: 'auto-scaling-group', Key, Value, PropagateAtLaunch: false };
}

export async function markServing(region: string, serving: string, previous: string): Promise<void> {
  const client = awsClient(AutoScalingClient, region);
  await client.send(new CreateOrUpdateTagsCommand({ Tags: [groupTag(serving, BG_TAG.serving, 'true')] }));
  // No Value: Auto Scaling deletes a tag given with a value only when the value matches.
  await client.send(
    new DeleteTagsCommand({
      Tags: [{ ResourceId: previous, ResourceType: 'auto-scaling-group', Key: BG_TAG.serving }],
    }),
  );
}

/**
 * Detaches the outgoing group from its target groups and its other traffic sources, and waits until
 * every one has drained (no longer listed, or listed `Removing` no more).
 */
export async function drainOutgoing(
  region: string,
  group: string,
  arns: string[],
  sources: TrafficSource[],
  options: { deadline: Deadline; pollIntervalSeconds: number },
) {
  if (!arns.length && !sources.length) return;
  const client = awsClient(AutoScalingClient, region);
  await detachTargetGroups(region, group, arns);
  if (sources.length) await detachTrafficSources(region, group, sources);
  const ids = new Set(sources.map((s) => s.Identifier));
  await waitUntil({
    what: `the targets of '${group}' to drain`,
    deadline: options.deadline,
    pollIntervalSeconds: options.pollIntervalSeconds,
    check: async () => {
      const left: string[] = [];
      // Every page: an attachment on a later page still draining is not drained.
      if (arns.length) {
        for await (const page of paginateDescribeLoadBalancerTargetGroups(
          { client, pageSize: 100 },
          { AutoScalingGroupName: group },
        )) {
          for (const t of page.LoadBalancerTargetGroups ?? []) {
            if (arns.includes(t.LoadBalancerTargetGroupARN ?? '')) {
              left.push(`${t.LoadBalancerTargetGroupARN?.split(':').pop()} ${t.State}`);
            }
          }
        }
      }
      if (sources.length) {
        for await (const page of paginateDescribeTrafficSources(
          { client, pageSize: 50 },
          { AutoScalingGroupName: group },
        )) {
          for (const t of page.TrafficSources ?? []) {
            if (ids.has(t.Identifier ?? ''))
              left.push(`${t.Type} ${t.Identifier?.split('/').pop()} ${t.State}`);
          }
        }
      }
      return left.length ? { done: false, status: left.join(', ') } : { done: true, value: undefined };
    },
  });
}

/** A kept group's warm pool and scheduled actions go (its traffic sources left with the drain). */
async function stripKept(region: string, group: string, extras: GroupExtras): Promise<string> {
  const done = await removeExtras(region, group, {
    warmPool: !!extras.warmPool,
    scheduledActions: extras.scheduledActions.map((a) => a.ScheduledActionName!),
    trafficSources: [],
  });
  return done.length ? ` (${done.join(', ')})` : '';
}

/** Groups kept by an earlier keep-old whose time is up (on AWS's clock) and that are still empty. */
export function expiredKept(groups: AutoScalingGroup[]): AutoScalingGroup[] {
  return groups.filter((g) => {
    const until = fromTagList(g.Tags)[BG_TAG.keepUntil];
    const empty = !(g.Instances ?? []).some((i) => i.LifecycleState !== 'Terminating');
    return until && Date.parse(until) <= awsNow().getTime() && empty && (g.DesiredCapacity ?? 0) === 0;
  });
}

/** Deletes kept groups whose keep-old time is up. */
export async function removeExpired(region: string, groups: AutoScalingGroup[]): Promise<string[]> {
  const removed: string[] = [];
  for (const g of groups) {
    const until = fromTagList(g.Tags)[BG_TAG.keepUntil];
    await awsClient(AutoScalingClient, region).send(
      new DeleteAutoScalingGroupCommand({ AutoScalingGroupName: g.AutoScalingGroupName, ForceDelete: true }),
    );
    core.info(`Deleted '${g.AutoScalingGroupName}': kept until ${until} (keep-old), now past.`);
    removed.push(g.AutoScalingGroupName!);
  }
  return removed;
}

/** After a deploy: scales the outgoing group to zero, then deletes it or keeps it; what was done, in words. */
export async function retireOutgoing(
  region: string,
  group: string,
  keep: { seconds?: number; userManaged: boolean },
  extras: GroupExtras,
): Promise<string> {
  const client = awsClient(AutoScalingClient, region);
  await client.send(
    new UpdateAutoScalingGroupCommand({ AutoScalingGroupName: group, MinSize: 0, DesiredCapacity: 0 }),
  );
  if (keep.userManaged) {
    return `'${group}' scaled to zero${await stripKept(region, group, extras)} (kept: green-asg names groups you manage)`;
  }
  if (keep.seconds !== undefined) {
    const until = new Date(awsNow().getTime() + keep.seconds * 1000).toISOString();
    await client.send(new CreateOrUpdateTagsCommand({ Tags: [groupTag(group, BG_TAG.keepUntil, until)] }));
    return `'${group}' scaled to zero${await stripKept(region, group, extras)} and kept until ${until} (keep-old)`;
  }
  await client.send(new DeleteAutoScalingGroupCommand({ AutoScalingGroupName: group, ForceDelete: true }));
  core.info(`Deleted the old group '${group}'.`);
  return `'${group}' deleted`;
}

/**
 * After a rollback: the group rolled back from is scaled to zero and tagged as such, never a rollback
 * target (a second rollback goes one group further back, not forward). The next deploy reuses it.
 */
export async function retireRolledBack(region: string, group: string, extras: GroupExtras): Promise<string> {
  const client = awsClient(AutoScalingClient, region);
  await client.send(
    new UpdateAutoScalingGroupCommand({ AutoScalingGroupName: group, MinSize: 0, DesiredCapacity: 0 }),
  );
  await client.send(
    new CreateOrUpdateTagsCommand({ Tags: [groupTag(group, BG_TAG.rolledBack, awsNow().toISOString())] }),
  );
  return `'${group}' scaled to zero${await stripKept(region, group, extras)} (the next deploy goes into it)`;
}

/** The kept group a rollback brought back serves again: it is no longer kept. */
export async function unmarkKept(region: string, group: string): Promise<void> {
  await awsClient(AutoScalingClient, region).send(
    new DeleteTagsCommand({
      Tags: [{ ResourceId: group, ResourceType: 'auto-scaling-group', Key: BG_TAG.keepUntil }],
    }),
  );
}
