/**
 * The incoming group of a blue-green rollout, the one that takes over from the live group:
 * - a deploy's idle group, made to be what the live group is but with the new AMI: new numbered
 *   versions of the live group's launch templates, and the live group's sizes, subnets, health
 *   checks, warm-up, termination policies, capacity rebalance, instance maintenance policy, tags,
 *   target groups, lifecycle hooks, scaling policies, metrics collection, warm pool, scheduled
 *   actions and traffic sources (extras.ts); created, or (when it exists and is empty) updated;
 * - a rollback's kept group, scaled back to the live group's sizes in the target groups it will
 *   serve from, with the live group's maintenance policy, warm pool, scheduled actions and traffic
 *   sources.
 * Either is recorded in the undo journal before it is touched: until the switch, a failure (or the
 * post step) shifts any traffic back and deletes the group (when this step created it) or scales it
 * back to zero.
 */
import * as core from '@actions/core';
import {
  AutoScalingClient,
  type AutoScalingGroup,
  CreateAutoScalingGroupCommand,
  CreateOrUpdateTagsCommand,
  DeleteAutoScalingGroupCommand,
  DeleteTagsCommand,
  DescribeLifecycleHooksCommand,
  DescribePoliciesCommand,
  EnableMetricsCollectionCommand,
  type LaunchTemplateSpecification,
  type MixedInstancesPolicy,
  PutScalingPolicyCommand,
  type ScalingPolicy,
  UpdateAutoScalingGroupCommand,
} from '@aws-sdk/client-auto-scaling';
import { awsClient } from '../../aws/clients.js';
import { errorCode } from '../../aws/errors.js';
import type { GroupState } from '../../aws/groups.js';
import type { RunContext } from '../../context.js';
import { runTag } from '../../context.js';
import type { Recorded } from '../../kernel/journal.js';
import type { StepScope, UndoScope } from '../../kernel/plan.js';
import type { UndoOf } from '../../kernel/state.js';
import { fromTagList, TAG } from '../../tags.js';
import { desiredConfiguration, type NewVersions } from '../refresh.js';
import {
  attachTargetGroups,
  copyExtras,
  detachTargetGroups,
  type GroupExtras,
  removeExtras,
} from './extras.js';
import { BG_TAG, NOT_INHERITED } from './tags.js';
import { shiftBack, type TrafficPlan } from './traffic.js';

export interface IdlePlan {
  live: GroupState;
  name: string;
  colour: string;
  ami: string;
  targetGroupArns: string[];
  /** The idle group when it exists already. */
  existing?: AutoScalingGroup;
  traffic?: TrafficPlan;
  /** The live group's warm pool, scheduled actions and traffic sources. */
  extras: GroupExtras;
}

export type Incoming = Recorded<'retire-incoming-group'>;
type Previous = NonNullable<UndoOf<'retire-incoming-group'>['previous']>;

/** The tags prepareIdle writes or removes on an existing group, which its undo puts back. */
const RESTORED_TAGS: string[] = [
  BG_TAG.colour,
  BG_TAG.ami,
  BG_TAG.keepUntil,
  BG_TAG.rolledBack,
  TAG.runId,
  TAG.runUrl,
];

/** A launch template as UpdateAutoScalingGroup takes it: its id (else its name), not both. */
function launchSpec(spec: LaunchTemplateSpecification): LaunchTemplateSpecification {
  return spec.LaunchTemplateId
    ? { LaunchTemplateId: spec.LaunchTemplateId, Version: spec.Version }
    : { LaunchTemplateName: spec.LaunchTemplateName, Version: spec.Version };
}

/**
 * What an existing group is before a step changes it, for the undo to put back: its launch template
 * (or mixed instances policy), sizes and the tags blue-green keeps on it.
 */
