/**
 * Auto Scaling (awsQuery, signing name `autoscaling`): groups of real EC2 instances (launch template
 * or mixed instances policy), capacity changes, and instance refreshes (see engine.ts).
 */
import { AwsError, type CallContext, type ServiceModel, type SimulatorApi } from '../../core/types.js';
import { createLaunchTemplate } from '../ec2/launch-templates.js';
import { defaultSubnetId } from '../ec2/network.js';
import { paginate } from '../ec2/pagination.js';
import { baseAmiId, DEFAULT_INSTANCE_PROFILE } from '../ec2/scenario.js';
import { nowIso, regionState } from '../ec2/state.js';
import { targetGroups } from '../elbv2/targets.js';
import {
  activeRefresh,
  advanceAutoScaling,
  beginRollback,
  configOf,
  launchInstance,
  newRefreshId,
  resolveConfig,
  templateSpecOf,
  terminateInstance,
} from './engine.js';
import {
  AttachLoadBalancerTargetGroups,
  CreateOrUpdateTags,
  DeleteTags,
  DescribeLifecycleHooks,
  DescribeLoadBalancerTargetGroups,
  DescribePolicies,
  DescribeTags,
  DetachLoadBalancerTargetGroups,
  EnableMetricsCollection,
  hookRecord,
  PutLifecycleHook,
  PutScalingPolicy,
} from './settings.js';
import { asgRegion, type GroupConfig, type GroupRecord, initAsgState, type RefreshRecord } from './state.js';

function notFound(name: string): AwsError {
  return new AwsError(
    'ValidationError',
    `AutoScalingGroup name not found - AutoScalingGroup '${name}' not found`,
  );
}

function requireGroup(ctx: CallContext, name: unknown): GroupRecord {
  const g = asgRegion(ctx.sim, ctx.region).groups[String(name ?? '')];
  if (!g) throw notFound(String(name ?? ''));
  return g;
}

function groupOutput(g: GroupRecord) {
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
    CreatedTime: g.CreatedTime,
    SuspendedProcesses: [],
    VPCZoneIdentifier: g.VPCZoneIdentifier,
    EnabledMetrics: g.EnabledMetrics ?? [],
    Tags: g.Tags.map((t) => ({
      ResourceId: g.AutoScalingGroupName,
      ResourceType: 'auto-scaling-group',
      ...t,
    })),
    TerminationPolicies: g.TerminationPolicies ?? ['Default'],
    NewInstancesProtectedFromScaleIn: false,
    ServiceLinkedRoleARN: `arn:aws:iam::${g.AutoScalingGroupARN.split(':')[4]}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`,
    CapacityRebalance: g.CapacityRebalance ?? false,
  };
}

function DescribeAutoScalingGroups(input: Record<string, any>, ctx: CallContext) {
  advanceAutoScaling(ctx.sim, ctx.region);
  const all = Object.values(asgRegion(ctx.sim, ctx.region).groups);
  const names: string[] = input.AutoScalingGroupNames ?? [];
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
  const { page, nextToken } = paginate(items, input.MaxRecords, input.NextToken, {
    min: 1,
    max: 100,
    tokenError: 'InvalidNextToken',
  });
  return { AutoScalingGroups: page.map(groupOutput), NextToken: nextToken };
}

function checkConfig(ctx: CallContext, config: GroupConfig): void {
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

/** Creates a group and launches its desired capacity (used by the handler and the scenario seed). */
export function createGroup(sim: SimulatorApi, region: string, input: Record<string, any>): GroupRecord {
  const groups = asgRegion(sim, region).groups;
  const name = String(input.AutoScalingGroupName ?? '');
  if (!name) throw new AwsError('ValidationError', 'AutoScalingGroupName is required');
  if (groups[name])
    throw new AwsError(
      'AlreadyExists',
      `AutoScalingGroup by this name already exists - A group with the name ${name} already exists`,
    );
  const ctx = {
    sim,
    region,
    accountId: sim.accountId,
    service: 'autoscaling',
    operation: 'CreateAutoScalingGroup',
  };
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
    Tags: (input.Tags ?? []).map((t: any) => ({
      Key: t.Key,
      Value: t.Value ?? '',
      PropagateAtLaunch: !!t.PropagateAtLaunch,
    })),
    TerminationPolicies: input.TerminationPolicies?.length ? input.TerminationPolicies : ['Default'],
    CapacityRebalance: !!input.CapacityRebalance,
    LifecycleHooks: ((input.LifecycleHookSpecificationList ?? []) as Record<string, any>[]).map((h) =>
      hookRecord(name, h),
    ),
    ScalingPolicies: [],
    instances: [],
    history: [],
  };
  groups[name] = g;
  for (let k = 0; k < desired; k++) launchInstance(sim, region, g, config, sim.clock.nowMs());
  return g;
}

