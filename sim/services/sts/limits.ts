/** The STS limits the simulator enforces, from the STS API Reference (see sim/LIMITS.md). */

/** AssumeRole DurationSeconds: 900 to 43200, default 3600. */
export const MIN_SESSION_SECONDS = 900;
export const MAX_SESSION_SECONDS = 43_200;
export const DEFAULT_SESSION_SECONDS = 3600;
/** A session assumed with a role session's credentials (role chaining) lasts at most one hour. */
export const CHAINED_SESSION_SECONDS = 3600;
/** IAM's default MaxSessionDuration of a role; a role may set 3600 to 43200. */
export const DEFAULT_MAX_SESSION_DURATION = 3600;

export const SESSION_NAME = { min: 2, max: 64, pattern: /^[\w+=,.@-]*$/ };
export const EXTERNAL_ID = { min: 2, max: 1224, pattern: /^[\w+=,.@:/-]*$/ };
export const ROLE_ARN_LENGTH = { min: 20, max: 2048 };
