/**
 * A group's instances: DescribeAutoScalingInstances (across the region's groups), scale-in
 * protection (SetInstanceProtection) and Standby (EnterStandby, ExitStandby).
 */
import type {
  AutoScalingInstanceDetails,
  DescribeAutoScalingInstancesCommandInput,
  DescribeAutoScalingInstancesCommandOutput,
  EnterStandbyCommandInput,
  EnterStandbyCommandOutput,
  ExitStandbyCommandInput,
  ExitStandbyCommandOutput,
  SetInstanceProtectionCommandInput,
  SetInstanceProtectionCommandOutput,
} from '@aws-sdk/client-auto-scaling';
import { paginate } from '../../core/pagination.js';
import { isoAfter } from '../../core/time.js';
import { AwsError, type CallContext, type Handler } from '../../core/types.js';
import {
  activeRefresh,
  advanceAutoScaling,
  configOf,
  deregisterFromGroupTargets,
  IN_SERVICE_AFTER_RUNNING_SECONDS,
  launchInstance,
  record,
  registerInGroupTargets,
} from './engine.js';
import {
  ASG_PAGING,
  MAX_INSTANCE_IDS,
  MAX_PROTECTION_INSTANCE_IDS,
  MAX_STANDBY_INSTANCE_IDS,
} from './limits.js';
import { asgRegion, type GroupRecord, groupInstances, requireGroup } from './state.js';

export const DescribeAutoScalingInstances: Handler<
  DescribeAutoScalingInstancesCommandInput,
  DescribeAutoScalingInstancesCommandOutput
> = (input, ctx) => {
  advanceAutoScaling(ctx.sim, ctx.region);
  const ids = input.InstanceIds ?? [];
  if (ids.length > MAX_INSTANCE_IDS) {
    throw new AwsError(
      'ValidationError',
      `1 validation error detected: Value '[${ids.join(', ')}]' at 'instanceIds' failed to satisfy constraint: Member must have length less than or equal to ${MAX_INSTANCE_IDS}`,
    );
  }
  // Unknown ids are ignored, as AWS documents.
  const items: AutoScalingInstanceDetails[] = Object.values(asgRegion(ctx.sim, ctx.region).groups).flatMap(
    (g) =>
      g.instances
        .filter((i) => !ids.length || ids.includes(i.InstanceId))
        .map((i) => ({
          InstanceId: i.InstanceId,
          InstanceType: i.InstanceType,
          AutoScalingGroupName: g.AutoScalingGroupName,
          AvailabilityZone: i.AvailabilityZone,
          LifecycleState: i.LifecycleState,
          HealthStatus: i.HealthStatus.toUpperCase(),
          LaunchTemplate: i.LaunchTemplate,
          ProtectedFromScaleIn: i.ProtectedFromScaleIn,
        })),
  );
  const { page, next } = paginate(items, input, ASG_PAGING.DescribeAutoScalingInstances);
  return { AutoScalingInstances: page, NextToken: next };
};

/** Auto Scaling's answer to too many instance ids in one call. */
function tooManyIds(ids: string[], max: number): AwsError {
  return new AwsError(
    'ValidationError',
    `1 validation error detected: Value '[${ids.join(', ')}]' at 'instanceIds' failed to satisfy constraint: Member must have length less than or equal to ${max}`,
  );
}

/** A refresh waiting for protected or standby instances looks again at once when they change. */
function wakeBlockedRefresh(ctx: CallContext, g: GroupRecord): void {
  const refresh = activeRefresh(ctx.sim, ctx.region, g.AutoScalingGroupName);
  if (refresh?.blockedSince) refresh.waitUntil = undefined;
}

export const SetInstanceProtection: Handler<
  SetInstanceProtectionCommandInput,
  SetInstanceProtectionCommandOutput