function CreateAutoScalingGroup(input: Record<string, any>, ctx: CallContext) {
  advanceAutoScaling(ctx.sim, ctx.region);
  createGroup(ctx.sim, ctx.region, input);
  return {};
}

function UpdateAutoScalingGroup(input: Record<string, any>, ctx: CallContext) {
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
  Object.assign(g, { MinSize: min, MaxSize: max });
  if (input.HealthCheckType) g.HealthCheckType = input.HealthCheckType;
  if (input.HealthCheckGracePeriod !== undefined)
    g.HealthCheckGracePeriod = Number(input.HealthCheckGracePeriod);
  if (input.DefaultInstanceWarmup !== undefined)
    g.DefaultInstanceWarmup = Number(input.DefaultInstanceWarmup);
  if (input.TerminationPolicies?.length) g.TerminationPolicies = input.TerminationPolicies;
  if (input.CapacityRebalance !== undefined) g.CapacityRebalance = !!input.CapacityRebalance;
  const now = ctx.sim.clock.nowMs();
  const live = () => g.instances.filter((i) => i.LifecycleState !== 'Terminating');
  g.DesiredCapacity = desired;
  while (live().length < desired) launchInstance(ctx.sim, ctx.region, g, configOf(g), now);
  while (live().length > desired) terminateInstance(ctx.sim, ctx.region, g, live()[live().length - 1], now);
  return {};
}

function DeleteAutoScalingGroup(input: Record<string, any>, ctx: CallContext) {
  advanceAutoScaling(ctx.sim, ctx.region);
  const g = requireGroup(ctx, input.AutoScalingGroupName);
  const live = g.instances.filter((i) => i.LifecycleState !== 'Terminating');
  if (live.length && !input.ForceDelete) {
    throw new AwsError(
      'ResourceInUse',
      'You cannot delete an AutoScalingGroup while there are instances still in the group.',
    );
  }
  for (const i of live) terminateInstance(ctx.sim, ctx.region, g, i, ctx.sim.clock.nowMs());
  delete asgRegion(ctx.sim, ctx.region).groups[g.AutoScalingGroupName];
  return {};
}

const NUMBERED = /^\d+$/;

function checkPreferences(p: Record<string, any>, desired: GroupConfig | undefined, ctx: CallContext) {
  const min = p.MinHealthyPercentage ?? 90;
  if (!(min >= 0 && min <= 100))
    throw new AwsError('ValidationError', 'MinHealthyPercentage must be between 0 and 100.');
  if (p.MaxHealthyPercentage !== undefined) {
    const max = p.MaxHealthyPercentage;
    if (!(max >= 100 && max <= 200))
      throw new AwsError('ValidationError', 'MaxHealthyPercentage must be between 100 and 200.');
    if (max - min > 100) {
      throw new AwsError(
        'ValidationError',
        'The difference between MaxHealthyPercentage and MinHealthyPercentage cannot be greater than 100.',
      );
    }
  }
  const cps: number[] = p.CheckpointPercentages ?? [];
  for (let k = 0; k < cps.length; k++) {
    if (!(cps[k] >= 1 && cps[k] <= 100) || (k > 0 && cps[k] <= cps[k - 1])) {
      throw new AwsError(
        'ValidationError',
        'CheckpointPercentages must be in ascending order, each between 1 and 100.',
      );
    }
  }
  if ((p.AlarmSpecification?.Alarms ?? []).length > 10) {
    throw new AwsError('ValidationError', 'AlarmSpecification can contain at most 10 alarms.');
  }
  if (p.AutoRollback === true) {
    const spec = desired ? templateSpecOf(desired) : undefined;
    if (!spec || !NUMBERED.test(String(spec.Version ?? ''))) {
      throw new AwsError(
        'ValidationError',
        'AutoRollback is only supported when the desired configuration specifies a launch template with a specific version number (not $Latest or $Default).',
      );
    }
  }
  if (p.Strategy && p.Strategy !== 'Rolling')
    throw new AwsError('ValidationError', 'Strategy must be Rolling.');
  void ctx;
}

