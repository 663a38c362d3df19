/** The Systems Manager limits the simulator enforces, each from the SSM API Reference (see sim/LIMITS.md). */
import { pages, SSM_PAGES } from '../../core/pagination.js';

/**
 * MaxResults per list call. DescribeInstanceInformation documents its default (10); the others
 * document none, and the simulator then answers pages of the maximum.
 */
export const SSM_PAGING = {
  DescribeInstanceInformation: pages(SSM_PAGES, 5, 50, 10),
  GetParameterHistory: pages(SSM_PAGES, 1, 50, 50),
  DescribeParameters: pages(SSM_PAGES, 1, 50, 50),
  GetParametersByPath: pages(SSM_PAGES, 1, 10, 10),
  ListCommands: pages(SSM_PAGES, 1, 50, 50),
  ListCommandInvocations: pages(SSM_PAGES, 1, 50, 50),
};

/** SendCommand: instance ids and target criteria per call. */
export const MAX_INSTANCES_PER_COMMAND = 50;
export const MAX_TARGETS_PER_COMMAND = 5;
export const MAX_TARGET_VALUES = 50;
/** Parameter Store: versions kept, labels per version, hierarchy depth. */
export const MAX_VERSIONS = 100;
export const MAX_LABELS_PER_VERSION = 10;
export const MAX_HIERARCHY_LEVELS = 15;
