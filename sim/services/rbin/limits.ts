/** The Recycle Bin limits the simulator enforces (see sim/LIMITS.md). */
export const RBIN = {
  /** RetentionPeriodValue in DAYS: 1 to 365. */
  maxRetentionDays: 365,
  /** ResourceTags per retention rule. */
  resourceTagsPerRule: 50,
  /** Retention rules per Region (default quota). */
  rulesPerRegion: 250,
};