function StartInstanceRefresh(input: Record<string, any>, ctx: CallContext) {
  advanceAutoScaling(ctx.sim, ctx.region);
  const g = requireGroup(ctx, input.AutoScalingGroupName);
  const strategy = input.Strategy ?? 'Rolling';
  if (strategy !== 'Rolling' && strategy !== 'ReplaceRootVolume') {
    throw new AwsError('ValidationError', `Strategy ${strategy} is not valid.`);
  }
  if (activeRefresh(ctx.sim, ctx.region, g.AutoScalingGroupName)) {
    throw new AwsError(
      'InstanceRefreshInProgress',
      'An Instance Refresh is already in progress and blocks the execution of this Instance Refresh.',
    );
  }
  const desired: GroupConfig | undefined = input.DesiredConfiguration
    ? input.DesiredConfiguration.MixedInstancesPolicy
      ? { MixedInstancesPolicy: input.DesiredConfiguration.MixedInstancesPolicy }
      : { LaunchTemplate: input.DesiredConfiguration.LaunchTemplate }
    : undefined;
  if (desired) checkConfig(ctx, desired);
  const prefs: Record<string, any> = {
    MinHealthyPercentage: 90,
    SkipMatching: false,
    AutoRollback: false,
    ...input.Preferences,
  };
  checkPreferences(prefs, desired, ctx);
  const refresh: RefreshRecord = {
    InstanceRefreshId: newRefreshId(),
    AutoScalingGroupName: g.AutoScalingGroupName,
    Status: 'Pending',
    StartTime: nowIso(ctx.sim),
    Strategy: strategy,
    Preferences: prefs,
    DesiredConfiguration: desired,
    previous: configOf(g),
    total: 0,
    replaced: 0,
    phase: 'forward',
    checkpoints: [],
    pendingTerminate: [],
  };
  const reg = asgRegion(ctx.sim, ctx.region);
  reg.refreshes.push(refresh);
  // Counted before the first step: what the forward phase must replace.
  const config = desired ?? configOf(g);
  const resolved = resolveConfig(ctx.sim, ctx.region, config);
  refresh.total = g.instances.filter(
    (i) =>
      i.LifecycleState !== 'Terminating' &&
      !(
        prefs.SkipMatching === true &&
        resolved &&
        i.LaunchTemplate.LaunchTemplateId === resolved.lt.LaunchTemplateId &&
        i.versionNumber === resolved.version.VersionNumber
      ),
  ).length;
  advanceAutoScaling(ctx.sim, ctx.region);
  return { InstanceRefreshId: refresh.InstanceRefreshId };
}

function refreshOutput(r: RefreshRecord) {
  const pct = r.total ? Math.floor((Math.min(r.replaced, r.total) / r.total) * 100) : 100;
  const left = Math.max(0, r.total - r.replaced);
  const forwardDone = r.phase === 'rollback' ? r.rollback : undefined;
  const percentage =
    r.Status === 'Successful' ? 100 : forwardDone ? forwardDone.PercentageCompleteOnRollback : pct;
  const toUpdate =
    r.Status === 'Successful' ? 0 : forwardDone ? forwardDone.InstancesToUpdateOnRollback : left;
  return {
    InstanceRefreshId: r.InstanceRefreshId,
    AutoScalingGroupName: r.AutoScalingGroupName,
    Status: r.Status,
    StatusReason: r.StatusReason,
    StartTime: r.StartTime,
    EndTime: r.EndTime,
    PercentageComplete: percentage,
    InstancesToUpdate: toUpdate,
    ProgressDetails: { LivePoolProgress: { PercentageComplete: percentage, InstancesToUpdate: toUpdate } },
    Preferences: r.Preferences,
    DesiredConfiguration: r.DesiredConfiguration,
    Strategy: r.Strategy,
    RollbackDetails: r.rollback
      ? {
          ...r.rollback,
          ProgressDetailsOnRollback: {
            LivePoolProgress: { PercentageComplete: pct, InstancesToUpdate: left },
          },
        }
      : undefined,
  };
}

