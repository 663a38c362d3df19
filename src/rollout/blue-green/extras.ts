/**
 * What a group carries beside its own settings, and blue-green must carry over so the group that
 * takes over behaves like the one it replaces: its warm pool (DescribeWarmPool / PutWarmPool), its
 * scheduled actions (DescribeScheduledActions, every page / BatchPutScheduledUpdateGroupAction, 50 a
 * call: a group may hold 125) and its traffic sources other than the ELB target groups the rollout
 * moves itself (DescribeTrafficSources, every page / AttachTrafficSources: VPC Lattice target groups,
 * Classic Load Balancers). The instance maintenance policy is one of the group's own settings
 * (incoming.ts copies it).
 *
 * They go with the outgoing group: with it when it is deleted, and removed from it when it is kept
 * (keep-old, green-asg, or a rollback's outgoing group; BatchDeleteScheduledAction, 50 a call), so a
 * kept group scaled to zero never scales back up by a schedule nor keeps warm instances.
 *
 * The batch calls succeed while refusing single actions (FailedScheduledUpdateGroupActions,
 * FailedScheduledActions): any refusal fails the copy or the removal, naming the actions and AWS's
 * code and message.
 */
import * as core from '@actions/core';
import {
  AttachLoadBalancerTargetGroupsCommand,
  AttachTrafficSourcesCommand,
  AutoScalingClient,
  type AutoScalingGroup,
  BatchDeleteScheduledActionCommand,
  BatchPutScheduledUpdateGroupActionCommand,
  DeleteWarmPoolCommand,
  DescribeWarmPoolCommand,
  DetachLoadBalancerTargetGroupsCommand,
  DetachTrafficSourcesCommand,
  type FailedScheduledUpdateGroupActionRequest,
  PutWarmPoolCommand,
  paginateDescribeScheduledActions,
  paginateDescribeTrafficSources,
  type ScheduledUpdateGroupAction,
  type ScheduledUpdateGroupActionRequest,
  type WarmPoolConfiguration,
} from '@aws-sdk/client-auto-scaling';
import { awsClient } from '../../aws/clients.js';
import { awsNow } from '../../aws/clock.js';
import { errorCode, isNotFound } from '../../aws/errors.js';
import { targetGroupName } from '../../aws/target-health.js';
import type { PlannedCall } from '../../kernel/plan.js';
import { oneLine } from '../../report/foreign.js';

/** AttachLoadBalancerTargetGroups / DetachLoadBalancerTargetGroups take at most 10 target groups per call. */
export const TARGET_GROUPS_PER_CALL = 10;
/** AttachTrafficSources / DetachTrafficSources take at most 10 traffic sources per call. */
const TRAFFIC_SOURCES_PER_CALL = 10;
/** BatchPutScheduledUpdateGroupAction / BatchDeleteScheduledAction take at most 50 actions (names) per call. */
const SCHEDULED_ACTIONS_PER_CALL = 50;
/** A scheduled action's start this close to now would be in the past by the time it is written. */
const START_MARGIN_MS = 60_000;

export interface TrafficSource {
  Identifier: string;
  Type: string;
}

export interface GroupExtras {
  warmPool?: WarmPoolConfiguration;
  scheduledActions: ScheduledUpdateGroupAction[];
  /** Traffic sources other than ELB target groups (those move with the rollout's own target groups). */
  trafficSources: TrafficSource[];
}

/** What was copied onto a group (as the undo journal keeps it). */
export interface CopiedExtras {
  warmPool: boolean;
  scheduledActions: string[];
  trafficSources: TrafficSource[];
}

const autoscaling = (region: string) => awsClient(AutoScalingClient, region);