function previousOf(group: AutoScalingGroup): Previous {
  const tags = fromTagList(group.Tags);
  let mixed: MixedInstancesPolicy | undefined;
  if (group.MixedInstancesPolicy) {
    mixed = structuredClone(group.MixedInstancesPolicy);
    const template = mixed.LaunchTemplate;
    if (template?.LaunchTemplateSpecification) {
      template.LaunchTemplateSpecification = launchSpec(template.LaunchTemplateSpecification);
    }
    for (const o of template?.Overrides ?? []) {
      if (o.LaunchTemplateSpecification)
        o.LaunchTemplateSpecification = launchSpec(o.LaunchTemplateSpecification);
    }
  }
  return {
    launchTemplate: group.LaunchTemplate ? launchSpec(group.LaunchTemplate) : undefined,
    mixedInstancesPolicy: mixed as Record<string, unknown> | undefined,
    minSize: group.MinSize ?? 0,
    maxSize: group.MaxSize ?? 0,
    desiredCapacity: group.DesiredCapacity ?? 0,
    tags: Object.fromEntries(RESTORED_TAGS.filter((key) => key in tags).map((key) => [key, tags[key]])),
  };
}

/** Deletes tags of a group by key, whatever their value; a key it does not have is no error. */
async function removeTags(client: AutoScalingClient, group: string, keys: string[]) {
  if (!keys.length) return;
  // No Value: Auto Scaling deletes a tag given with a value only when the value matches.
  await client.send(
    new DeleteTagsCommand({
      Tags: keys.map((Key) => ({ ResourceId: group, ResourceType: 'auto-scaling-group', Key })),
    }),
  );
}

/** Puts an existing group back as `previous` says: launch template, sizes, blue-green tags. */
async function restore(region: string, group: string, previous: Previous): Promise<string> {
  const client = awsClient(AutoScalingClient, region);
  await client.send(
    new UpdateAutoScalingGroupCommand({
      AutoScalingGroupName: group,
      LaunchTemplate: previous.launchTemplate,
      MixedInstancesPolicy: previous.mixedInstancesPolicy as MixedInstancesPolicy | undefined,
      MinSize: previous.minSize,
      MaxSize: previous.maxSize,
      DesiredCapacity: previous.desiredCapacity,
    }),
  );
  const had = Object.entries(previous.tags);
  if (had.length) {
    await client.send(
      new CreateOrUpdateTagsCommand({
        Tags: had.map(([Key, Value]) => ({
          ResourceId: group,
          ResourceType: 'auto-scaling-group',
          Key,
          Value,
          PropagateAtLaunch: false,
        })),
      }),
    );
  }
  // The step's own blue-green tags.
  await removeTags(
    client,
    group,
    RESTORED_TAGS.filter((key) => !(key in previous.tags)),
  );
  const template = previous.launchTemplate
    ? ` (launch template version ${previous.launchTemplate.Version ?? 'as before'})`
    : '';
  return `group '${group}' detached and put back as it was${template}: ${previous.desiredCapacity} instance(s), its tags`;
}

export function idleTags(plan: Pick<IdlePlan, 'live' | 'colour' | 'ami'>, context: RunContext) {
  const inherited = (plan.live.group.Tags ?? []).filter(
    (t) => t.Key && !t.Key.startsWith('aws:') && !NOT_INHERITED.has(t.Key),
  );
  const own: Record<string, string> = {
    [BG_TAG.colour]: plan.colour,
    [BG_TAG.ami]: plan.ami,
    [TAG.runId]: runTag(context),
    ...(context.runUrl ? { [TAG.runUrl]: context.runUrl } : {}),
  };
  return [
    ...inherited
      .filter((t) => !(t.Key! in own))
      .map((t) => ({ Key: t.Key!, Value: t.Value ?? '', PropagateAtLaunch: !!t.PropagateAtLaunch })),
    ...Object.entries(own).map(([Key, Value]) => ({ Key, Value, PropagateAtLaunch: false })),
  ];
}

/**
 * The live group's instance maintenance policy for a group that may have its own: none on the live
 * group clears the other's (-1), so both replace instances alike.
 */
function maintenancePolicyFor(live: AutoScalingGroup, existing?: AutoScalingGroup) {
  if (live.InstanceMaintenancePolicy) return live.InstanceMaintenancePolicy;
  return existing?.InstanceMaintenancePolicy
    ? { MinHealthyPercentage: -1, MaxHealthyPercentage: -1 }
    : undefined;
}

