/** The Auto Scaling service model (awsQuery, signing name `autoscaling`): operation names -> handlers. */
import type { ServiceModel } from '../../core/types.js';
import {
  CreateAutoScalingGroup,
  DeleteAutoScalingGroup,
  DescribeAutoScalingGroups,
  UpdateAutoScalingGroup,
} from './groups.js';
import {
  CancelInstanceRefresh,
  DescribeInstanceRefreshes,
  RollbackInstanceRefresh,
  StartInstanceRefresh,
} from './instance-refresh.js';
import { DescribeAutoScalingInstances } from './instances.js';
import { DescribeLifecycleHooks, PutLifecycleHook } from './lifecycle-hooks.js';
import { EnableMetricsCollection } from './metrics.js';
import { DescribePolicies, PutScalingPolicy } from './scaling-policies.js';
import { seedAutoScaling } from './scenario.js';
import { initAsgState } from './state.js';
import { CreateOrUpdateTags, DeleteTags, DescribeTags } from './tags.js';
import {
  AttachLoadBalancerTargetGroups,
  DescribeLoadBalancerTargetGroups,
  DetachLoadBalancerTargetGroups,
} from './target-groups.js';

export const autoscaling: ServiceModel = {
  signingName: 'autoscaling',
  handlers: {
    DescribeAutoScalingGroups,
    DescribeAutoScalingInstances,
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
  seed: seedAutoScaling,
};