/** A group's warm pool, scheduled actions (every page) and non-ELB traffic sources (every page). */
export async function readExtras(region: string, group: AutoScalingGroup): Promise<GroupExtras> {
  const name = group.AutoScalingGroupName!;
  const scheduledActions: ScheduledUpdateGroupAction[] = [];
  for await (const page of paginateDescribeScheduledActions(
    { client: autoscaling(region), pageSize: 100 },
    { AutoScalingGroupName: name },
  )) {
    scheduledActions.push(...(page.ScheduledUpdateGroupActions ?? []));
  }
  const trafficSources: TrafficSource[] = [];
  for await (const page of paginateDescribeTrafficSources(
    { client: autoscaling(region), pageSize: 50 },
    { AutoScalingGroupName: name },
  )) {
    for (const t of page.TrafficSources ?? []) {
      if (t.Type === 'elbv2' || t.State === 'Removing' || !t.Identifier) continue;
      trafficSources.push({ Identifier: t.Identifier, Type: t.Type ?? '' });
    }
  }
  let warmPool: WarmPoolConfiguration | undefined;
  if (group.WarmPoolConfiguration) {
    const out = await autoscaling(region).send(
      new DescribeWarmPoolCommand({ AutoScalingGroupName: name, MaxRecords: 1 }),
    );
    warmPool = out.WarmPoolConfiguration;
  }
  return { warmPool, scheduledActions, trafficSources };
}

/** The extras in words, for the plan's facts and the summary. */
export function describeExtras(extras: GroupExtras): string[] {
  const parts: string[] = [];
  if (extras.warmPool) {
    const p = extras.warmPool;
    parts.push(
      `a warm pool (${p.PoolState ?? 'Stopped'}, min ${p.MinSize ?? 0}${p.MaxGroupPreparedCapacity !== undefined && p.MaxGroupPreparedCapacity >= 0 ? `, max prepared ${p.MaxGroupPreparedCapacity}` : ''}${p.InstanceReusePolicy?.ReuseOnScaleIn ? ', ReuseOnScaleIn' : ''})`,
    );
  }
  if (extras.scheduledActions.length) {
    parts.push(
      `${extras.scheduledActions.length} scheduled action(s) (${extras.scheduledActions.map((a) => a.ScheduledActionName).join(', ')})`,
    );
  }
  if (extras.trafficSources.length) {
    parts.push(
      `traffic source(s) ${extras.trafficSources.map((t) => `${t.Type} ${t.Identifier.split('/').pop()}`).join(', ')}`,
    );
  }
  return parts;
}

/** `items` in batches of at most `size`, in order (the per-call limits of batch calls). */
export function batches<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let at = 0; at < items.length; at += size) out.push(items.slice(at, at + size));
  return out;
}

/**
 * The live group's scheduled actions as a copy writes them now. A start time is kept only while it is
 * ahead (AWS refuses a start in the past): a recurring action then starts at its next occurrence, and
 * a one-time action whose time has passed already ran and is not copied (nor one whose end passed).
 */
export function copyableActions(
  actions: ScheduledUpdateGroupAction[],
  now = awsNow(),
): ScheduledUpdateGroupActionRequest[] {
  const ahead = now.getTime() + START_MARGIN_MS;
  const out: ScheduledUpdateGroupActionRequest[] = [];
  for (const a of actions) {
    const start = a.StartTime && a.StartTime.getTime() > ahead ? a.StartTime : undefined;
    if (!a.Recurrence && !start) continue;
    const end = a.EndTime && a.EndTime.getTime() > ahead ? a.EndTime : undefined;
    if (a.EndTime && !end) continue;
    out.push({
      ScheduledActionName: a.ScheduledActionName,
      StartTime: start,
      EndTime: end,
      Recurrence: a.Recurrence,
      MinSize: a.MinSize,
      MaxSize: a.MaxSize,
      DesiredCapacity: a.DesiredCapacity,
      TimeZone: a.TimeZone,
    });
  }
  return out;
}

/**
 * The plan's calls that copy the extras onto `group`, as copyExtras makes them: the warm pool, the
 * scheduled actions (50 a call), the traffic sources (10 a call).
 */
export function copyCalls(group: string, extras: GroupExtras): PlannedCall[] {
  return [
    ...(extras.warmPool
      ? [{ call: 'autoscaling:PutWarmPool', detail: `${group}: as the live group's` }]
      : []),
    ...batches(copyableActions(extras.scheduledActions), SCHEDULED_ACTIONS_PER_CALL).map((batch) => ({
      call: 'autoscaling:BatchPutScheduledUpdateGroupAction',
      detail: `${group}: ${batch.length} scheduled action(s)`,
    })),
    ...trafficSourceCalls('autoscaling:AttachTrafficSources', group, extras.trafficSources),
  ];
}

