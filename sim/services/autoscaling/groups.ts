/**
 * Auto Scaling groups of real EC2 instances (launch template or mixed instances policy):
 * DescribeAutoScalingGroups, CreateAutoScalingGroup, UpdateAutoScalingGroup, DeleteAutoScalingGroup.
 */
import type {
  AutoScalingGroup,
  CreateAutoScalingGroupCommandInput,
  CreateAutoScalingGroupCommandOutput,
  DeleteAutoScalingGroupCommandInput,
  DeleteAutoScalingGroupCommandOutput,
  DescribeAutoScalingGroupsCommandInput,
  DescribeAutoScalingGroupsCommandOutput,
  UpdateAutoScalingGroupCommandInput,
  UpdateAutoScalingGroupCommandOutput,
} from '@aws-sdk/client-auto-scaling';
import { paginate } from '../../core/pagination.js';
import { checkTag } from '../../core/tags.js';
import { nowIso } from '../../core/time.js';
import { AwsError, type CallContext, contextFor, type Handler, type SimulatorApi } from '../../core/types.js';
import { regionState } from '../ec2/region.js';
import { targetGroups } from '../elbv2/state.js';
import {
  advanceAutoScaling,
  configOf,
  launchInstance,
  newRefreshId,
  resolveConfig,
  templateSpecOf,
  terminateInstance,
} from './engine.js';
import { hookRecord } from './lifecycle-hooks.js';
import { ASG_PAGING, DEFAULT_MAX_GROUP_NAMES } from './limits.js';
import { asgRegion, capacityInstances, type GroupConfig, type GroupRecord, requireGroup } from './state.js';
import { ASG_TAG_ERRORS, checkGroupTags } from './tags.js';
import { checkTargetGroupCount } from './target-groups.js';
import { trafficSourcesOf } from './traffic-sources.js';
import { fillWarmPool, liveWarm, returnToPool, terminateWarm, warmPoolSize } from './warm-pool.js';

function groupOutput(g: GroupRecord): AutoScalingGroup {
  return {
    AutoScalingGroupName: g.AutoScalingGroupName,
    AutoScalingGroupARN: g.AutoScalingGroupARN,
    LaunchTemplate: g.LaunchTemplate,
    MixedInstancesPolicy: g.MixedInstancesPolicy,
    MinSize: g.MinSize,
    MaxSize: g.MaxSize,
    DesiredCapacity: g.DesiredCapacity,
    DefaultCooldown: g.DefaultCooldown,
    DefaultInstanceWarmup: g.DefaultInstanceWarmup,
    AvailabilityZones: g.AvailabilityZones,
    LoadBalancerNames: [],
    TargetGroupARNs: g.TargetGroupARNs,
    HealthCheckType: g.HealthCheckType,
    HealthCheckGracePeriod: g.HealthCheckGracePeriod,
    Instances: g.instances.map((i) => ({
      InstanceId: i.InstanceId,
      InstanceType: i.InstanceType,
      AvailabilityZone: i.AvailabilityZone,
      LifecycleState: i.LifecycleState,
      HealthStatus: i.HealthStatus,
      LaunchTemplate: i.LaunchTemplate,
      ProtectedFromScaleIn: i.ProtectedFromScaleIn,
    })),
    CreatedTime: new Date(g.CreatedTime),
    SuspendedProcesses: [],
    VPCZoneIdentifier: g.VPCZoneIdentifier,
    EnabledMetrics: g.EnabledMetrics ?? [],
    Tags: g.Tags.map((t) => ({
      ResourceId: g.AutoScalingGroupName,
      ResourceType: 'auto-scaling-group',
      ...t,
    })),
    TerminationPolicies: g.TerminationPolicies ?? ['Default'],
    NewInstancesProtectedFromScaleIn: !!g.NewInstancesProtectedFromScaleIn,
    InstanceMaintenancePolicy: g.InstanceMaintenancePolicy,
    WarmPoolConfiguration: g.warmPool
      ? {
          MinSize: g.warmPool.MinSize,
          MaxGroupPreparedCapacity: g.warmPool.MaxGroupPreparedCapacity,
          PoolState: g.warmPool.PoolState,
          InstanceReusePolicy: g.warmPool.InstanceReusePolicy,
        }
      : undefined,
    WarmPoolSize: g.warmPool ? liveWarm(g.warmPool).length : undefined,
    TrafficSources: trafficSourcesOf(g).map((t) => ({ Identifier: t.Identifier, Type: t.Type })),
    ServiceLinkedRoleARN: `arn:aws:iam::${g.AutoScalingGroupARN.split(':')[4]}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`,
    CapacityRebalance: g.CapacityRebalance ?? false,
  };
}