/** Settings the idle group takes from the live one (for create and update alike). */
function copiedSettings(live: AutoScalingGroup, existing?: AutoScalingGroup) {
  return {
    InstanceMaintenancePolicy: maintenancePolicyFor(live, existing),
    MinSize: live.MinSize,
    MaxSize: live.MaxSize,
    DesiredCapacity: live.DesiredCapacity,
    VPCZoneIdentifier: live.VPCZoneIdentifier,
    HealthCheckType: live.HealthCheckType,
    HealthCheckGracePeriod: live.HealthCheckGracePeriod,
    DefaultInstanceWarmup: live.DefaultInstanceWarmup,
    DefaultCooldown: live.DefaultCooldown,
    TerminationPolicies: live.TerminationPolicies,
    CapacityRebalance: live.CapacityRebalance,
    NewInstancesProtectedFromScaleIn: live.NewInstancesProtectedFromScaleIn,
    MaxInstanceLifetime: live.MaxInstanceLifetime,
    // The default role needs no iam:PassRole; a custom one is passed on.
    ServiceLinkedRoleARN: live.ServiceLinkedRoleARN?.endsWith('/AWSServiceRoleForAutoScaling')
      ? undefined
      : live.ServiceLinkedRoleARN,
  };
}

async function lifecycleHooks(live: GroupState) {
  const out = await awsClient(AutoScalingClient, live.region).send(
    new DescribeLifecycleHooksCommand({ AutoScalingGroupName: live.name }),
  );
  return (out.LifecycleHooks ?? []).map((h) => ({
    LifecycleHookName: h.LifecycleHookName!,
    LifecycleTransition: h.LifecycleTransition!,
    NotificationMetadata: h.NotificationMetadata,
    HeartbeatTimeout: h.HeartbeatTimeout,
    DefaultResult: h.DefaultResult,
    NotificationTargetARN: h.NotificationTargetARN,
    RoleARN: h.RoleARN,
  }));
}

async function copyScalingPolicies(live: GroupState, name: string): Promise<number> {
  const out = await awsClient(AutoScalingClient, live.region).send(
    new DescribePoliciesCommand({ AutoScalingGroupName: live.name }),
  );
  const policies: ScalingPolicy[] = out.ScalingPolicies ?? [];
  for (const p of policies) {
    await awsClient(AutoScalingClient, live.region).send(
      new PutScalingPolicyCommand({
        AutoScalingGroupName: name,
        PolicyName: p.PolicyName!,
        PolicyType: p.PolicyType,
        AdjustmentType: p.AdjustmentType,
        MinAdjustmentMagnitude: p.MinAdjustmentMagnitude,
        ScalingAdjustment: p.ScalingAdjustment,
        Cooldown: p.Cooldown,
        MetricAggregationType: p.MetricAggregationType,
        StepAdjustments: p.StepAdjustments,
        EstimatedInstanceWarmup: p.EstimatedInstanceWarmup,
        TargetTrackingConfiguration: p.TargetTrackingConfiguration,
        PredictiveScalingConfiguration: p.PredictiveScalingConfiguration,
        Enabled: p.Enabled,
      }),
    );
  }
  return policies.length;
}

/** Creates (or fills) the idle group with the new template versions; recorded before it is touched. */
export async function prepareIdle(plan: IdlePlan, versions: NewVersions, step: StepScope): Promise<Incoming> {
  const { live } = plan;
  const context = step.context;
  const client = awsClient(AutoScalingClient, live.region);
  const incoming = step.record({
    kind: 'retire-incoming-group',
    region: live.region,
    group: plan.name,
    created: !plan.existing,
    targetGroupArns: plan.targetGroupArns,
    traffic: plan.traffic,
    // Changed in place below: what it was, for the undo to put back.
    previous: plan.existing ? previousOf(plan.existing) : undefined,
  });
  const settings = { ...copiedSettings(live.group, plan.existing), ...desiredConfiguration(live, versions) };
  if (plan.existing) {
    await client.send(new UpdateAutoScalingGroupCommand({ AutoScalingGroupName: plan.name, ...settings }));
    await client.send(
      new CreateOrUpdateTagsCommand({
        Tags: idleTags(plan, context).map((t) => ({
          ...t,
          ResourceId: plan.name,
          ResourceType: 'auto-scaling-group',
        })),
      }),
    );
    await client.send(
      new DeleteTagsCommand({
        Tags: [BG_TAG.keepUntil, BG_TAG.rolledBack].map((Key) => ({
          ResourceId: plan.name,
          ResourceType: 'auto-scaling-group',
          Key,
        })),
      }),
    );
    await attachTargetGroups(live.region, plan.name, plan.targetGroupArns);
  } else {
    await client.send(
      new CreateAutoScalingGroupCommand({
        AutoScalingGroupName: plan.name,
        ...settings,
        TargetGroupARNs: plan.targetGroupArns,
        Tags: idleTags(plan, context).map((t) => ({
          ...t,
          ResourceId: plan.name,
          ResourceType: 'auto-scaling-group',
        })),
        LifecycleHookSpecificationList: await lifecycleHooks(live),
      }),
    );
  }
  await copyScalingPolicies(live, plan.name);
  await copyExtras(live.region, plan.name, plan.extras, (copied) => incoming.update({ copied }));
  const metrics = live.group.EnabledMetrics ?? [];
  if (metrics.length) {
    await client.send(
      new EnableMetricsCollectionCommand({
        AutoScalingGroupName: plan.name,
        Metrics: metrics.map((m) => m.Metric!),
        Granularity: metrics[0].Granularity ?? '1Minute',
      }),
    );
  }
  return incoming;
}

