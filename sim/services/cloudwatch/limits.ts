/** The CloudWatch limits the simulator enforces, from the CloudWatch API Reference (see sim/LIMITS.md). */
import { CLOUDWATCH_PAGES, pages } from '../../core/pagination.js';

/** MaxRecords 1 to 100; no default is documented, the simulator answers pages of 50. */
export const CLOUDWATCH_PAGING = {
  DescribeAlarms: pages(CLOUDWATCH_PAGES, 1, 100, 50),
};

/** Alarm names in one DescribeAlarms call. */
export const MAX_ALARM_NAMES = 100;