/** The plan's Attach/DetachTrafficSources calls for `sources` on `group`, 10 a call. */
export function trafficSourceCalls(call: string, group: string, sources: TrafficSource[]): PlannedCall[] {
  return batches(sources, TRAFFIC_SOURCES_PER_CALL).map((batch) => ({
    call,
    detail: oneLine(`${group}: ${batch.map((t) => `${t.Type} ${t.Identifier}`).join(', ')}`),
  }));
}

/** The plan's BatchDeleteScheduledAction calls that remove `count` scheduled actions from `group`. */
export function removeCalls(group: string, count: number): PlannedCall[] {
  return batches(Array.from({ length: count }), SCHEDULED_ACTIONS_PER_CALL).map((batch) => ({
    call: 'autoscaling:BatchDeleteScheduledAction',
    detail: `${group}: ${batch.length} scheduled action(s)`,
  }));
}

/** AWS's refusals of single actions, in the action's own line: `name (Code: message)`, AWS's text one line. */
function refusals(failed: FailedScheduledUpdateGroupActionRequest[]): string {
  return failed
    .map((f) =>
      oneLine(
        `${f.ScheduledActionName ?? '?'} (${f.ErrorCode ?? 'no error code'}${f.ErrorMessage ? `: ${f.ErrorMessage}` : ''})`,
      ),
    )
    .join(', ');
}

/**
 * Copies the extras onto the group `name` (the scheduled actions as `copyableActions` writes them, 50
 * a call). `progress` is told what is (about to be) on the group before each scheduled-action batch
 * and after the warm pool and each traffic-source batch, so an undo journal knows it even when a
 * later call fails; a scheduled action AWS refuses fails the copy, naming it with AWS's code and
 * message (the batch's other actions were written: `progress` has them).
 */
export async function copyExtras(
  region: string,
  name: string,
  extras: GroupExtras,
  progress: (copied: CopiedExtras) => void = () => {},
): Promise<CopiedExtras> {
  const client = autoscaling(region);
  const copied: CopiedExtras = { warmPool: false, scheduledActions: [], trafficSources: [] };
  const tell = () =>
    progress({
      warmPool: copied.warmPool,
      scheduledActions: [...copied.scheduledActions],
      trafficSources: [...copied.trafficSources],
    });
  if (extras.warmPool) {
    const p = extras.warmPool;
    await client.send(
      new PutWarmPoolCommand({
        AutoScalingGroupName: name,
        MinSize: p.MinSize,
        MaxGroupPreparedCapacity: p.MaxGroupPreparedCapacity,
        PoolState: p.PoolState,
        InstanceReusePolicy: p.InstanceReusePolicy,
      }),
    );
    copied.warmPool = true;
    tell();
  }
  for (const batch of batches(copyableActions(extras.scheduledActions), SCHEDULED_ACTIONS_PER_CALL)) {
    // Recorded before the call: a failed call may have written some (removing a missing one is no error).
    copied.scheduledActions.push(...batch.map((a) => a.ScheduledActionName!));
    tell();
    const out = await client.send(
      new BatchPutScheduledUpdateGroupActionCommand({
        AutoScalingGroupName: name,
        ScheduledUpdateGroupActions: batch,
      }),
    );
    const failed = out.FailedScheduledUpdateGroupActions ?? [];
    if (failed.length) {
      // The batch's others were written; the later batches are not attempted.
      const names = new Set(failed.map((f) => f.ScheduledActionName));
      copied.scheduledActions = copied.scheduledActions.filter((n) => !names.has(n));
      tell();
      throw new Error(
        `'${oneLine(name)}': AWS refused ${failed.length} scheduled action(s) copied from the live group (BatchPutScheduledUpdateGroupAction): ${refusals(failed)}.`,
      );
    }
  }
  for (const batch of batches(extras.trafficSources, TRAFFIC_SOURCES_PER_CALL)) {
    await client.send(new AttachTrafficSourcesCommand({ AutoScalingGroupName: name, TrafficSources: batch }));
    copied.trafficSources.push(...batch);
    tell();
  }
  const what = describeExtras(extras);
  if (what.length) core.info(oneLine(`'${name}': copied ${what.join(', ')}.`));
  return copied;
}