/** A rollback's kept group back to the live group's sizes, in the target groups it will serve from. */
export async function scaleBackKept(
  kept: GroupState,
  live: GroupState,
  plan: { targetGroupArns: string[]; traffic?: TrafficPlan; extras: GroupExtras },
  step: StepScope,
): Promise<Incoming> {
  const client = awsClient(AutoScalingClient, kept.region);
  const incoming = step.record({
    kind: 'retire-incoming-group',
    region: kept.region,
    group: kept.name,
    created: false,
    targetGroupArns: plan.targetGroupArns,
    traffic: plan.traffic,
    previous: previousOf(kept.group),
  });
  await attachTargetGroups(kept.region, kept.name, plan.targetGroupArns);
  await client.send(
    new UpdateAutoScalingGroupCommand({
      AutoScalingGroupName: kept.name,
      MinSize: live.group.MinSize,
      MaxSize: live.group.MaxSize,
      DesiredCapacity: live.group.DesiredCapacity,
      InstanceMaintenancePolicy: maintenancePolicyFor(live.group, kept.group),
    }),
  );
  await copyExtras(kept.region, kept.name, plan.extras, (copied) => incoming.update({ copied }));
  return incoming;
}

/**
 * The undo of an incoming group that never took over: any traffic it got goes back to the live
 * group first, then it is deleted (when this rollout created it) or detached and put back as it was
 * before the step. Either way it no longer carries the serving tag: a switch that tagged it serving
 * and failed to untag the live group (markServing's second call) must not leave two groups serving,
 * which every later run refuses.
 */
export async function retireIncomingUndo(
  undo: UndoOf<'retire-incoming-group'>,
  scope: UndoScope,
): Promise<string> {
  const client = awsClient(AutoScalingClient, undo.region);
  if (scope.inPostStep) {
    core.warning(
      `The main step ended before '${undo.group}' took the traffic: removing it; the live group still serves.`,
    );
  }
  const done: string[] = [];
  if (undo.traffic) done.push(await shiftBack(undo.traffic));
  // First, also for a group deleted next (AWS lists it, tags and all, while the delete runs).
  await removeTags(client, undo.group, [BG_TAG.serving]).catch((error) => {
    // A group whose create never went through has no tag to remove.
    const missing = errorCode(error) === 'ValidationError' && /not found/i.test((error as Error).message);
    if (!(undo.created && missing)) throw error;
  });
  if (undo.created) {
    await client.send(
      new DeleteAutoScalingGroupCommand({ AutoScalingGroupName: undo.group, ForceDelete: true }),
    );
    done.push(`group '${undo.group}' deleted`);
    return done.join('; ');
  }
  await detachTargetGroups(undo.region, undo.group, undo.targetGroupArns);
  if (undo.copied) done.push(...(await removeExtras(undo.region, undo.group, undo.copied)));
  if (undo.previous) {
    done.push(await restore(undo.region, undo.group, undo.previous));
    return done.join('; ');
  }
  // Journals written before `previous` was recorded.
  await client.send(
    new UpdateAutoScalingGroupCommand({ AutoScalingGroupName: undo.group, MinSize: 0, DesiredCapacity: 0 }),
  );
  done.push(`group '${undo.group}' detached and scaled to zero`);
  return done.join('; ');
}
