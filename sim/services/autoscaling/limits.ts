/** The Auto Scaling limits the simulator enforces, each from the Auto Scaling API Reference (see sim/LIMITS.md). */
import { AUTOSCALING_PAGES, pages } from '../../core/pagination.js';

/** MaxRecords: default 50, maximum 100, for every paged describe but DescribeAutoScalingInstances (50). */
export const ASG_PAGING = {
  DescribeAutoScalingInstances: pages(AUTOSCALING_PAGES, 1, 50, 50),
  DescribeAutoScalingGroups: pages(AUTOSCALING_PAGES, 1, 100, 50),
  DescribeInstanceRefreshes: pages(AUTOSCALING_PAGES, 1, 100, 50),
  DescribeTags: pages(AUTOSCALING_PAGES, 1, 100, 50),
  DescribePolicies: pages(AUTOSCALING_PAGES, 1, 100, 50),
  DescribeScheduledActions: pages(AUTOSCALING_PAGES, 1, 100, 50),
  /** "The maximum value is 50." (no default documented: pages of 50) */
  DescribeTrafficSources: pages(AUTOSCALING_PAGES, 1, 50, 50),
  DescribeWarmPool: pages(AUTOSCALING_PAGES, 1, 50, 50),
  /** "The default value is 100 and the maximum value is 100." */
  DescribeLoadBalancerTargetGroups: pages(AUTOSCALING_PAGES, 1, 100, 100),
};

/** DescribeAutoScalingGroups: names per call, unless MaxRecords is raised above it. */
export const DEFAULT_MAX_GROUP_NAMES = 50;
/** DescribeLifecycleHooks: hook names per call. */
export const MAX_LIFECYCLE_HOOK_NAMES = 50;
/** StartInstanceRefresh: CheckpointDelay and BakeTime, in seconds. */
export const MAX_REFRESH_WAIT_SECONDS = 172_800;
/** StartInstanceRefresh: alarms in AlarmSpecification. */
export const MAX_REFRESH_ALARMS = 10;
/** DescribeAutoScalingInstances: instance ids per call. */
export const MAX_INSTANCE_IDS = 50;
/** AttachTrafficSources / DetachTrafficSources: traffic sources per call. */
export const MAX_TRAFFIC_SOURCES_PER_CALL = 10;
/** AttachLoadBalancerTargetGroups / DetachLoadBalancerTargetGroups: target groups per call. */
export const MAX_TARGET_GROUPS_PER_CALL = 10;
/** Target groups attached to one group (Auto Scaling quota, not adjustable). */
export const MAX_TARGET_GROUPS_PER_GROUP = 50;
/** SetInstanceProtection: instance ids per call. */
export const MAX_PROTECTION_INSTANCE_IDS = 50;
/** EnterStandby / ExitStandby: instance ids per call. */
export const MAX_STANDBY_INSTANCE_IDS = 20;
/** BatchPutScheduledUpdateGroupAction / BatchDeleteScheduledAction: scheduled actions (names) per call. */
export const MAX_SCHEDULED_ACTIONS_PER_BATCH = 50;