function DescribeInstanceRefreshes(input: Record<string, any>, ctx: CallContext) {
  advanceAutoScaling(ctx.sim, ctx.region);
  const g = requireGroup(ctx, input.AutoScalingGroupName);
  const ids: string[] = input.InstanceRefreshIds ?? [];
  const items = asgRegion(ctx.sim, ctx.region)
    .refreshes.filter((r) => r.AutoScalingGroupName === g.AutoScalingGroupName)
    .filter((r) => !ids.length || ids.includes(r.InstanceRefreshId))
    .reverse();
  const { page, nextToken } = paginate(items, input.MaxRecords, input.NextToken, {
    min: 1,
    max: 100,
    tokenError: 'InvalidNextToken',
  });
  return { InstanceRefreshes: page.map(refreshOutput), NextToken: nextToken };
}

function CancelInstanceRefresh(input: Record<string, any>, ctx: CallContext) {
  advanceAutoScaling(ctx.sim, ctx.region);
  const g = requireGroup(ctx, input.AutoScalingGroupName);
  const r = activeRefresh(ctx.sim, ctx.region, g.AutoScalingGroupName);
  if (!r || r.Status === 'Cancelling') {
    throw new AwsError(
      'ActiveInstanceRefreshNotFound',
      'No in progress or pending Instance Refresh found for Auto Scaling group.',
    );
  }
  r.Status = 'Cancelling';
  r.StatusReason = 'Cancellation requested by the user.';
  r.waitUntil = undefined;
  advanceAutoScaling(ctx.sim, ctx.region);
  return { InstanceRefreshId: r.InstanceRefreshId };
}

function RollbackInstanceRefresh(input: Record<string, any>, ctx: CallContext) {
  advanceAutoScaling(ctx.sim, ctx.region);
  const g = requireGroup(ctx, input.AutoScalingGroupName);
  const r = activeRefresh(ctx.sim, ctx.region, g.AutoScalingGroupName);
  if (!r || (r.Status !== 'InProgress' && r.Status !== 'Pending' && r.Status !== 'Baking')) {
    throw new AwsError(
      'ActiveInstanceRefreshNotFound',
      'No in progress or pending Instance Refresh found for Auto Scaling group.',
    );
  }
  const spec = r.DesiredConfiguration ? templateSpecOf(r.DesiredConfiguration) : undefined;
  if (!spec || !NUMBERED.test(String(spec.Version ?? ''))) {
    throw new AwsError(
      'IrreversibleInstanceRefresh',
      'The instance refresh cannot be rolled back: it has no desired configuration with a specific launch template version number.',
    );
  }
  beginRollback(ctx.sim, ctx.region, g, r, nowIso(ctx.sim), 'Rollback requested by the user.');
  advanceAutoScaling(ctx.sim, ctx.region);
  return { InstanceRefreshId: r.InstanceRefreshId };
}

export interface AsgScenarioSection {
  /** Launch templates to create first (they live in EC2's state). */
  launchTemplates?: {
    region: string;
    name: string;
    imageId?: string;
    instanceType?: string;
    instanceProfile?: string;
  }[];
  groups?: {
    region: string;
    name: string;
    launchTemplate: string;
    /** A number, `$Latest` or `$Default` (default `1`). */
    version?: string;
    capacity: number;
    minSize?: number;
    maxSize?: number;
    targetGroups?: string[];
    healthCheckType?: 'EC2' | 'ELB';
    healthCheckGracePeriod?: number;
    /** Refer to the template inside a mixed instances policy. */
    mixedInstances?: boolean;
  }[];
}