/**
 * Deletes scheduled actions of a group, 50 a call. One already gone is no error: AWS answers it as a
 * refusal, so the refused ones are read back, and only those still there fail the removal.
 */
async function deleteScheduledActions(region: string, name: string, actions: string[]): Promise<void> {
  const client = autoscaling(region);
  const left: FailedScheduledUpdateGroupActionRequest[] = [];
  for (const batch of batches(actions, SCHEDULED_ACTIONS_PER_CALL)) {
    const out = await client.send(
      new BatchDeleteScheduledActionCommand({ AutoScalingGroupName: name, ScheduledActionNames: batch }),
    );
    const failed = out.FailedScheduledActions ?? [];
    if (!failed.length) continue;
    const still = new Set<string>();
    for await (const page of paginateDescribeScheduledActions(
      { client, pageSize: 100 },
      { AutoScalingGroupName: name, ScheduledActionNames: failed.map((f) => f.ScheduledActionName!) },
    )) {
      for (const a of page.ScheduledUpdateGroupActions ?? []) still.add(a.ScheduledActionName!);
    }
    left.push(...failed.filter((f) => still.has(f.ScheduledActionName!)));
  }
  if (left.length) {
    throw new Error(
      `'${oneLine(name)}': AWS refused to delete ${left.length} scheduled action(s) (BatchDeleteScheduledAction): ${refusals(left)}.`,
    );
  }
}

/** Detaches traffic sources (VPC Lattice, Classic Load Balancers) from a group; gone ones are no error. */
export async function detachTrafficSources(region: string, name: string, sources: TrafficSource[]) {
  for (const batch of batches(sources, TRAFFIC_SOURCES_PER_CALL)) {
    await autoscaling(region).send(
      new DetachTrafficSourcesCommand({ AutoScalingGroupName: name, TrafficSources: batch }),
    );
  }
}

/** The plan's Attach/DetachLoadBalancerTargetGroups calls for `arns` on `group`, 10 a call. */
export function targetGroupCalls(
  call: 'AttachLoadBalancerTargetGroups' | 'DetachLoadBalancerTargetGroups',
  group: string,
  arns: string[],
): PlannedCall[] {
  return batches(arns, TARGET_GROUPS_PER_CALL).map((batch) => ({
    call: `autoscaling:${call}`,
    detail: oneLine(`${group}: ${batch.map(targetGroupName).join(', ')}`),
  }));
}

/** Attaches target groups to a group, 10 a call (a group may have up to 50). */
export async function attachTargetGroups(region: string, name: string, arns: string[]): Promise<void> {
  for (const batch of batches(arns, TARGET_GROUPS_PER_CALL)) {
    await autoscaling(region).send(
      new AttachLoadBalancerTargetGroupsCommand({ AutoScalingGroupName: name, TargetGroupARNs: batch }),
    );
  }
}

/** Detaches target groups from a group, 10 a call; one not attached is no error. */
export async function detachTargetGroups(region: string, name: string, arns: string[]): Promise<void> {
  for (const batch of batches(arns, TARGET_GROUPS_PER_CALL)) {
    await autoscaling(region).send(
      new DetachLoadBalancerTargetGroupsCommand({ AutoScalingGroupName: name, TargetGroupARNs: batch }),
    );
  }
}

/** Removes a kept group's warm pool and scheduled actions (and any traffic sources given); what was done, in words. */
export async function removeExtras(
  region: string,
  name: string,
  extras: { warmPool: boolean; scheduledActions: string[]; trafficSources: TrafficSource[] },
): Promise<string[]> {
  const client = autoscaling(region);
  const done: string[] = [];
  if (extras.trafficSources.length) {
    await detachTrafficSources(region, name, extras.trafficSources);
    done.push(`${extras.trafficSources.length} traffic source(s) detached`);
  }
  await deleteScheduledActions(region, name, extras.scheduledActions);
  if (extras.scheduledActions.length)
    done.push(`${extras.scheduledActions.length} scheduled action(s) deleted`);
  if (extras.warmPool) {
    await client
      .send(new DeleteWarmPoolCommand({ AutoScalingGroupName: name, ForceDelete: true }))
      .catch((error) => {
        if (!isNotFound(error) && errorCode(error) !== 'ValidationError') throw error;
      });
    done.push('warm pool deleted');
  }
  return done;
}
