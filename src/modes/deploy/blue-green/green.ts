/**
 * The idle group, made to be what the live group is but with the new AMI: a new numbered version
 * of the live group's launch template, and the live group's sizes, subnets, health checks, warm-up,
 * termination policies, capacity rebalance, tags, target groups, lifecycle hooks, scaling policies
 * and metrics collection. Created, or (when it exists and is empty) updated in place.
 */
import {
  AttachLoadBalancerTargetGroupsCommand,
  AutoScalingClient,
  type AutoScalingGroup,
  CreateAutoScalingGroupCommand,
  CreateOrUpdateTagsCommand,
  DeleteAutoScalingGroupCommand,
  DeleteTagsCommand,
  DescribeLifecycleHooksCommand,
  DescribePoliciesCommand,
  DetachLoadBalancerTargetGroupsCommand,
  EnableMetricsCollectionCommand,
  type LaunchTemplateSpecification,
  type MixedInstancesPolicy,
  PutScalingPolicyCommand,
  type ScalingPolicy,
  UpdateAutoScalingGroupCommand,
} from '@aws-sdk/client-auto-scaling';
import { CreateLaunchTemplateVersionCommand, EC2Client } from '@aws-sdk/client-ec2';
import { awsClient } from '../../../aws/clients.js';
import { clientToken } from '../../../aws/tokens.js';
import type { RunContext } from '../../../context.js';
import { runTag } from '../../../context.js';
import { TAG } from '../../../tags.js';
import { DeployError, type GroupState } from '../groups.js';
import { describeDeploy } from '../history.js';
import { BG_TAG, NOT_INHERITED } from './tags.js';

export interface GreenPlan {
  live: GroupState;
  name: string;
  colour: string;
  ami: string;
  targetGroupArns: string[];
  /** The idle group when it exists already. */
  existing?: AutoScalingGroup;
}

export async function createTemplateVersion(plan: GreenPlan, context: RunContext): Promise<number> {
  const { live } = plan;
  const run = context.runUrl ? ` (${context.runUrl})` : '';
  const out = await awsClient(EC2Client, live.region).send(
    new CreateLaunchTemplateVersionCommand({
      LaunchTemplateId: live.templateId,
      SourceVersion: String(live.version),
      VersionDescription: describeDeploy(plan.ami, live.ami, live.version, run),
      LaunchTemplateData: { ImageId: plan.ami },
      ClientToken: clientToken(context, [
        'blue-green',
        live.region,
        plan.name,
        String(live.version),
        plan.ami,
      ]),
    }),
  );
  return out.LaunchTemplateVersion!.VersionNumber!;
}

function launchSpec(live: GroupState, version: number) {
  const spec: LaunchTemplateSpecification = { LaunchTemplateId: live.templateId, Version: String(version) };
  if (!live.mixed) return { LaunchTemplate: spec };
  const policy = structuredClone(live.group.MixedInstancesPolicy) as MixedInstancesPolicy;
  policy.LaunchTemplate = { ...policy.LaunchTemplate, LaunchTemplateSpecification: spec };
  return { MixedInstancesPolicy: policy };
}

function greenTags(plan: GreenPlan, context: RunContext) {
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

/** Settings the idle group takes from the live one (for create and update alike). */
function copiedSettings(live: AutoScalingGroup) {
  return {
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

/** Refuses an idle group that is not idle: deploying into it would mix AMIs and serve twice. */
export function checkIdle(name: string, region: string, existing?: AutoScalingGroup): void {
  const running = (existing?.Instances ?? []).filter((i) => i.LifecycleState !== 'Terminating');
  if (running.length) {
    throw new DeployError(
      `Group '${name}' (${region}), the one to deploy into, is not idle: it has ${running.length} instance(s). ` +
        'Nothing was changed. Scale it to zero first (it must not serve while the other group does).',
    );
  }
}

/** Creates (or fills) the idle group; returns the launch template version it launches. */
export async function prepareGreen(plan: GreenPlan, context: RunContext): Promise<number> {
  const { live } = plan;
  const client = awsClient(AutoScalingClient, live.region);
  const version = await createTemplateVersion(plan, context);
  const settings = { ...copiedSettings(live.group), ...launchSpec(live, version) };
  if (plan.existing) {
    await client.send(new UpdateAutoScalingGroupCommand({ AutoScalingGroupName: plan.name, ...settings }));
    await client.send(
      new CreateOrUpdateTagsCommand({
        Tags: greenTags(plan, context).map((t) => ({
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
    if (plan.targetGroupArns.length) {
      await client.send(
        new AttachLoadBalancerTargetGroupsCommand({
          AutoScalingGroupName: plan.name,
          TargetGroupARNs: plan.targetGroupArns,
        }),
      );
    }
  } else {
    await client.send(
      new CreateAutoScalingGroupCommand({
        AutoScalingGroupName: plan.name,
        ...settings,
        TargetGroupARNs: plan.targetGroupArns,
        Tags: greenTags(plan, context).map((t) => ({
          ...t,
          ResourceId: plan.name,
          ResourceType: 'auto-scaling-group',
        })),
        LifecycleHookSpecificationList: await lifecycleHooks(live),
      }),
    );
  }
  await copyScalingPolicies(live, plan.name);
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
  return version;
}

/** After a bad signal: the idle group goes back to idle (deleted when this deploy created it). */
export async function discardGreen(plan: GreenPlan, created: boolean): Promise<string> {
  const client = awsClient(AutoScalingClient, plan.live.region);
  if (created) {
    await client.send(
      new DeleteAutoScalingGroupCommand({ AutoScalingGroupName: plan.name, ForceDelete: true }),
    );
    return `group '${plan.name}' deleted`;
  }
  if (plan.targetGroupArns.length) {
    await client.send(
      new DetachLoadBalancerTargetGroupsCommand({
        AutoScalingGroupName: plan.name,
        TargetGroupARNs: plan.targetGroupArns,
      }),
    );
  }
  await client.send(
    new UpdateAutoScalingGroupCommand({ AutoScalingGroupName: plan.name, MinSize: 0, DesiredCapacity: 0 }),
  );
  return `group '${plan.name}' detached and scaled to zero`;
}
