/**
 * Target groups attached to a group: attaching registers the group's instances; detaching deregisters
 * them, and they drain over the target group's deregistration delay (`Removing` meanwhile).
 */
import type {
  AttachLoadBalancerTargetGroupsCommandInput,
  AttachLoadBalancerTargetGroupsCommandOutput,
  DescribeLoadBalancerTargetGroupsCommandInput,
  DescribeLoadBalancerTargetGroupsCommandOutput,
  DetachLoadBalancerTargetGroupsCommandInput,
  DetachLoadBalancerTargetGroupsCommandOutput,
} from '@aws-sdk/client-auto-scaling';
import { paginate } from '../../core/pagination.js';
import { ms, nowIso } from '../../core/time.js';
import { AwsError, type CallContext, type Handler } from '../../core/types.js';
import { targetGroups } from '../elbv2/state.js';
import { DEREGISTRATION_DELAY_SECONDS, deregisterTarget, registerTarget } from '../elbv2/targets.js';
import { advanceAutoScaling } from './engine.js';
import { ASG_PAGING, MAX_TARGET_GROUPS_PER_CALL, MAX_TARGET_GROUPS_PER_GROUP } from './limits.js';
import { type GroupRecord, liveInstances, requireGroup } from './state.js';

function checkTargetGroupArns(ctx: CallContext, arns: unknown, perCall?: number): string[] {
  const list = (arns ?? []) as string[];
  if (!list.length) throw new AwsError('ValidationError', 'TargetGroupARNs must contain at least one ARN');
  if (perCall !== undefined && list.length > perCall) {
    throw new AwsError(
      'ValidationError',
      `1 validation error detected: Value at 'targetGroupARNs' failed to satisfy constraint: Member must have length less than or equal to ${perCall}`,
    );
  }
  for (const arn of list) {
    if (!targetGroups(ctx.sim, ctx.region)[arn])
      throw new AwsError('ValidationError', `Target group ${arn} not found`);
  }
  return list;
}

/** A group may hold at most 50 target groups: `count` of them after a create or attach. */
export function checkTargetGroupCount(group: string, count: number): void {
  if (count > MAX_TARGET_GROUPS_PER_GROUP) {
    throw new AwsError(
      'ValidationError',
      `Auto Scaling group ${group} would have ${count} target groups: at most ${MAX_TARGET_GROUPS_PER_GROUP} can be attached to a group.`,
    );
  }
}

/**
 * Attaches target groups (checked; `perCall` the call's limit, none through AttachTrafficSources,
 * which checks its own): the group's serving instances are registered in them.
 */
export function attachTargetGroups(ctx: CallContext, g: GroupRecord, arns: unknown, perCall?: number): void {
  const now = nowIso(ctx.sim);
  const list = checkTargetGroupArns(ctx, arns, perCall);
  checkTargetGroupCount(g.AutoScalingGroupName, new Set([...g.TargetGroupARNs, ...list]).size);
  for (const arn of list) {
    g.detachedTargetGroups = (g.detachedTargetGroups ?? []).filter((d) => d.arn !== arn);
    if (!g.TargetGroupARNs.includes(arn)) g.TargetGroupARNs.push(arn);
    const tg = targetGroups(ctx.sim, ctx.region)[arn];
    for (const i of liveInstances(g)) {
      if (i.LifecycleState !== 'Standby') registerTarget(tg, i.InstanceId, undefined, now);
    }
  }
}

/** Detaches target groups (checked): their targets drain, the target group reads `Removing` meanwhile. */
export function detachTargetGroups(ctx: CallContext, g: GroupRecord, arns: unknown, perCall?: number): void {
  const now = nowIso(ctx.sim);
  for (const arn of checkTargetGroupArns(ctx, arns, perCall)) {
    if (!g.TargetGroupARNs.includes(arn)) continue;
    g.TargetGroupARNs = g.TargetGroupARNs.filter((a) => a !== arn);
    g.detachedTargetGroups = [...(g.detachedTargetGroups ?? []), { arn, at: now }];
    const tg = targetGroups(ctx.sim, ctx.region)[arn];
    for (const i of g.instances) deregisterTarget(tg, i.InstanceId, now);
  }
}

export const AttachLoadBalancerTargetGroups: Handler<
  AttachLoadBalancerTargetGroupsCommandInput,
  AttachLoadBalancerTargetGroupsCommandOutput
> = (input, ctx) => {
  advanceAutoScaling(ctx.sim, ctx.region);
  attachTargetGroups(
    ctx,
    requireGroup(ctx, input.AutoScalingGroupName),
    input.TargetGroupARNs,
    MAX_TARGET_GROUPS_PER_CALL,
  );
  return {};
};

export const DetachLoadBalancerTargetGroups: Handler<
  DetachLoadBalancerTargetGroupsCommandInput,
  DetachLoadBalancerTargetGroupsCommandOutput
> = (input, ctx) => {
  advanceAutoScaling(ctx.sim, ctx.region);
  detachTargetGroups(
    ctx,
    requireGroup(ctx, input.AutoScalingGroupName),
    input.TargetGroupARNs,
    MAX_TARGET_GROUPS_PER_CALL,
  );
  return {};
};

/** The state of each target group attached to the group, or still draining after a detach. */
export function targetGroupStates(ctx: CallContext, g: GroupRecord): { arn: string; State: string }[] {
  const now = ctx.sim.clock.nowMs();
  g.detachedTargetGroups = (g.detachedTargetGroups ?? []).filter(
    (d) => now < ms(d.at) + DEREGISTRATION_DELAY_SECONDS * 1000,
  );
  const ids = new Set(liveInstances(g).map((i) => i.InstanceId));
  const attached = g.TargetGroupARNs.map((arn) => {
    const tg = targetGroups(ctx.sim, ctx.region)[arn];
    const serving = tg?.targets.some((t) => ids.has(t.Id) && !t.deregisteredAt);
    return { arn, State: serving ? 'InService' : 'Added' };
  });
  return [...attached, ...g.detachedTargetGroups.map((d) => ({ arn: d.arn, State: 'Removing' }))];
}

/**
 * `Added` then `InService` once an instance passed the health checks; `Removing` while targets drain.
 * Paged by MaxRecords (default and maximum 100).
 */
export const DescribeLoadBalancerTargetGroups: Handler<
  DescribeLoadBalancerTargetGroupsCommandInput,
  DescribeLoadBalancerTargetGroupsCommandOutput
> = (input, ctx) => {
  advanceAutoScaling(ctx.sim, ctx.region);
  const g = requireGroup(ctx, input.AutoScalingGroupName);
  const { page, next } = paginate(
    targetGroupStates(ctx, g),
    input,
    ASG_PAGING.DescribeLoadBalancerTargetGroups,
  );
  return {
    LoadBalancerTargetGroups: page.map((t) => ({ LoadBalancerTargetGroupARN: t.arn, State: t.State })),
    NextToken: next,
  };
};
