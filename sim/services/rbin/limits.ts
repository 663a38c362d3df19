/** The Recycle Bin limits the simulator enforces (see sim/LIMITS.md). */
export const RBIN = {
  /** RetentionPeriodValue in DAYS: 1 to 365 for snapshots and AMIs, 1 to 7 for volumes. */
  maxRetentionDays: { EBS_SNAPSHOT: 365, EC2_IMAGE: 365, EBS_VOLUME: 7 },
  /** ResourceTags per retention rule. */
  resourceTagsPerRule: 50,
  /** ExcludeResourceTags per (Region-level) retention rule. */
  excludeTagsPerRule: 5,
};