> = (input, ctx) => {
  advanceAutoScaling(ctx.sim, ctx.region);
  const g = requireGroup(ctx, input.AutoScalingGroupName);
  const ids = input.InstanceIds ?? [];
  if (!ids.length || ids.length > MAX_PROTECTION_INSTANCE_IDS)
    throw tooManyIds(ids, MAX_PROTECTION_INSTANCE_IDS);
  if (input.ProtectedFromScaleIn === undefined) {
    throw new AwsError('ValidationError', 'ProtectedFromScaleIn is required');
  }
  for (const i of groupInstances(g, ids)) i.ProtectedFromScaleIn = !!input.ProtectedFromScaleIn;
  wakeBlockedRefresh(ctx, g);
  advanceAutoScaling(ctx.sim, ctx.region);
  return {};
};

/**
 * EnterStandby: InService instances leave the target groups and stop counting toward the capacity;
 * without ShouldDecrementDesiredCapacity the group launches replacements.
 */
export const EnterStandby: Handler<EnterStandbyCommandInput, EnterStandbyCommandOutput> = (input, ctx) => {
  advanceAutoScaling(ctx.sim, ctx.region);
  const g = requireGroup(ctx, input.AutoScalingGroupName);
  const ids = input.InstanceIds ?? [];
  if (!ids.length || ids.length > MAX_STANDBY_INSTANCE_IDS) throw tooManyIds(ids, MAX_STANDBY_INSTANCE_IDS);
  if (input.ShouldDecrementDesiredCapacity === undefined) {
    throw new AwsError('ValidationError', 'ShouldDecrementDesiredCapacity is required');
  }
  const instances = groupInstances(g, ids);
  for (const i of instances) {
    if (i.LifecycleState !== 'InService') {
      throw new AwsError(
        'ValidationError',
        `The instance ${i.InstanceId} is not in InService (it is ${i.LifecycleState}): only InService instances can enter Standby.`,
      );
    }
  }
  if (input.ShouldDecrementDesiredCapacity && g.DesiredCapacity - instances.length < g.MinSize) {
    throw new AwsError(
      'ValidationError',
      `Decrementing the desired capacity by ${instances.length} would make it ${g.DesiredCapacity - instances.length}, below the minimum size ${g.MinSize}.`,
    );
  }
  const now = ctx.sim.clock.nowMs();
  const atIso = new Date(now).toISOString();
  for (const i of instances) {
    i.LifecycleState = 'Standby';
    deregisterFromGroupTargets(ctx.sim, ctx.region, g, i.InstanceId, atIso);
    record(g, atIso, `standby ${i.InstanceId}`);
  }
  if (input.ShouldDecrementDesiredCapacity) g.DesiredCapacity -= instances.length;
  else for (const _ of instances) launchInstance(ctx.sim, ctx.region, g, configOf(g), now);
  return { Activities: [] };
};

/** ExitStandby: Standby instances come back (Pending, then InService) and the desired capacity grows by as many. */
export const ExitStandby: Handler<ExitStandbyCommandInput, ExitStandbyCommandOutput> = (input, ctx) => {
  advanceAutoScaling(ctx.sim, ctx.region);
  const g = requireGroup(ctx, input.AutoScalingGroupName);
  const ids = input.InstanceIds ?? [];
  if (!ids.length || ids.length > MAX_STANDBY_INSTANCE_IDS) throw tooManyIds(ids, MAX_STANDBY_INSTANCE_IDS);
  const instances = groupInstances(g, ids);
  for (const i of instances) {
    if (i.LifecycleState !== 'Standby') {
      throw new AwsError('ValidationError', `The instance ${i.InstanceId} is not in Standby.`);
    }
  }
  if (g.DesiredCapacity + instances.length > g.MaxSize) {
    throw new AwsError(
      'ValidationError',
      `Taking ${instances.length} instance(s) out of Standby would make the desired capacity ${g.DesiredCapacity + instances.length}, above the maximum size ${g.MaxSize}.`,
    );
  }
  const now = ctx.sim.clock.nowMs();
  const atIso = new Date(now).toISOString();
  for (const i of instances) {
    i.LifecycleState = 'Pending';
    i.inServiceAt = isoAfter(now, IN_SERVICE_AFTER_RUNNING_SECONDS);
    registerInGroupTargets(ctx.sim, ctx.region, g, i.InstanceId, atIso);
  }
  g.DesiredCapacity += instances.length;
  wakeBlockedRefresh(ctx, g);
  return { Activities: [] };
};
