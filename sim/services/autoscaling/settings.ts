/**
 * What a group carries besides its instances: tags, attached target groups (detaching one
 * deregisters the group's instances, which drain over the target group's deregistration delay),
 * lifecycle hooks, scaling policies and metrics collection.
 */
import { AwsError, type CallContext } from '../../core/types.js';
import { nowIso } from '../ec2/state.js';
import { ms } from '../ec2/timing.js';
import {
  DEREGISTRATION_DELAY_SECONDS,
  deregisterTarget,
  registerTarget,
  targetGroups,
} from '../elbv2/targets.js';
import { advanceAutoScaling } from './engine.js';
import { asgRegion, type GroupRecord } from './state.js';

function group(ctx: CallContext, name: unknown): GroupRecord {
  const g = asgRegion(ctx.sim, ctx.region).groups[String(name ?? '')];
  if (!g) {
    throw new AwsError(
      'ValidationError',
      `AutoScalingGroup name not found - AutoScalingGroup '${String(name ?? '')}' not found`,
    );
  }
  return g;
}

function liveInstances(g: GroupRecord) {
  return g.instances.filter((i) => i.LifecycleState !== 'Terminating');
}

// ---- tags ----

interface TagInput {
  ResourceId?: string;
  ResourceType?: string;
  Key?: string;
  Value?: string;
  PropagateAtLaunch?: boolean;
}

function tagTargets(ctx: CallContext, tags: unknown): { g: GroupRecord; t: TagInput }[] {
  const list = (tags ?? []) as TagInput[];
  if (!list.length) throw new AwsError('ValidationError', 'Tags must contain at least one tag');
  return list.map((t) => {
    if (t.ResourceType && t.ResourceType !== 'auto-scaling-group') {
      throw new AwsError('ValidationError', `Invalid resource type: ${t.ResourceType}`);
    }
    if (!t.Key) throw new AwsError('ValidationError', 'Tag key must not be empty');
    return { g: group(ctx, t.ResourceId), t };
  });
}

export function CreateOrUpdateTags(input: Record<string, any>, ctx: CallContext) {
  for (const { g, t } of tagTargets(ctx, input.Tags)) {
    const tag = { Key: t.Key!, Value: t.Value ?? '', PropagateAtLaunch: !!t.PropagateAtLaunch };
    const at = g.Tags.findIndex((x) => x.Key === t.Key);
    if (at >= 0) g.Tags[at] = tag;
    else {
      if (g.Tags.length >= 50) throw new AwsError('LimitExceeded', 'The quota of 50 tags was exceeded');
      g.Tags.push(tag);
    }
  }
  return {};
}

export function DeleteTags(input: Record<string, any>, ctx: CallContext) {
  for (const { g, t } of tagTargets(ctx, input.Tags)) {
    g.Tags = g.Tags.filter((x) => x.Key !== t.Key || (t.Value !== undefined && x.Value !== t.Value));
  }
  return {};
}

export function DescribeTags(input: Record<string, any>, ctx: CallContext) {
  const all = Object.values(asgRegion(ctx.sim, ctx.region).groups).flatMap((g) =>
    g.Tags.map((t) => ({
      ResourceId: g.AutoScalingGroupName,
      ResourceType: 'auto-scaling-group',
      ...t,
    })),
  );
  let items = all;
  for (const f of (input.Filters ?? []) as { Name?: string; Values?: string[] }[]) {
    const values = f.Values ?? [];
    const pick: Record<string, (t: (typeof all)[number]) => string> = {
      'auto-scaling-group': (t) => t.ResourceId,
      key: (t) => t.Key,
      value: (t) => t.Value,
      'propagate-at-launch': (t) => String(t.PropagateAtLaunch),
    };
    const get = pick[f.Name ?? ''];
    if (!get) throw new AwsError('ValidationError', `Filter name '${f.Name}' is not valid`);
    items = items.filter((t) => values.includes(get(t)));
  }
  return { Tags: items };
}

// ---- target groups ----

function checkTargetGroupArns(ctx: CallContext, arns: unknown): string[] {
  const list = (arns ?? []) as string[];
  if (!list.length) throw new AwsError('ValidationError', 'TargetGroupARNs must contain at least one ARN');
  for (const arn of list) {
    if (!targetGroups(ctx.sim, ctx.region)[arn])
      throw new AwsError('ValidationError', `Target group ${arn} not found`);
  }
  return list;
}