export const DescribeAutoScalingGroups: Handler<
  DescribeAutoScalingGroupsCommandInput,
  DescribeAutoScalingGroupsCommandOutput
> = (input, ctx) => {
  advanceAutoScaling(ctx.sim, ctx.region);
  const all = Object.values(asgRegion(ctx.sim, ctx.region).groups);
  const names: string[] = input.AutoScalingGroupNames ?? [];
  const maxNames = Math.max(DEFAULT_MAX_GROUP_NAMES, Number(input.MaxRecords ?? 0));
  if (names.length > maxNames) {
    throw new AwsError(
      'ValidationError',
      `The number of Auto Scaling group names (${names.length}) exceeds the limit of ${maxNames}. Specify up to ${DEFAULT_MAX_GROUP_NAMES} names, or raise MaxRecords (up to 100) to specify as many.`,
    );
  }
  let items = names.length ? all.filter((g) => names.includes(g.AutoScalingGroupName)) : all;
  for (const f of (input.Filters ?? []) as { Name?: string; Values?: string[] }[]) {
    const values = f.Values ?? [];
    const name = f.Name ?? '';
    items = items.filter((g) => {
      if (name === 'tag-key') return g.Tags.some((t) => values.includes(t.Key));
      if (name === 'tag-value') return g.Tags.some((t) => values.includes(t.Value));
      if (name.startsWith('tag:'))
        return g.Tags.some((t) => t.Key === name.slice(4) && values.includes(t.Value));
      throw new AwsError('ValidationError', `Filter name '${name}' is not valid`);
    });
  }
  const { page, next } = paginate(items, input, ASG_PAGING.DescribeAutoScalingGroups);
  return { AutoScalingGroups: page.map(groupOutput), NextToken: next };
};

/**
 * An instance maintenance policy as given (CreateAutoScalingGroup, UpdateAutoScalingGroup): minimum
 * 0 to 100, maximum 100 to 200, -1 clears one; at most 100 apart. Undefined when it clears both.
 */
export function maintenancePolicy(
  given: { MinHealthyPercentage?: number; MaxHealthyPercentage?: number } | undefined,
): GroupRecord['InstanceMaintenancePolicy'] {
  if (!given) return undefined;
  const min = given.MinHealthyPercentage;
  const max = given.MaxHealthyPercentage;
  if (min !== undefined && min !== -1 && !(Number.isInteger(min) && min >= 0 && min <= 100)) {
    throw new AwsError(
      'ValidationError',
      'MinHealthyPercentage must be between 0 and 100, or -1 to clear it.',
    );
  }
  if (max !== undefined && max !== -1 && !(Number.isInteger(max) && max >= 100 && max <= 200)) {
    throw new AwsError(
      'ValidationError',
      'MaxHealthyPercentage must be between 100 and 200, or -1 to clear it.',
    );
  }
  const set = (v: number | undefined) => (v === undefined || v === -1 ? undefined : v);
  if ((set(min) === undefined) !== (set(max) === undefined)) {
    throw new AwsError(
      'ValidationError',
      'Both MinHealthyPercentage and MaxHealthyPercentage must be specified in the instance maintenance policy.',
    );
  }
  if (set(min) === undefined) return undefined;
  if ((max as number) - (min as number) > 100) {
    throw new AwsError(
      'ValidationError',
      'The difference between MaxHealthyPercentage and MinHealthyPercentage cannot be greater than 100.',
    );
  }
  return { MinHealthyPercentage: min, MaxHealthyPercentage: max };
}

export function checkConfig(ctx: CallContext, config: GroupConfig): void {
  if (!templateSpecOf(config)) {
    throw new AwsError(
      'ValidationError',
      'Valid requests must contain either LaunchTemplate, LaunchConfigurationName, InstanceId or MixedInstancesPolicy parameter.',
    );
  }
  try {
    resolveConfig(ctx.sim, ctx.region, config);
  } catch (e) {
    if (e instanceof AwsError) throw new AwsError('ValidationError', e.message);
    throw e;
  }
}

