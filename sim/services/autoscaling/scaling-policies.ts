/** Scaling policies (kept and described, not acted on): PutScalingPolicy, DescribePolicies. */
import type {
  DescribePoliciesCommandInput,
  DescribePoliciesCommandOutput,
  PutScalingPolicyCommandInput,
  PutScalingPolicyCommandOutput,
} from '@aws-sdk/client-auto-scaling';
import { paginate } from '../../core/pagination.js';
import { AwsError, type Handler } from '../../core/types.js';
import { ASG_PAGING } from './limits.js';
import { asgRegion, requireGroup } from './state.js';

export const PutScalingPolicy: Handler<PutScalingPolicyCommandInput, PutScalingPolicyCommandOutput> = (
  input,
  ctx,
) => {
  const g = requireGroup(ctx, input.AutoScalingGroupName);
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
};

export const DescribePolicies: Handler<DescribePoliciesCommandInput, DescribePoliciesCommandOutput> = (
  input,
  ctx,
) => {
  const groups = input.AutoScalingGroupName
    ? [requireGroup(ctx, input.AutoScalingGroupName)]
    : Object.values(asgRegion(ctx.sim, ctx.region).groups);
  const names: string[] = input.PolicyNames ?? [];
  const types: string[] = input.PolicyTypes ?? [];
  const policies = groups
    .flatMap((g) => g.ScalingPolicies ?? [])
    .filter((p) => !names.length || names.includes(p.PolicyName))
    .filter((p) => !types.length || types.includes(p.PolicyType));
  const { page, next } = paginate(policies, input, ASG_PAGING.DescribePolicies);
  return { ScalingPolicies: page, NextToken: next };
};
