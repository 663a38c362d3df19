/** The ELBv2 limits the simulator enforces, from the ELBv2 API Reference (see sim/LIMITS.md). */
import { ELBV2_PAGES, pages } from '../../core/pagination.js';

/** PageSize 1 to 400; no default is documented: without PageSize every item comes in one page. */
export const ELBV2_PAGING = {
  DescribeTargetGroups: pages(ELBV2_PAGES, 1, 400),
  DescribeLoadBalancers: pages(ELBV2_PAGES, 1, 400),
  DescribeListeners: pages(ELBV2_PAGES, 1, 400),
  DescribeRules: pages(ELBV2_PAGES, 1, 400),
};

/** Target groups in one weighted forward action. */
export const MAX_WEIGHTED_TARGET_GROUPS = 5;