/** The tags a new group is created with: checked, one per key (the last one given wins). */
function groupTags(tags: CreateAutoScalingGroupCommandInput['Tags']): GroupRecord['Tags'] {
  const byKey = new Map<string, GroupRecord['Tags'][number]>();
  for (const t of tags ?? []) {
    const { Key, Value } = checkTag(t, ASG_TAG_ERRORS);
    byKey.set(Key, { Key, Value, PropagateAtLaunch: !!t.PropagateAtLaunch });
  }
  return checkGroupTags([...byKey.values()]);
}

/** Creates a group and launches its desired capacity (used by the handler and the scenario seed). */
export function createGroup(
  sim: SimulatorApi,
  region: string,
  input: CreateAutoScalingGroupCommandInput,
): GroupRecord {
  const groups = asgRegion(sim, region).groups;
  const name = String(input.AutoScalingGroupName ?? '');
  if (!name) throw new AwsError('ValidationError', 'AutoScalingGroupName is required');
  if (groups[name])
    throw new AwsError(
      'AlreadyExists',
      `AutoScalingGroup by this name already exists - A group with the name ${name} already exists`,
    );
  const ctx = contextFor(sim, 'autoscaling', 'CreateAutoScalingGroup', region);
  const config: GroupConfig = input.MixedInstancesPolicy
    ? { MixedInstancesPolicy: input.MixedInstancesPolicy }
    : { LaunchTemplate: input.LaunchTemplate };
  checkConfig(ctx, config);
  const min = Number(input.MinSize ?? 0);
  const max = Number(input.MaxSize ?? 0);
  const desired = Number(input.DesiredCapacity ?? min);
  if (desired < min || desired > max) {
    throw new AwsError(
      'ValidationError',
      `Desired capacity:${desired} must be between the specified min size:${min} and max size:${max}`,
    );
  }
  const r = regionState(sim, region);
  const subnets = String(input.VPCZoneIdentifier ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const s of subnets)
    if (!r.subnets[s]) throw new AwsError('ValidationError', `The subnet ID '${s}' does not exist`);
  checkTargetGroupCount(name, new Set(input.TargetGroupARNs ?? []).size);
  for (const arn of input.TargetGroupARNs ?? []) {
    if (!targetGroups(sim, region)[arn])
      throw new AwsError('ValidationError', `Target group ${arn} not found`);
  }
  const g: GroupRecord = {
    AutoScalingGroupName: name,
    AutoScalingGroupARN: `arn:aws:autoscaling:${region}:${sim.accountId}:autoScalingGroup:${newRefreshId()}:autoScalingGroupName/${name}`,
    LaunchTemplate: config.LaunchTemplate,
    MixedInstancesPolicy: config.MixedInstancesPolicy,
    MinSize: min,
    MaxSize: max,
    DesiredCapacity: desired,
    DefaultCooldown: Number(input.DefaultCooldown ?? 300),
    DefaultInstanceWarmup: input.DefaultInstanceWarmup,
    AvailabilityZones: [...new Set(subnets.map((s) => r.subnets[s].AvailabilityZone))],
    VPCZoneIdentifier: subnets.join(','),
    TargetGroupARNs: input.TargetGroupARNs ?? [],
    HealthCheckType: input.HealthCheckType ?? 'EC2',
    HealthCheckGracePeriod: Number(input.HealthCheckGracePeriod ?? 300),
    CreatedTime: nowIso(sim),
    Tags: groupTags(input.Tags),
    TerminationPolicies: input.TerminationPolicies?.length ? input.TerminationPolicies : ['Default'],
    CapacityRebalance: !!input.CapacityRebalance,
    LifecycleHooks: (input.LifecycleHookSpecificationList ?? []).map((h) => hookRecord(name, h)),
    ScalingPolicies: [],
    InstanceMaintenancePolicy: maintenancePolicy(input.InstanceMaintenancePolicy),
    NewInstancesProtectedFromScaleIn: !!input.NewInstancesProtectedFromScaleIn,
    instances: [],
    history: [],
  };
  groups[name] = g;
  for (let k = 0; k < desired; k++) launchInstance(sim, region, g, config, sim.clock.nowMs());
  return g;
}

export const CreateAutoScalingGroup: Handler<
  CreateAutoScalingGroupCommandInput,
  CreateAutoScalingGroupCommandOutput
> = (input, ctx) => {
  advanceAutoScaling(ctx.sim, ctx.region);
  createGroup(ctx.sim, ctx.region, input);
  return {};
};