export const defaultScenarioSection: AsgScenarioSection = {
  launchTemplates: [{ region: 'us-east-1', name: 'demo-app', instanceType: 't3.micro' }],
  groups: [
    {
      region: 'us-east-1',
      name: 'demo-app',
      launchTemplate: 'demo-app',
      version: '1',
      capacity: 4,
      minSize: 2,
      maxSize: 8,
      targetGroups: ['demo-app'],
      healthCheckType: 'EC2',
      healthCheckGracePeriod: 60,
    },
  ],
};

function seed(section: unknown, sim: SimulatorApi) {
  const s = (section ?? {}) as AsgScenarioSection;
  for (const t of s.launchTemplates ?? []) {
    createLaunchTemplate(sim, t.region, t.name, {
      ImageId: t.imageId ?? baseAmiId(t.region),
      InstanceType: t.instanceType ?? 't3.micro',
      IamInstanceProfile: { Name: t.instanceProfile ?? DEFAULT_INSTANCE_PROFILE },
    });
  }
  for (const g of s.groups ?? []) {
    const spec = { LaunchTemplateName: g.launchTemplate, Version: g.version ?? '1' };
    const zone = `${g.region}a`;
    regionState(sim, g.region);
    const tgArns = (g.targetGroups ?? []).map((name) => {
      const tg = Object.values(targetGroups(sim, g.region)).find((t) => t.TargetGroupName === name);
      if (!tg) throw new Error(`scenario: no target group ${name} in ${g.region}`);
      return tg.TargetGroupArn;
    });
    const created = createGroup(sim, g.region, {
      AutoScalingGroupName: g.name,
      ...(g.mixedInstances
        ? {
            MixedInstancesPolicy: {
              LaunchTemplate: {
                LaunchTemplateSpecification: spec,
                Overrides: [{ InstanceType: 't3.micro' }, { InstanceType: 't3a.micro' }],
              },
              InstancesDistribution: { OnDemandBaseCapacity: 0, OnDemandPercentageAboveBaseCapacity: 100 },
            },
          }
        : { LaunchTemplate: spec }),
      MinSize: g.minSize ?? 1,
      MaxSize: g.maxSize ?? Math.max(g.capacity * 2, 1),
      DesiredCapacity: g.capacity,
      VPCZoneIdentifier: defaultSubnetId(sim.accountId, g.region, zone),
      TargetGroupARNs: tgArns,
      HealthCheckType: g.healthCheckType ?? 'EC2',
      HealthCheckGracePeriod: g.healthCheckGracePeriod ?? 300,
    });
    // Seeded groups start settled: every instance running, in service and healthy in its target groups.
    const past = new Date(sim.clock.nowMs() - 3600_000).toISOString();
    const r = regionState(sim, g.region);
    for (const gi of created.instances) {
      gi.launchedAt = past;
      gi.inServiceAt = past;
      gi.LifecycleState = 'InService';
      const inst = r.instances[gi.InstanceId];
      inst.launchedAt = past;
      inst.transitions = [{ state: 'running', at: past }];
      for (const tg of Object.values(targetGroups(sim, g.region))) {
        for (const t of tg.targets) if (t.Id === gi.InstanceId) t.registeredAt = past;
      }
    }
    created.history = [
      { time: past, inService: created.instances.length, desired: created.DesiredCapacity, event: 'seeded' },
    ];
  }
}

export const autoscaling: ServiceModel = {
  signingName: 'autoscaling',
  handlers: {
    DescribeAutoScalingGroups,
    CreateAutoScalingGroup,
    UpdateAutoScalingGroup,
    DeleteAutoScalingGroup,
    StartInstanceRefresh,
    DescribeInstanceRefreshes,
    CancelInstanceRefresh,
    RollbackInstanceRefresh,
    CreateOrUpdateTags,
    DeleteTags,
    DescribeTags,
    AttachLoadBalancerTargetGroups,
    DetachLoadBalancerTargetGroups,
    DescribeLoadBalancerTargetGroups,
    PutLifecycleHook,
    DescribeLifecycleHooks,
    PutScalingPolicy,
    DescribePolicies,
    EnableMetricsCollection,
  },
  initState: initAsgState,
  seed,
};