export function AttachLoadBalancerTargetGroups(input: Record<string, any>, ctx: CallContext) {
  advanceAutoScaling(ctx.sim, ctx.region);
  const g = group(ctx, input.AutoScalingGroupName);
  const now = nowIso(ctx.sim);
  for (const arn of checkTargetGroupArns(ctx, input.TargetGroupARNs)) {
    g.detachedTargetGroups = (g.detachedTargetGroups ?? []).filter((d) => d.arn !== arn);
    if (!g.TargetGroupARNs.includes(arn)) g.TargetGroupARNs.push(arn);
    const tg = targetGroups(ctx.sim, ctx.region)[arn];
    for (const i of liveInstances(g)) registerTarget(tg, i.InstanceId, undefined, now);
  }
  return {};
}

export function DetachLoadBalancerTargetGroups(input: Record<string, any>, ctx: CallContext) {
  advanceAutoScaling(ctx.sim, ctx.region);
  const g = group(ctx, input.AutoScalingGroupName);
  const now = nowIso(ctx.sim);
  for (const arn of checkTargetGroupArns(ctx, input.TargetGroupARNs)) {
    if (!g.TargetGroupARNs.includes(arn)) continue;
    g.TargetGroupARNs = g.TargetGroupARNs.filter((a) => a !== arn);
    g.detachedTargetGroups = [...(g.detachedTargetGroups ?? []), { arn, at: now }];
    const tg = targetGroups(ctx.sim, ctx.region)[arn];
    for (const i of g.instances) deregisterTarget(tg, i.InstanceId, now);
  }
  return {};
}

/** `Added` then `InService` once an instance passed the health checks; `Removing` while targets drain. */
export function DescribeLoadBalancerTargetGroups(input: Record<string, any>, ctx: CallContext) {
  advanceAutoScaling(ctx.sim, ctx.region);
  const g = group(ctx, input.AutoScalingGroupName);
  const now = ctx.sim.clock.nowMs();
  g.detachedTargetGroups = (g.detachedTargetGroups ?? []).filter(
    (d) => now < ms(d.at) + DEREGISTRATION_DELAY_SECONDS * 1000,
  );
  const ids = new Set(liveInstances(g).map((i) => i.InstanceId));
  const attached = g.TargetGroupARNs.map((arn) => {
    const tg = targetGroups(ctx.sim, ctx.region)[arn];
    const serving = tg?.targets.some((t) => ids.has(t.Id) && !t.deregisteredAt);
    return { LoadBalancerTargetGroupARN: arn, State: serving ? 'InService' : 'Added' };
  });
  const removing = g.detachedTargetGroups.map((d) => ({
    LoadBalancerTargetGroupARN: d.arn,
    State: 'Removing',
  }));
  return { LoadBalancerTargetGroups: [...attached, ...removing] };
}

// ---- lifecycle hooks and scaling policies (kept, not acted on) ----

const TRANSITIONS = ['autoscaling:EC2_INSTANCE_LAUNCHING', 'autoscaling:EC2_INSTANCE_TERMINATING'];

/** A lifecycle hook as stored and described (PutLifecycleHook, or CreateAutoScalingGroup's list). */
export function hookRecord(group: string, input: Record<string, any>, existing?: Record<string, any>) {
  const name = String(input.LifecycleHookName ?? '');
  if (!name) throw new AwsError('ValidationError', 'LifecycleHookName is required');
  const transition = input.LifecycleTransition ?? existing?.LifecycleTransition;
  if (!TRANSITIONS.includes(transition)) {
    throw new AwsError('ValidationError', `Invalid Lifecycle Transition: ${transition}`);
  }
  const heartbeat = Number(input.HeartbeatTimeout ?? existing?.HeartbeatTimeout ?? 3600);
  return {
    LifecycleHookName: name,
    AutoScalingGroupName: group,
    LifecycleTransition: transition,
    NotificationTargetARN: input.NotificationTargetARN ?? existing?.NotificationTargetARN,
    RoleARN: input.RoleARN ?? existing?.RoleARN,
    NotificationMetadata: input.NotificationMetadata ?? existing?.NotificationMetadata,
    HeartbeatTimeout: heartbeat,
    GlobalTimeout: Math.min(heartbeat * 100, 172800),
    DefaultResult: input.DefaultResult ?? existing?.DefaultResult ?? 'ABANDON',
  };
}