export const UpdateAutoScalingGroup: Handler<
  UpdateAutoScalingGroupCommandInput,
  UpdateAutoScalingGroupCommandOutput
> = (input, ctx) => {
  advanceAutoScaling(ctx.sim, ctx.region);
  const g = requireGroup(ctx, input.AutoScalingGroupName);
  if (input.LaunchTemplate || input.MixedInstancesPolicy) {
    const config: GroupConfig = input.MixedInstancesPolicy
      ? { MixedInstancesPolicy: input.MixedInstancesPolicy }
      : { LaunchTemplate: input.LaunchTemplate };
    checkConfig(ctx, config);
    g.LaunchTemplate = config.LaunchTemplate;
    g.MixedInstancesPolicy = config.MixedInstancesPolicy;
  }
  const min = Number(input.MinSize ?? g.MinSize);
  const max = Number(input.MaxSize ?? g.MaxSize);
  const desired = Number(input.DesiredCapacity ?? Math.min(Math.max(g.DesiredCapacity, min), max));
  if (min > max || desired < min || desired > max) {
    throw new AwsError(
      'ValidationError',
      `Desired capacity:${desired} must be between the specified min size:${min} and max size:${max}`,
    );
  }
  if (input.InstanceMaintenancePolicy) {
    g.InstanceMaintenancePolicy = maintenancePolicy(input.InstanceMaintenancePolicy);
  }
  Object.assign(g, { MinSize: min, MaxSize: max });
  if (input.HealthCheckType) g.HealthCheckType = input.HealthCheckType;
  if (input.HealthCheckGracePeriod !== undefined)
    g.HealthCheckGracePeriod = Number(input.HealthCheckGracePeriod);
  if (input.DefaultInstanceWarmup !== undefined)
    g.DefaultInstanceWarmup = Number(input.DefaultInstanceWarmup);
  if (input.TerminationPolicies?.length) g.TerminationPolicies = input.TerminationPolicies;
  if (input.CapacityRebalance !== undefined) g.CapacityRebalance = !!input.CapacityRebalance;
  if (input.NewInstancesProtectedFromScaleIn !== undefined)
    g.NewInstancesProtectedFromScaleIn = !!input.NewInstancesProtectedFromScaleIn;
  const now = ctx.sim.clock.nowMs();
  const live = () => capacityInstances(g);
  g.DesiredCapacity = desired;
  while (live().length < desired) launchInstance(ctx.sim, ctx.region, g, configOf(g), now);
  // Scale in: never an instance protected from scale in; to the warm pool with ReuseOnScaleIn.
  for (const victim of live()
    .filter((i) => !i.ProtectedFromScaleIn)
    .reverse()
    .slice(0, Math.max(0, live().length - desired))) {
    if (g.warmPool?.InstanceReusePolicy?.ReuseOnScaleIn && liveWarm(g.warmPool).length < warmPoolSize(g)) {
      returnToPool(ctx.sim, ctx.region, g, victim, now);
    } else terminateInstance(ctx.sim, ctx.region, g, victim, now);
  }
  fillWarmPool(ctx.sim, ctx.region, g, now);
  return {};
};

export const DeleteAutoScalingGroup: Handler<
  DeleteAutoScalingGroupCommandInput,
  DeleteAutoScalingGroupCommandOutput
> = (input, ctx) => {
  advanceAutoScaling(ctx.sim, ctx.region);
  const g = requireGroup(ctx, input.AutoScalingGroupName);
  const live = g.instances.filter((i) => i.LifecycleState !== 'Terminating');
  const warm = g.warmPool ? liveWarm(g.warmPool) : [];
  if ((live.length || warm.length) && !input.ForceDelete) {
    throw new AwsError(
      'ResourceInUse',
      warm.length && !live.length
        ? 'You cannot delete an AutoScalingGroup while its warm pool has instances: delete the warm pool first, or use ForceDelete.'
        : 'You cannot delete an AutoScalingGroup while there are instances still in the group.',
    );
  }
  // With the group go its instances, its warm pool, its scheduled actions and its traffic sources.
  for (const i of live) terminateInstance(ctx.sim, ctx.region, g, i, ctx.sim.clock.nowMs());
  for (const w of warm) terminateWarm(ctx.sim, ctx.region, w, ctx.sim.clock.nowMs());
  delete asgRegion(ctx.sim, ctx.region).groups[g.AutoScalingGroupName];
  return {};
};
