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
import {
  DescribeAutoScalingInstances,
  EnterStandby,
  ExitStandby,
  SetInstanceProtection,
} from './instances.js';
import { DescribeLifecycleHooks, PutLifecycleHook } from './lifecycle-hooks.js';
import { EnableMetricsCollection } from './metrics.js';
import { DescribePolicies, PutScalingPolicy } from './scaling-policies.js';
import { seedAutoScaling } from './scenario.js';
import {
  BatchDeleteScheduledAction,
  BatchPutScheduledUpdateGroupAction,
  DeleteScheduledAction,
  DescribeScheduledActions,
  PutScheduledUpdateGroupAction,
} from './scheduled-actions.js';
import { initAsgState } from './state.js';
import { CreateOrUpdateTags, DeleteTags, DescribeTags } from './tags.js';
import {
  AttachLoadBalancerTargetGroups,
  DescribeLoadBalancerTargetGroups,
  DetachLoadBalancerTargetGroups,
} from './target-groups.js';
import { AttachTrafficSources, DescribeTrafficSources, DetachTrafficSources } from './traffic-sources.js';
import { DeleteWarmPool, DescribeWarmPool, PutWarmPool } from './warm-pool-api.js';

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
    SetInstanceProtection,
    EnterStandby,
    ExitStandby,
    PutWarmPool,
    DescribeWarmPool,
    DeleteWarmPool,
    PutScheduledUpdateGroupAction,
    DescribeScheduledActions,
    DeleteScheduledAction,
    BatchPutScheduledUpdateGroupAction,
    BatchDeleteScheduledAction,
    AttachTrafficSources,
    DetachTrafficSources,
    DescribeTrafficSources,
  },
  initState: initAsgState,
  seed: seedAutoScaling,
};