export function PutLifecycleHook(input: Record<string, any>, ctx: CallContext) {
  const g = group(ctx, input.AutoScalingGroupName);
  const hooks = g.LifecycleHooks ?? [];
  const existing = hooks.find((h) => h.LifecycleHookName === input.LifecycleHookName);
  const hook = hookRecord(g.AutoScalingGroupName, input, existing);
  g.LifecycleHooks = [...hooks.filter((h) => h.LifecycleHookName !== hook.LifecycleHookName), hook];
  return {};
}

export function DescribeLifecycleHooks(input: Record<string, any>, ctx: CallContext) {
  const g = group(ctx, input.AutoScalingGroupName);
  const names: string[] = input.LifecycleHookNames ?? [];
  const hooks = (g.LifecycleHooks ?? []).filter((h) => !names.length || names.includes(h.LifecycleHookName));
  return { LifecycleHooks: hooks };
}

export function PutScalingPolicy(input: Record<string, any>, ctx: CallContext) {
  const g = group(ctx, input.AutoScalingGroupName);
  const name = String(input.PolicyName ?? '');
  if (!name) throw new AwsError('ValidationError', 'PolicyName is required');
  const type = input.PolicyType ?? 'SimpleScaling';
  if (type === 'TargetTrackingScaling' && !input.TargetTrackingConfiguration) {
    throw new AwsError(
      'ValidationError',
      'TargetTrackingConfiguration is required for TargetTrackingScaling',
    );
  }
  const PolicyARN = `arn:aws:autoscaling:${ctx.region}:${ctx.accountId}:scalingPolicy:${g.AutoScalingGroupARN.split(':')[5]}:autoScalingGroupName/${g.AutoScalingGroupName}:policyName/${name}`;
  const { AutoScalingGroupName: _g, ...rest } = input;
  const policy = {
    ...rest,
    AutoScalingGroupName: g.AutoScalingGroupName,
    PolicyName: name,
    PolicyARN,
    PolicyType: type,
    Alarms: [],
    Enabled: input.Enabled ?? true,
  };
  g.ScalingPolicies = [...(g.ScalingPolicies ?? []).filter((p) => p.PolicyName !== name), policy];
  return { PolicyARN, Alarms: [] };
}

export function DescribePolicies(input: Record<string, any>, ctx: CallContext) {
  const groups = input.AutoScalingGroupName
    ? [group(ctx, input.AutoScalingGroupName)]
    : Object.values(asgRegion(ctx.sim, ctx.region).groups);
  const names: string[] = input.PolicyNames ?? [];
  const types: string[] = input.PolicyTypes ?? [];
  const policies = groups
    .flatMap((g) => g.ScalingPolicies ?? [])
    .filter((p) => !names.length || names.includes(p.PolicyName))
    .filter((p) => !types.length || types.includes(p.PolicyType));
  return { ScalingPolicies: policies };
}

const GROUP_METRICS = [
  'GroupMinSize',
  'GroupMaxSize',
  'GroupDesiredCapacity',
  'GroupInServiceInstances',
  'GroupPendingInstances',
  'GroupStandbyInstances',
  'GroupTerminatingInstances',
  'GroupTotalInstances',
  'GroupInServiceCapacity',
  'GroupPendingCapacity',
  'GroupStandbyCapacity',
  'GroupTerminatingCapacity',
  'GroupTotalCapacity',
  'WarmPoolDesiredCapacity',
  'WarmPoolWarmedCapacity',
  'WarmPoolPendingCapacity',
  'WarmPoolTerminatingCapacity',
  'WarmPoolTotalCapacity',
  'GroupAndWarmPoolDesiredCapacity',
  'GroupAndWarmPoolTotalCapacity',
];

/** Group metrics collection: Granularity must be `1Minute`; no Metrics means all of them. */
export function EnableMetricsCollection(input: Record<string, any>, ctx: CallContext) {
  const g = group(ctx, input.AutoScalingGroupName);
  if (input.Granularity !== '1Minute') {
    throw new AwsError('ValidationError', `Granularity '${input.Granularity}' is not valid: use 1Minute`);
  }
  const metrics: string[] = input.Metrics?.length ? input.Metrics : GROUP_METRICS;
  const unknown = metrics.filter((m) => !GROUP_METRICS.includes(m));
  if (unknown.length) throw new AwsError('ValidationError', `Metric ${unknown[0]} is not valid`);
  const kept = (g.EnabledMetrics ?? []).filter((m) => !metrics.includes(m.Metric));
  g.EnabledMetrics = [...kept, ...metrics.map((Metric) => ({ Metric, Granularity: '1Minute' }))];
  return {};
}
