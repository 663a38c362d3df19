/** The Auto Scaling limits the simulator enforces, each from the Auto Scaling API Reference (see sim/LIMITS.md). */
import { AUTOSCALING_PAGES, pages } from '../../core/pagination.js';

/** MaxRecords: default 50, maximum 100, for every paged describe but DescribeAutoScalingInstances (50). */
export const ASG_PAGING = {
  DescribeAutoScalingInstances: pages(AUTOSCALING_PAGES, 1, 50, 50),
  DescribeAutoScalingGroups: pages(AUTOSCALING_PAGES, 1, 100, 50),
  DescribeInstanceRefreshes: pages(AUTOSCALING_PAGES, 1, 100, 50),
  DescribeTags: pages(AUTOSCALING_PAGES, 1, 100, 50),
  DescribePolicies: pages(AUTOSCALING_PAGES, 1, 100, 50),
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
