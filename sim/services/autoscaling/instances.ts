/** DescribeAutoScalingInstances: the account's group instances across the region's groups. */
import type {
  AutoScalingInstanceDetails,
  DescribeAutoScalingInstancesCommandInput,
  DescribeAutoScalingInstancesCommandOutput,
} from '@aws-sdk/client-auto-scaling';
import { paginate } from '../../core/pagination.js';
import { AwsError, type Handler } from '../../core/types.js';
import { advanceAutoScaling } from './engine.js';
import { ASG_PAGING, MAX_INSTANCE_IDS } from './limits.js';
import { asgRegion } from './state.js';

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
